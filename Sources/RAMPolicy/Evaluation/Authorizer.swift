/// Decides requests against the policies of one identity, combined as RAM's evaluation chain does.
///
/// Control policies are evaluated first, then the STS session policy, then the identity policies
/// (every layer must Allow; an explicit or implicit deny in a layer ends the evaluation with that
/// result). For `sts:AssumeRole` with a trust policy, identity and trust must both Allow.
/// An `Authorizer` is immutable and `Sendable`; use an ``Evaluator`` per thread for cached, fast decisions.
public struct Authorizer: Sendable {
    public let control: CompiledPolicySet?
    public let session: CompiledPolicySet?
    public let identity: CompiledPolicySet
    public let trust: CompiledPolicySet?
    public let scope: any ResourceScope
    let keyTable: KeyTable
    let conditionCount: Int
    /// Compiled conditions by interned id.
    let conditions: [CompiledCondition]

    /// - Parameters:
    ///   - identity: every policy attached to the identity (user, its groups, or role), evaluated as one unit.
    ///   - session: the STS session policy, if the caller is a role session that passed one.
    ///   - control: the Resource Directory control policies on the account's path, evaluated as one unit;
    ///     include `FullAliyunAccess` if it is attached, since control policies grant nothing by themselves.
    ///   - trust: the role's trust policy, consulted for `sts:AssumeRole`.
    public init(identity: [Policy], session: [Policy] = [], control: [Policy] = [], trust: [Policy] = [],
                scope: any ResourceScope = OperationGranularServices()) {
        self.init(identity: identity, session: session, control: control, trust: trust, scope: scope, conditions: true)
    }

    /// An authorizer that holds every condition true: it decides as the policies would with their
    /// Condition blocks removed, and compiles no condition. For analyses that model the conditions
    /// themselves and ask the engine only which statements match (``applicableStatements(_:assumptions:)``,
    /// which never reads a condition): compiling the conditions was most of the cost of an authorizer.
    public static func ignoringConditions(identity: [Policy], session: [Policy] = [], control: [Policy] = [],
                                          trust: [Policy] = [], scope: any ResourceScope = OperationGranularServices()) -> Authorizer {
        Authorizer(identity: identity, session: session, control: control, trust: trust, scope: scope, conditions: false)
    }

    private init(identity: [Policy], session: [Policy], control: [Policy], trust: [Policy], scope: any ResourceScope,
                 conditions compiling: Bool) {
        let interner = ConditionInterner()
        func compile(_ layer: PolicyLayer, _ policies: [Policy]) -> CompiledPolicySet {
            CompiledPolicySet(layer: layer, policies: policies, interner: interner, conditions: compiling)
        }
        self.identity = compile(.identity, identity)
        self.session = session.isEmpty ? nil : compile(.session, session)
        self.control = control.isEmpty ? nil : compile(.control, control)
        self.trust = trust.isEmpty ? nil : compile(.trust, trust)
        self.keyTable = KeyTable(keys: interner.keys)
        self.conditionCount = interner.conditionCount
        self.conditions = interner.byID
        self.scope = scope
    }

    func plan(forAction action: String) -> ActionPlan {
        let isAssumeRole = Glob.fold(action) == "sts:assumerole"
        return ActionPlan(
            allResources: scope.isAllResources(action: action),
            control: control?.plan(forAction: action),
            session: session?.plan(forAction: action),
            identity: identity.plan(forAction: action),
            trust: isAssumeRole ? trust?.plan(forAction: action) : nil)
    }

    /// The full evaluation with its trace (uncached).
    public func evaluate(_ request: Request) -> Evaluation {
        evaluate(request, plan: plan(forAction: request.action))
    }

    /// Only the decision (uncached).
    public func decide(_ request: Request) -> Decision {
        decide(request, plan: plan(forAction: request.action))
    }

    // MARK: Fast path

    func decide(_ request: Request, plan: ActionPlan) -> Decision {
        var oracle = ScanOracle(context: request.context)
        return decideWithProof(request, plan: plan, proof: false, oracle: &oracle).decision
    }

