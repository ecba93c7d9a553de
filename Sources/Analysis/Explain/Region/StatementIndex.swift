import RAMPolicy

/// Finds the statements whose Action/NotAction, Resource/NotResource (and Principal) let them take
/// part in deciding one action on one resource — by asking the engine itself.
///
/// Each statement gets a probe: a copy with its conditions removed and its effect set to Allow, alone
/// in an ``Authorizer`` with the caller's resource scope. The probe allows a request exactly when the
/// statement matches its action and resource, so the analysis never re-implements (and never drifts
/// from) the engine's action globs, NotAction, All-Resources rule or resource patterns.
///
/// One probe authorizer per layer holds every statement of the layer (stripped, each in a copy of its own
/// policy so the trace names it by policy and statement index); one traced evaluation per action then
/// says which statements match — an audit of thousands of identities compiles each layer once, not once
/// per statement.
struct StatementIndex: Sendable {
    struct Layer: Sendable {
        let layer: PolicyLayer
        /// `originals[policyIndex][statementPosition]` — the real statement behind each probe statement.
        let originals: [[StatementMatch]]
        let probe: Authorizer?
        /// The probe's evaluation of each action of ``StatementIndex/evaluated(on:)`` on the resource
        /// `*`: both restricting the engine to those actions and explaining them on `*` (every audit
        /// check of an All-Resources action) need it, and an evaluation is deterministic.
        var onAnyResource: [String: Evaluation] = [:]

        func evaluate(action: String, resource: String) -> Evaluation? {
            guard let probe else { return nil }
            if resource == "*", let e = onAnyResource[action] { return e }
            return probe.evaluate(Request(action: action, resource: resource))
        }
    }

    private(set) var layers: [Layer]

    /// With `actions`, the index answers for those actions only, and a statement whose every Action entry
    /// certainly misses all of them — a literal that is not one of them, or a pattern whose literal service
    /// code is not theirs — gets no probe. That is only a necessary condition (it drops nothing that could
    /// match, and the engine still decides every statement kept); it spares compiling, in an audit of
    /// `vod:SubmitWorkflowJob`, the statements about other services.
    init(layers: PolicyLayers, scope: any ResourceScope, actions: [String]? = nil) {
        let prefilter = actions.map(ActionPrefilter.init)
        self.layers = layers.inForce.map { layer, policies in
            var originals: [[StatementMatch]] = []
            var probes: [Policy] = []
            for (p, policy) in policies.enumerated() {
                var matches: [StatementMatch] = []
                var stripped: [Statement] = []
                for (position, s) in policy.statements.enumerated() {
                    matches.append(StatementMatch(layer: layer, file: policy.source.name, policyIndex: p, statement: s))
                    if let prefilter, !prefilter.mayMatch(s) { continue }
                    // The statement's position stands in for its index, so the trace leads back to it.
                    stripped.append(Statement(
                        index: position, span: s.span, path: s.pathComponents, sid: s.sid, effect: .allow,
                        actionPolarity: s.actionPolarity, actions: s.actions, resourcePolarity: s.resourcePolarity,
                        resources: s.resources, principal: s.principal, conditions: []))
                }
                originals.append(matches)
                probes.append(Policy(source: policy.source, kind: .identity, statements: stripped,
                                     characterCount: policy.characterCount))
            }
            let probe = probes.isEmpty ? nil : Authorizer(identity: probes, scope: scope)
            return Layer(layer: layer, originals: originals, probe: probe)
        }
    }

    /// This index with the probes' evaluations of `actions` on `*` computed once and kept.
    func evaluated(on actions: [String]) -> StatementIndex {
        var copy = self
        for i in copy.layers.indices {
            guard let probe = copy.layers[i].probe else { continue }
            for action in actions where copy.layers[i].onAnyResource[action] == nil {
                copy.layers[i].onAnyResource[action] = probe.evaluate(Request(action: action, resource: "*"))
            }
        }
        return copy
    }

    /// The statements of each layer in force that match the action and resource, and the assumptions
    /// the matching relied on (case-insensitive actions, ARN patterns on All-Resources actions, NotResource)
    /// — only those of statements that match, plus every ARN-pattern note, as a per-statement probe gives.
    func relevant(action: String, resource: String) -> (layers: [(layer: PolicyLayer, statements: [StatementMatch])], assumptions: [Assumption]) {
        var assumptions: [Assumption] = []
        let out = layers.map { layer -> (layer: PolicyLayer, statements: [StatementMatch]) in
            guard let ev = layer.evaluate(action: action, resource: resource) else { return (layer.layer, []) }
            var matching: [StatementMatch] = []
            for trace in ev.layers.flatMap(\.traces) where trace.outcome == .applied {
                let p = trace.match.policyIndex, position = trace.match.statement.index
                guard p < layer.originals.count, position < layer.originals[p].count else { continue }
                matching.append(layer.originals[p][position])
            }
            // Engine order is evaluation order; report statements in document order, as the probes did.
            matching.sort { ($0.policyIndex, $0.statement.index) < ($1.policyIndex, $1.statement.index) }
            for a in ev.assumptions {
                let fromMatching = a.kind == .resourcePatternOnAllResourcesAction || matching.contains { m in
                    guard let span = a.span else { return a.file == nil || a.file == m.file }
                    return a.file == m.file && m.statement.span.start <= span.start && span.end <= m.statement.span.end
                }
                if fromMatching, !assumptions.contains(a) { assumptions.append(a) }
            }
            return (layer.layer, matching)
        }
        return (out, assumptions)
    }

