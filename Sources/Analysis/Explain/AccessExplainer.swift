import RAMPolicy

/// Explains when one identity may perform an action: not "allowed for this context" but the exact set
/// of contexts, derived from the conditions of every layer (control, session, identity — combined as
/// ``Authorizer`` combines them, reference §5.2).
///
/// The analysis cuts each condition key's values into cells on which every condition is constant
/// (``KeySpace``), turns statements into boxes of per-key constraints, intersects the layers' Allow
/// regions and subtracts every Deny — all exactly, including absent keys, `IfExists`, negated
/// operators and multi-valued keys. It then builds an allowed and a denied example context and
/// re-evaluates both with the engine. Where a condition is outside the model (wildcard IP values,
/// non-ASCII String values, one key compared by two operator families) it answers "undecidable" and says why.
public struct AccessExplainer: Sendable {
    public let layers: PolicyLayers
    public let scope: any ResourceScope
    /// Finds the statements that take part, with the engine that confirms the examples.
    let index: StatementIndex
    /// The engine that confirms the examples (compiled on each use by an explainer for a few actions).
    var authorizer: Authorizer { index.authorizer }

    public init(layers: PolicyLayers, scope: any ResourceScope = OperationGranularServices()) {
        self.layers = layers
        self.scope = scope
        index = StatementIndex(layers: layers, scope: scope)
    }

    /// An explainer for these actions only (``explain(action:resource:)`` with any other action is a
    /// programming error). The engine is compiled from just the statements whose Action or NotAction
    /// covers one of them (see ``StatementIndex/init(layers:scope:actions:)``) — for an audit of
    /// `vod:SubmitWorkflowJob`, a small part of each identity's policies. Past a few actions
    /// (`--actions-from catalog` asks for every VOD action) most statements match one of them, and one
    /// full compile is cheaper than the filtering.
    public init(layers: PolicyLayers, scope: any ResourceScope = OperationGranularServices(), actions: [String]) {
        self.layers = layers
        self.scope = scope
        index = StatementIndex(layers: layers, scope: scope, actions: actions.count <= Self.scopedActionLimit ? actions : nil)
    }

    static let scopedActionLimit = 8

    public func explain(action: String, resource: String = "*") -> AccessExplanation {
        let relevant = index.relevant(action: action, resource: resource)
        let space = ConditionSpace(statements: relevant.layers.flatMap(\.statements))
        return explain(action: action, resource: resource, relevant: relevant, space: space).explanation
    }

    /// The verdict, its summary and the statements behind them — what an audit reports of each check —
    /// without the rest of ``explain(action:resource:)``: no assumptions, no allowed-when terms beyond
    /// those the summary names, no example contexts and so no engine run to confirm them. The fields it
    /// has are those ``explain(action:resource:)`` gives (a test compares the two); an audit of
    /// thousands of identities spent most of its explaining time on the parts it never reports.
    public func verdict(action: String, resource: String = "*") -> AccessVerdict {
        let relevant = index.relevant(action: action, resource: resource, assumptions: false)
        // A layer with no Allow statement decides the verdict before any condition is looked at.
        let granting = relevant.layers.allSatisfy { $0.statements.contains { $0.statement.effect == .allow } }
        let space = granting ? ConditionSpace(layers: relevant.layers) : ConditionSpace(statements: [])
        let e = explain(action: action, resource: resource, relevant: relevant, space: space, detail: .verdict).explanation
        return AccessVerdict(verdict: e.verdict, summary: e.summary, granting: e.granting, exceptions: e.exceptions.map(\.statement))
    }

    /// How much of an explanation to build.
    enum Detail {
        /// Everything ``AccessExplanation`` holds.
        case full
        /// What ``AccessVerdict`` holds: verdict, summary, granting statements and exceptions.
        case verdict
    }