    /// The decision with one proving statement per evaluated layer (the applying Deny, or the first
    /// applying Allow), without building a full trace: the batch path.
    @inline(__always)
    func decideWithProof<O: ConditionOracle>(_ request: Request, plan: ActionPlan, proof wantProof: Bool, oracle: inout O) -> QuickDecision {
        withUnsafePointer(to: request) { decideWithProof(at: $0, plan: plan, proof: wantProof, oracle: &oracle) }
    }

    /// ``decideWithProof(_:plan:proof:oracle:)`` reading the request in place: the evaluator's batch
    /// entry point decides requests where the caller stores them, and passing a `Request` by value out
    /// of such storage copies it (a retain and release of its action and context per decision).
    /// The request is read only while this call runs.
    @inline(__always)
    func decideWithProof<O: ConditionOracle>(at request: UnsafePointer<Request>, plan: ActionPlan, proof wantProof: Bool,
                                             oracle: inout O) -> QuickDecision {
        // The plan's layers are tested before the authorizer's (same answer: a plan has a layer's
        // part exactly when the authorizer has the layer), so an identity-only decision does not
        // read the authorizer's other layers.
        let target = ResourceTarget(request, allResources: plan.allResources)
        var proof: [ProofRef] = []
        if let p = plan.control, let control {
            let (d, i) = Self.decideLayer(control, p, request, target, &oracle, conditions)
            if wantProof, let i { proof.append(ProofRef(layer: .control, index: i)) }
            if d != .allow { return QuickDecision(decision: d, deniedBy: .control, proof: wantProof && d == .explicitDeny ? Self.last(proof) : []) }
        }
        if let p = plan.session, let session {
            let (d, i) = Self.decideLayer(session, p, request, target, &oracle, conditions)
            if wantProof, let i { proof.append(ProofRef(layer: .session, index: i)) }
            if d != .allow { return QuickDecision(decision: d, deniedBy: .session, proof: wantProof && d == .explicitDeny ? Self.last(proof) : []) }
        }
        let (a, ai) = Self.decideLayer(identity, plan.identityFast, plan.identityFastCount, plan.identityConditionIDs,
                                       request, target, &oracle, conditions)
        if wantProof, let ai { proof.append(ProofRef(layer: .identity, index: ai)) }
        guard let p = plan.trust, let trust else {
            if a == .allow { return QuickDecision(decision: .allow, deniedBy: nil, proof: proof) }
            return QuickDecision(decision: a, deniedBy: .identity, proof: wantProof && a == .explicitDeny ? Self.last(proof) : [])
        }
        let (b, bi) = Self.decideLayer(trust, p, request, target, &oracle, conditions)
        if wantProof, let bi { proof.append(ProofRef(layer: .trust, index: bi)) }
        if a == .explicitDeny || b == .explicitDeny {
            let layer: PolicyLayer = a == .explicitDeny ? .identity : .trust
            return QuickDecision(decision: .explicitDeny, deniedBy: layer, proof: proof.filter { $0.layer == layer })
        }
        if a == .allow && b == .allow { return QuickDecision(decision: .allow, deniedBy: nil, proof: proof) }
        return QuickDecision(decision: .implicitDeny, deniedBy: a != .allow ? .identity : .trust, proof: [])
    }

    /// ``decideWithProof(at:plan:proof:oracle:)``'s decision for a plan with an identity part only
    /// (no control, session or trust part), from the identity part's decision data alone.
    @inline(__always)
    func decideIdentity<O: ConditionOracle>(at request: UnsafePointer<Request>, allResources: Bool,
                                            fast: UnsafePointer<FastStatement>, count: Int, oracle: inout O) -> Decision {
        let target = ResourceTarget(request, allResources: allResources)
        return Self.decideLayer(identity, fast, count, LayerPlan.conditionIDs(after: fast, count: count),
                                request, target, &oracle, conditions).0
    }