    /// `layers` with only the statements whose Action or NotAction covers one of `actions` (whatever
    /// their resources, principals and conditions), each policy kept in place (an emptied policy still
    /// puts its layer in force) and every statement keeping its index.
    func restricted(_ layers: PolicyLayers, to actions: [String]) -> PolicyLayers {
        var keep: [PolicyLayer: Set<Int>] = [:]
        for layer in self.layers {
            guard layer.probe != nil else { continue }
            var positions = Set<Int>()
            for action in actions {
                // Every statement the engine looks at for the action is traced, whatever its outcome.
                guard let ev = layer.evaluate(action: action, resource: "*") else { continue }
                for trace in ev.layers.flatMap(\.traces) {
                    positions.insert(Self.key(trace.match.policyIndex, trace.match.statement.index))
                }
            }
            keep[layer.layer] = positions
        }
        func filter(_ policies: [Policy], _ layer: PolicyLayer) -> [Policy] {
            let positions = keep[layer] ?? []
            return policies.enumerated().map { p, policy in
                var copy = policy
                copy.statements = policy.statements.enumerated().filter { positions.contains(Self.key(p, $0.offset)) }.map(\.element)
                return copy
            }
        }
        return PolicyLayers(identity: filter(layers.identity, .identity), session: filter(layers.session, .session),
                            control: filter(layers.control, .control))
    }

    private static func key(_ policy: Int, _ position: Int) -> Int { policy << 20 | position }
}

/// A cheap necessary condition for "some Action entry of the statement can match one of these actions",
/// read off the entry's literal parts only (see ``StatementIndex/init(layers:scope:actions:)``).
struct ActionPrefilter: Sendable {
    /// The actions lower-cased, as RAM compares them.
    let folded: [String]
    /// The bytes of each folded action, for the byte-level check.
    private let foldedBytes: [[UInt8]]

    init(_ actions: [String]) {
        folded = actions.map(Glob.fold)
        foldedBytes = folded.map { Array($0.utf8) }
    }

    func mayMatch(_ statement: Statement) -> Bool {
        // NotAction statements match nearly everything; only the engine can say.
        guard statement.actionPolarity == .matching else { return true }
        return statement.actions.contains { entry in
            var value = entry.value
            if let answer = value.withUTF8({ mayMatch(ascii: $0) }) { return answer }
            let pattern = Glob.fold(entry.value)
            return folded.contains { Self.mayMatch(pattern, $0) }
        }
    }

    /// ``mayMatch(_:_:)`` of the folded entry against every action, folding the entry's bytes on the
    /// fly instead of making a folded copy (an audit asks this of every entry of every identity); nil
    /// for a non-ASCII entry, whose folding is Unicode's.
    func mayMatch(ascii pattern: UnsafeBufferPointer<UInt8>) -> Bool? {
        var colon = -1
        var wildcardBeforeColon = false
        var wild = false
        for (i, c) in pattern.enumerated() {
            if c >= 0x80 { return nil }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                wild = true
                if colon < 0 { wildcardBeforeColon = true }
            } else if c == UInt8(ascii: ":"), colon < 0 {
                colon = i
            }
        }
        if wild && (colon < 0 || wildcardBeforeColon) { return true }
        // A literal must equal the action; a pattern must share its service code and colon.
        let length = wild ? colon + 1 : pattern.count
        search: for a in foldedBytes {
            guard wild ? a.count >= length : a.count == length else { continue }
            for i in 0..<length where a[i] != ASCIIFold.byte(pattern[i]) { continue search }
            return true
        }
        return false
    }

    /// False only when `pattern` certainly cannot match `action` (both folded): a pattern without
    /// wildcards matches only itself; one whose service code (before its first `:`) has none matches only
    /// actions that begin with that code and a colon, as glob matching is anchored at the start.
    static func mayMatch(_ pattern: String, _ action: String) -> Bool {
        // Bytes, not Characters: a combining mark after "*" or ":" must not hide it.
        var colon = -1
        var wildcardBeforeColon = false
        var wild = false
        for (i, c) in pattern.utf8.enumerated() {
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                wild = true
                if colon < 0 { wildcardBeforeColon = true }
            } else if c == UInt8(ascii: ":"), colon < 0 {
                colon = i
            }
        }
        if !wild { return pattern.utf8.elementsEqual(action.utf8) }
        guard colon >= 0, !wildcardBeforeColon else { return true }
        return action.utf8.starts(with: pattern.utf8.prefix(colon + 1))
    }
}