    /// The explanation, and the region it rests on (nil when undecidable or decided without one), in
    /// the given condition space — the diff passes a space shared by both policy sets.
    func explain(action: String, resource: String,
                 relevant: (layers: [(layer: PolicyLayer, statements: [StatementMatch])], assumptions: [Assumption]),
                 space: ConditionSpace, detail: Detail = .full) -> (explanation: AccessExplanation, region: AccessRegion?) {
        let full = detail == .full
        var out = AccessExplanation(
            action: action, resource: resource, verdict: .undecidable, allowedWhen: [], exceptions: [], summary: "",
            allowedExample: nil, deniedExample: nil, examplesConfirmed: false, granting: [], undecidableReasons: [],
            assumptions: full ? relevant.assumptions + Self.conditionAssumptions(relevant.layers.flatMap(\.statements), space) : [])

        // A layer in force with no Allow statement for the action denies everything, whatever the conditions.
        if let empty = relevant.layers.first(where: { !$0.statements.contains { $0.statement.effect == .allow } }) {
            out.verdict = .never
            out.summary = SummaryWriter.noGrant(layer: empty.layer, action: action, resource: resource)
            if full {
                out.deniedExample = [:]
                confirm(&out)
            }
            return (out, nil)
        }

        let region: AccessRegion
        do throws(AccessRegion.Failure) {
            region = try AccessRegion(layers: relevant.layers, space: space)
        } catch {
            let reasons: [String]
            switch error {
            case .undecidable:
                reasons = space.undecidable.map(\.reason)
            case .tooLarge:
                reasons = ["the conditions combine into more than \(Region.limit) cases"]
            }
            out.undecidableReasons = reasons
            out.summary = SummaryWriter.undecidable(action: action, reasons: reasons)
            return (out, nil)
        }

        if full, let f = Self.multiValuedKey(region) {
            let a = Assumption(kind: .multiValuedRequestKey,
                               detail: "conditions of several statements or operators on \(space.spaces[f]?.key ?? f) combine; the summary reads the key as carrying one value, the constraints follow the any-value rule for several values")
            if !out.assumptions.contains(a) { out.assumptions.append(a) }
        }
        let carving = region.carvingDenies
        out.granting = region.grantingAllows

        if region.allowed.isEmpty {
            out.verdict = .never
            if region.granted.isEmpty {
                out.summary = SummaryWriter.contradictory(action: action)
                if full { out.deniedExample = [:] }
            } else {
                out.exceptions = carving.map { DenyException(constraints: full ? space.constraints($0.box) : [], statement: $0.match, layer: $0.match.layer) }
                out.summary = SummaryWriter.denied(out.exceptions.map(\.statement))
                // A context the Allow statements grant shows the Deny at work.
                if full { out.deniedExample = region.granted.boxes.first.map(space.sample) ?? [:] }
            }
            if full { confirm(&out) }
            return (out, region)
        }

        // Only a region holding the request that carries no condition key can be every context: when
        // no box admits it, the answer is conditional without the complement, which a verdict does not
        // otherwise need (a full explanation takes its denied example from it).
        // A region holding the universe box has an empty complement: nothing to subtract to know it.
        let complement = region.allowed.isUniverse ? Region.empty
            : full || Self.admitsNoKey(region.allowed) ? try? region.allowed.complement() : nil
        if complement?.isEmpty == true {
            out.verdict = .always
            out.allowedWhen = [[]]
            out.summary = SummaryWriter.always()
            if full {
                out.allowedExample = region.allowed.boxes.first.map(space.sample) ?? [:]
                confirm(&out)
            }
            return (out, region)
        }

        out.verdict = .conditional
        // A verdict's summary needs only the words of the constraints, not their value sets.
        guard full else {
            out.exceptions = carving.map { DenyException(constraints: [], statement: $0.match, layer: $0.match.layer) }
            out.summary = SummaryWriter.conditional(granted: region.granted.boxes.map(space.descriptions),
                                                    exceptions: carving.map { (space.descriptions($0.box), $0.match) })
            return (out, region)
        }
        let exceptions = carving.map { DenyException(constraints: space.constraints($0.box), statement: $0.match, layer: $0.match.layer) }
        out.exceptions = exceptions
        let granted = region.granted.boxes.map(space.constraints)
        out.summary = SummaryWriter.conditional(granted: granted.map { $0.map(\.description) },
                                                exceptions: exceptions.map { ($0.constraints.map(\.description), $0.statement) })
        // The granted terms with the exceptions describe the allowed region too; the shorter form with
        // the Deny statements subtracted is worth computing only when it stays small.
        let small = region.allowed.boxes.count <= 2 * region.granted.boxes.count + 6
        out.allowedWhen = small ? region.allowed.boxes.map(space.constraints) : granted
        out.allowedExample = region.allowed.boxes.first.map(space.sample)
        out.deniedExample = deniedSample(region, complement, space)
        confirm(&out)
        return (out, region)
    }