    /// The last proof only: the array itself when it holds one (the usual case, a deny in the first
    /// layer evaluated), without allocating the copy `suffix(1)` made on every denied batch line.
    @inline(__always)
    static func last(_ proof: [ProofRef]) -> [ProofRef] {
        proof.count <= 1 ? proof : Array(proof.suffix(1))
    }

    /// The layer's decision and the index of the statement that made it.
    @inline(__always)
    static func decideLayer<O: ConditionOracle>(_ set: CompiledPolicySet, _ plan: LayerPlan, _ request: UnsafePointer<Request>,
                                                _ target: ResourceTarget, _ oracle: inout O, _ conditions: [CompiledCondition]) -> (Decision, Int32?) {
        decideLayer(set, plan.fast, plan.fastCount, plan.fastConditionIDs, request, target, &oracle, conditions)
    }

    /// ``decideLayer(_:_:_:_:_:_:)`` over a plan's decision data (``LayerPlan/fast`` and its ids).
    @inline(__always)
    static func decideLayer<O: ConditionOracle>(_ set: CompiledPolicySet, _ fast: UnsafePointer<FastStatement>, _ fastCount: Int,
                                                _ ids: UnsafePointer<Int32>, _ request: UnsafePointer<Request>, _ target: ResourceTarget,
                                                _ oracle: inout O, _ conditions: [CompiledCondition]) -> (Decision, Int32?) {
        for n in 0..<fastCount {
            let f = fast[n]
            if f.needsResourceCheck || f.hasPrincipal {
                guard statementApplies(set, f, request, target) else { continue }
            }
            var holds = true
            var k = Int(f.conditionStart)
            let end = k + Int(f.conditionCount)
            while k < end {
                if !oracle.holds(id: ids[k], in: conditions) {
                    holds = false
                    break
                }
                k += 1
            }
            guard holds else { continue }
            // Deny statements come first in the plan, so the first Allow that applies decides.
            return (f.isDeny ? .explicitDeny : .allow, f.index)
        }
        return (.implicitDeny, nil)
    }

    /// Resource and principal of one fast statement (conditions aside). For the resource `*` (every
    /// All-Resources action, and most requests) the answer was computed with the plan, so the compiled
    /// statement and its patterns are not read at all.
    @inline(__always)
    static func statementApplies(_ set: CompiledPolicySet, _ f: FastStatement, _ request: UnsafePointer<Request>,
                                 _ target: ResourceTarget) -> Bool {
        if f.needsResourceCheck && target.isStar && !f.matchesStarResource { return false }
        if f.hasPrincipal || (f.needsResourceCheck && !target.isStar) {
            return statementApplies(set, f.index, request, allResources: target.allResources)
        }
        return true
    }

    /// The general case of ``statementApplies(_:_:_:_:)``, out of line.
    @inline(never)
    static func statementApplies(_ set: CompiledPolicySet, _ index: Int32, _ request: UnsafePointer<Request>,
                                 allResources: Bool) -> Bool {
        let s = set.statements[Int(index)]
        return s.matchesResource(allResources ? "*" : request.pointee.resource)
            && (s.principal == nil || s.matchesPrincipal(request.pointee.principal))
    }

    /// The statement a ``ProofRef`` points at.
    public func match(for ref: ProofRef) -> StatementMatch? {
        let set: CompiledPolicySet?
        switch ref.layer {
        case .control: set = control
        case .session: set = session
        case .identity: set = identity
        case .trust: set = trust
        }
        guard let set, Int(ref.index) < set.statements.count else { return nil }
        let s = set.statements[Int(ref.index)]
        return StatementMatch(layer: ref.layer, file: set.policies[s.policyIndex].source.name,
                              policyIndex: s.policyIndex, statement: s.statement)
    }

    /// Keys referenced by statements matching the action in the layers evaluated, absent from the request.
    func missingKeys(_ request: Request, plan: ActionPlan) -> [String] {
        var out: [String] = []
        for p in [plan.control, plan.session, plan.identity, plan.trust] {
            guard let p else { continue }
            for k in p.referencedKeys where request.context.entry(folded: k.folded) == nil && !out.contains(k.key) {
                out.append(k.key)
            }
        }
        return out
    }

    // MARK: Traced path

    func evaluate(_ request: Request, plan: ActionPlan) -> Evaluation {
        let resource = plan.allResources ? "*" : request.resource
        var assumptions = AssumptionCollector()
        if plan.allResources && request.resource != "*" {
            assumptions.add(Self.allResourcesAssumption(request))
        }
        var outcomes: [LayerOutcome] = []
        var keys: [ReferencedKey] = []
        var final: Decision?
        var deniedBy: PolicyLayer?
        func run(_ set: CompiledPolicySet?, _ p: LayerPlan?) -> Decision? {
            guard let set, let p else { return nil }
            if final != nil {
                outcomes.append(LayerOutcome(layer: set.layer, decision: nil, traces: []))
                return nil
            }
            let outcome = traceLayer(set, p, request, resource, plan.allResources, &assumptions)
            outcomes.append(outcome)
            for k in p.referencedKeys where !keys.contains(where: { $0.folded == k.folded }) { keys.append(k) }
            return outcome.decision
        }
        for (set, p) in [(control, plan.control), (session, plan.session)] {
            if let d = run(set, p), d != .allow {
                final = d
                deniedBy = set?.layer
            }
        }
        let identityDecision = run(identity, plan.identity)
        if final == nil, let identityDecision {
            let trustDecision = run(trust, plan.trust)
            final = identityDecision
            if identityDecision != .allow { deniedBy = .identity }
            if let trustDecision {
                if identityDecision == .explicitDeny || trustDecision == .explicitDeny {
                    final = .explicitDeny
                    deniedBy = identityDecision == .explicitDeny ? .identity : .trust
                } else if identityDecision == .allow && trustDecision == .allow {
                    final = .allow
                } else {
                    final = .implicitDeny
                    deniedBy = identityDecision != .allow ? .identity : .trust
                }
            }
        } else if trust != nil, plan.trust != nil {
            outcomes.append(LayerOutcome(layer: .trust, decision: nil, traces: []))
        }
        let decision = final ?? .implicitDeny
        let deciding: [StatementMatch]
        switch decision {
        case .allow:
            deciding = outcomes.flatMap { $0.applied }
        case .explicitDeny:
            deciding = outcomes.filter { $0.layer == deniedBy }.flatMap { $0.applied.filter { $0.statement.effect == .deny } }
        case .implicitDeny:
            deciding = []
        }
        let missing = keys.filter { request.context.entry(folded: $0.folded) == nil }.map(\.key)
        return Evaluation(decision: decision, deniedBy: decision == .allow ? nil : deniedBy, layers: outcomes,
                          deciding: deciding, missingKeys: missing, assumptions: assumptions.items,
                          evaluatedResource: resource)
    }

    func traceLayer(_ set: CompiledPolicySet, _ plan: LayerPlan, _ request: Request, _ resource: String,
                    _ allResources: Bool, _ assumptions: inout AssumptionCollector) -> LayerOutcome {
        var traces: [StatementTrace] = []
        var denied = false
        var allowed = false
        for i in plan.statements {
            let s = set.statements[Int(i)]
            let file = set.policies[s.policyIndex].source.name
            let match = StatementMatch(layer: set.layer, file: file, policyIndex: s.policyIndex, statement: s.statement)
            noteActionAssumptions(s, request.action, file, &assumptions)
            let outcome: StatementTrace.Outcome
            if !s.matchesResource(resource) {
                outcome = .resourceMismatch
                noteResourcePattern(s, allResources, file, &assumptions)
            } else if s.principal != nil && !s.matchesPrincipal(request.principal) {
                outcome = .principalMismatch
            } else if let failed = traceConditions(s, request.context, file, &assumptions) {
                outcome = .conditionFailed(failed)
            } else {
                outcome = .applied
                noteNotResource(s, file, &assumptions)
                if s.effect == .deny { denied = true } else { allowed = true }
            }
            traces.append(StatementTrace(match: match, outcome: outcome))
        }
        let decision: Decision = denied ? .explicitDeny : allowed ? .allow : .implicitDeny
        return LayerOutcome(layer: set.layer, decision: decision, traces: traces)
    }