    /// A context outside the allowed region: from the complement when it could be computed, else the
    /// first of a few candidates (no key at all, each exception, each key's other cells) that lies outside.
    private func deniedSample(_ region: AccessRegion, _ complement: Region?, _ space: ConditionSpace) -> [String: [String]]? {
        if let first = complement?.boxes.first { return space.sample(first) }
        var candidates: [[String: [String]]] = [[:]]
        candidates += region.carvingDenies.map { space.sample($0.box.intersection(region.granted.boxes.first ?? .universe)) }
        for f in space.order {
            guard let s = space.spaces[f] else { continue }
            candidates += s.witnesses.map { [s.key: [$0]] }
        }
        return candidates.first { c in
            let ctx = RequestContext(c.map { ($0.key, $0.value) })
            return !region.allowed.boxes.contains { space.contains($0, ctx) }
        }
    }

    /// Re-evaluates the examples with the engine and records whether they gave the promised decision.
    private func confirm(_ out: inout AccessExplanation) {
        let engine = authorizer
        var ok = out.allowedExample != nil || out.deniedExample != nil
        for (example, wantAllow) in [(out.allowedExample, true), (out.deniedExample, false)] {
            guard let example else { continue }
            let request = Request(action: out.action, resource: out.resource,
                                  context: RequestContext(example.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            let ev = engine.evaluate(request)
            if (ev.decision == .allow) != wantAllow { ok = false }
            for a in ev.assumptions where !out.assumptions.contains(a) { out.assumptions.append(a) }
        }
        out.examplesConfirmed = ok
    }

    /// Whether some box of the region holds the request that carries no condition key at all.
    static func admitsNoKey(_ region: Region) -> Bool {
        region.boxes.contains { $0.entries.allSatisfy(\.constraint.absent) }
    }

    /// A key on which the region's single-value reading and its several-values rule differ.
    static func multiValuedKey(_ region: AccessRegion) -> String? {
        for b in region.granted.boxes + region.allowed.boxes {
            for e in b.entries {
                let c = e.constraint
                if c.hits.count > 1 || (!c.hits.isEmpty && c.within?.isFull == false) { return e.key }
            }
        }
        return nil
    }

    /// The readings of undocumented condition semantics that the region depends on.
    static func conditionAssumptions(_ statements: [StatementMatch], _ space: ConditionSpace) -> [Assumption] {
        var out: [Assumption] = []
        func add(_ a: Assumption) { if !out.contains(a) { out.append(a) } }
        for m in statements {
            var seenKeys: [String: Int] = [:]
            // One condition cannot test its key twice: only longer blocks need the count.
            let counting = m.statement.conditions.count > 1
            for c in m.statement.conditions {
                let key = c.key.value
                if counting { seenKeys[Glob.fold(key), default: 0] += 1 }
                if c.op.isNegated {
                    add(Assumption(kind: .missingKeyUnderNegatedOperator,
                                   detail: "\(c.op.name) on \(key): a request without \(key) satisfies it",
                                   file: m.file, span: c.key.span, path: c.path))
                    if c.values.count > 1 {
                        add(Assumption(kind: .negatedOperatorSeveralValues,
                                       detail: "\(c.op.name) on \(key) with \(c.values.count) values: satisfied only if the request matches none",
                                       file: m.file, span: c.key.span, path: c.path))
                    }
                }
                if c.op.ifExists && c.op.family != .date {
                    add(Assumption(kind: .ifExistsOutsideDate,
                                   detail: "\(c.op.name): a request without \(key) satisfies it",
                                   file: m.file, span: c.key.span, path: c.path))
                }
            }
            for (f, n) in seenKeys.sorted(by: { $0.key < $1.key }) where n > 1 {
                add(Assumption(kind: .multiValuedRequestKey,
                               detail: "statement \(m.statement.index) tests \(space.spaces[f]?.key ?? f) \(n) times; a request carrying several values of it is read with the any-value rule",
                               file: m.file, span: m.statement.span, path: m.statement.path))
            }
        }
        for f in space.respelled {
            add(Assumption(kind: .keyNameCaseInsensitive,
                           detail: "\(space.spaces[f]?.key ?? f) is spelled in more than one way; the spellings are one key"))
        }
        return out
    }
}