    // MARK: Applicability (conditions aside)

    /// For each layer of the evaluation chain (control and session when in force, identity, trust when
    /// present): the statements whose Action/NotAction, Resource/NotResource and Principal match the
    /// request — whatever their effect and conditions — in document order, with the assumptions that
    /// matching relied on.
    ///
    /// What an analysis that models the conditions itself needs from the engine: which statements take
    /// part. It is the traced evaluation with every condition held true and every layer evaluated (so the
    /// same action globs, All-Resources rule and resource patterns decide, and the same assumptions are
    /// noted), without compiling a second, condition-free copy of the policies. A layer without policies
    /// lists nothing and notes nothing. Without `assumptions` none are noted (they cost a glob and a
    /// few texts per statement).
    public func applicableStatements(_ request: Request, assumptions noting: Bool = true)
        -> [(layer: PolicyLayer, statements: [StatementMatch], assumptions: [Assumption])] {
        let allResources = scope.isAllResources(action: request.action)
        let resource = allResources ? "*" : request.resource
        let folded = Glob.fold(request.action)
        var out: [(layer: PolicyLayer, statements: [StatementMatch], assumptions: [Assumption])] = []
        for set in [control, session, identity, trust] {
            guard let set else { continue }
            guard !set.policies.isEmpty else {
                out.append((set.layer, [], []))
                continue
            }
            var assumptions = AssumptionCollector()
            if noting && allResources && request.resource != "*" {
                assumptions.add(Self.allResourcesAssumption(request))
            }
            var matches: [StatementMatch] = []
            for i in set.statements(matchingFolded: folded) {
                let s = set.statements[Int(i)]
                let file = set.policies[s.policyIndex].source.name
                if noting { noteActionAssumptions(s, request.action, file, &assumptions) }
                guard s.matchesResource(resource) else {
                    if noting { noteResourcePattern(s, allResources, file, &assumptions) }
                    continue
                }
                guard s.principal == nil || s.matchesPrincipal(request.principal) else { continue }
                if noting { noteNotResource(s, file, &assumptions) }
                matches.append(StatementMatch(layer: set.layer, file: file, policyIndex: s.policyIndex, statement: s.statement))
            }
            out.append((set.layer, matches, assumptions.items))
        }
        return out
    }

    /// The assumption a request naming a resource relies on when its action has no resource-level permission.
    static func allResourcesAssumption(_ request: Request) -> Assumption {
        Assumption(kind: .resourcePatternOnAllResourcesAction,
                   detail: "\(request.action) has no resource-level permission; the resource \"\(request.resource)\" was evaluated as \"*\"")
    }

    /// The assumption a statement whose Resource names an ARN pattern relies on when it misses an
    /// All-Resources action.
    func noteResourcePattern(_ s: CompiledStatement, _ allResources: Bool, _ file: String, _ assumptions: inout AssumptionCollector) {
        if allResources, let r = s.statement.resources?.first(where: { !ResourcePattern($0.value).any }) {
            assumptions.add(Assumption(
                kind: .resourcePatternOnAllResourcesAction,
                detail: "statement \(s.statement.index) names the resource \"\(r.value)\"; for an All-Resources action only \"*\" is taken to match",
                file: file, span: r.span, path: r.path))
        }
    }

    /// The assumption an applying NotResource statement relies on.
    func noteNotResource(_ s: CompiledStatement, _ file: String, _ assumptions: inout AssumptionCollector) {
        if s.resourceExcluding {
            assumptions.add(Assumption(kind: .notResource, detail: "statement \(s.statement.index) uses NotResource",
                                       file: file, span: s.statement.span, path: s.statement.path))
        }
    }

    func noteActionAssumptions(_ s: CompiledStatement, _ action: String, _ file: String, _ assumptions: inout AssumptionCollector) {
        guard !s.actionExcluding else { return }
        let folded = Glob.fold(action)
        for (k, g) in s.actionGlobs.enumerated() where g.matches(folded: folded) {
            if !Glob(g.pattern, caseInsensitive: false).matches(action) {
                let a = s.statement.actions[k]
                assumptions.add(Assumption(kind: .actionCaseInsensitive,
                                           detail: "\"\(a.value)\" matches \"\(action)\" only when case is ignored",
                                           file: file, span: a.span, path: a.path))
            }
            return
        }
    }

    /// Like ``CompiledStatement/firstFailingCondition(_:)`` but records the assumptions each condition relied on.
    func traceConditions(_ s: CompiledStatement, _ context: RequestContext, _ file: String,
                         _ assumptions: inout AssumptionCollector) -> Int? {
        for (i, c) in s.conditions.enumerated() {
            let entry = context.entry(folded: c.foldedKey)
            let typed = entry?.typedValues
            let src = c.source
            func note(_ kind: Assumption.Kind, _ detail: String) {
                assumptions.add(Assumption(kind: kind, detail: detail, file: file, span: src.key.span, path: src.path))
            }
            if let entry, !entry.values.isEmpty {
                if entry.key != src.key.value {
                    note(.keyNameCaseInsensitive, "the policy's key \"\(src.key.value)\" was matched to the request key \"\(entry.key)\"")
                }
                if c.negated && src.values.count > 1 {
                    note(.negatedOperatorSeveralValues, "\(src.op.name) on \(src.key.value) with \(src.values.count) values: satisfied only if the request matches none")
                }
                if entry.values.count > 1 {
                    note(.multiValuedRequestKey, "the request carries \(entry.values.count) values for \(entry.key)")
                }
                if case .ip(_, let patterns) = c.values, !patterns.isEmpty {
                    note(.wildcardInIPAddress, "\(src.op.name) on \(src.key.value) has a value with *")
                }
            } else if c.ifExists {
                if src.op.family != .date {
                    note(.ifExistsOutsideDate, "\(src.op.name): \(src.key.value) is absent from the request, so the condition holds")
                }
            } else if c.negated {
                note(.missingKeyUnderNegatedOperator, "\(src.op.name): \(src.key.value) is absent from the request, so the condition holds")
            }
            if !c.evaluate(typed) { return i }
        }
        return nil
    }
}

/// Collects assumptions without duplicates, in first-seen order.
///
/// Two assumptions are the same when kind, file, path and detail agree (the span is left out). The
/// identity is a plain value of those four fields rather than a string joined from them: a traced
/// evaluation adds a few assumptions per statement, and the joined key was one interpolation each.
struct AssumptionCollector {
    private struct Key: Hashable {
        let kind: String
        /// A missing file or path counts as an empty one, as in the joined key this replaced.
        let file: String
        let path: String
        let detail: String
    }

    private(set) var items: [Assumption] = []
    private var seen = Set<Key>()

    mutating func add(_ a: Assumption) {
        if seen.insert(Key(kind: a.kind.id, file: a.file ?? "", path: a.path ?? "", detail: a.detail)).inserted { items.append(a) }
    }
}

/// The resource a decision compares with Resource elements, reduced to what the decision loop asks:
/// whether it is `*` (the plan then knows each statement's answer).
struct ResourceTarget {
    let allResources: Bool
    /// True when the evaluated resource is `*`: for All-Resources actions, or a request that names `*`.
    let isStar: Bool

    @inline(__always)
    init(_ request: UnsafePointer<Request>, allResources: Bool) {
        self.allResources = allResources
        // `utf8.count` of a one-byte string is in the string's inline bits: no storage is read.
        isStar = allResources || (request.pointee.resource.utf8.count == 1 && request.pointee.resource.utf8.first == UInt8(ascii: "*"))
    }
}
