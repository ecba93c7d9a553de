import RAMPolicy
import Testing

/// Algebraic properties of RAM's evaluation, checked on random identity policies (1–8 statements per
/// file, 1–3 files; Allow/Deny; Action/NotAction with exact and wildcard actions; conditions of every
/// operator family including IfExists and negated operators; `*` and ARN resources) and random
/// requests with contexts. Each property runs `PropertyConfig.cases` seeded cases of
/// `requestsPerCase` requests; a failure prints the policies as JSON and the request.
@Suite("evaluation properties")
struct EvaluationProperties {
    static let requestsPerCase = 5

    // MARK: Monotonicity

    @Test("adding a Deny statement never grants more")
    func addingDenyNeverGrants() throws {
        var run = PropertyRun("adding-deny")
        var tally = DecisionTally()
        try run.forAll { g, i, run in
            let before = PolicyGenerator.policySet(&g, prefix: "identity")
            let after = Self.inserting(PolicyGenerator.statement(&g, effect: "Deny"), into: before, &g)
            let a = try PropertySupport.authorizer(identity: before)
            let b = try PropertySupport.authorizer(identity: after)
            for _ in 0..<Self.requestsPerCase {
                let r = PolicyGenerator.request(&g)
                let x = a.evaluate(PropertySupport.request(r)).decision
                let y = b.evaluate(PropertySupport.request(r)).decision
                tally.add(x)
                run.check(x == .allow || y != .allow, "\(x) became \(y) after adding a Deny", caseIndex: i,
                          policies: [("before", before), ("after", after)], request: r)
                run.check(x != .explicitDeny || y == .explicitDeny, "\(x) became \(y) after adding a Deny", caseIndex: i,
                          policies: [("before", before), ("after", after)], request: r)
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(), "decisions before adding the Deny: \(tally)")
    }

    @Test("adding an Allow statement never takes access away")
    func addingAllowNeverRevokes() throws {
        var run = PropertyRun("adding-allow")
        var tally = DecisionTally()
        try run.forAll { g, i, run in
            let before = PolicyGenerator.policySet(&g, prefix: "identity")
            let after = Self.inserting(PolicyGenerator.statement(&g, effect: "Allow"), into: before, &g)
            let a = try PropertySupport.authorizer(identity: before)
            let b = try PropertySupport.authorizer(identity: after)
            for _ in 0..<Self.requestsPerCase {
                let r = PolicyGenerator.request(&g)
                let x = a.evaluate(PropertySupport.request(r)).decision
                let y = b.evaluate(PropertySupport.request(r)).decision
                tally.add(x)
                run.check(x != .allow || y == .allow, "Allow became \(y) after adding an Allow", caseIndex: i,
                          policies: [("before", before), ("after", after)], request: r)
                // An Allow cannot lift an explicit Deny either.
                run.check(x != .explicitDeny || y == .explicitDeny, "ExplicitDeny became \(y) after adding an Allow",
                          caseIndex: i, policies: [("before", before), ("after", after)], request: r)
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(), "decisions before adding the Allow: \(tally)")
    }

    // MARK: Order

    @Test("statement order and policy-file order never change the decision")
    func orderDoesNotMatter() throws {
        var run = PropertyRun("order")
        var tally = DecisionTally()
        try run.forAll { g, i, run in
            let layers = Self.layers(&g)
            var shuffled = layers
            for k in shuffled.indices {
                shuffled[k].policies = g.shuffled(shuffled[k].policies).map {
                    GenPolicy(name: $0.name, statements: g.shuffled($0.statements))
                }
            }
            let a = try layers.authorizer()
            let b = try shuffled.authorizer()
            for _ in 0..<Self.requestsPerCase {
                let r = PolicyGenerator.request(&g)
                let x = a.evaluate(PropertySupport.request(r))
                let y = b.evaluate(PropertySupport.request(r))
                tally.add(x.decision)
                run.check(x.decision == y.decision && x.deniedBy == y.deniedBy,
                          "\(x.decision)/\(String(describing: x.deniedBy)) became \(y.decision)/\(String(describing: y.deniedBy)) after reordering",
                          caseIndex: i, policies: layers.described + shuffled.described.map { ("reordered \($0.0)", $0.1) }, request: r)
                run.check(Self.deciding(x) == Self.deciding(y),
                          "the deciding statements changed after reordering: \(Self.deciding(x)) vs \(Self.deciding(y))",
                          caseIndex: i, policies: layers.described, request: r)
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(), "\(tally)")
    }

    // MARK: Cache

    @Test("the cached Evaluator agrees with the uncached Authorizer; proofs are deciding statements")
    func cachedEvaluatorAgrees() throws {
        var run = PropertyRun("cache")
        var tally = DecisionTally()
        try run.forAll { g, i, run in
            let layers = Self.layers(&g)
            let authorizer = try layers.authorizer()
            // One Evaluator for the whole case: plans and memo epochs are reused across requests.
            let evaluator = Evaluator(authorizer)
            var requests = (0..<Self.requestsPerCase).map { _ in PolicyGenerator.request(&g) }
            requests += g.shuffled(requests)
            for r in requests {
                let request = PropertySupport.request(r)
                let truth = authorizer.evaluate(request)
                tally.add(truth.decision)
                let quick = evaluator.decideWithProof(request)
                let cachedTrace = evaluator.evaluate(request)
                let message = { (what: String, d: Decision, by: PolicyLayer?) in
                    "\(what) says \(d)/\(String(describing: by)), Authorizer.evaluate says \(truth.decision)/\(String(describing: truth.deniedBy))"
                }
                run.check(evaluator.decide(request) == truth.decision, message("Evaluator.decide", evaluator.decide(request), nil),
                          caseIndex: i, policies: layers.described, request: r)
                run.check(authorizer.decide(request) == truth.decision, message("Authorizer.decide", authorizer.decide(request), nil),
                          caseIndex: i, policies: layers.described, request: r)
                run.check(quick.decision == truth.decision && quick.deniedBy == truth.deniedBy,
                          message("Evaluator.decideWithProof", quick.decision, quick.deniedBy),
                          caseIndex: i, policies: layers.described, request: r)
                run.check(cachedTrace == truth, message("Evaluator.evaluate", cachedTrace.decision, cachedTrace.deniedBy),
                          caseIndex: i, policies: layers.described, request: r)

                // Proofs: one statement per evaluated layer for Allow, the applying Deny for
                // ExplicitDeny, none for ImplicitDeny; every one among the deciding statements.
                let proofs = quick.proof.map { authorizer.match(for: $0) }
                run.check(proofs.allSatisfy { $0 != nil }, "a proof points at no statement: \(quick.proof)",
                          caseIndex: i, policies: layers.described, request: r)
                let matches = proofs.compactMap { $0 }
                run.check(matches.allSatisfy { truth.deciding.contains($0) },
                          "proof \(matches.map { "\($0.layer) \($0.file)#\($0.statement.index)" }) is not among the deciding statements \(truth.deciding.map { "\($0.layer) \($0.file)#\($0.statement.index)" })",
                          caseIndex: i, policies: layers.described, request: r)
                switch truth.decision {
                case .allow:
                    run.check(Set(matches.map(\.layer)) == Set(layers.map(\.layer)) && matches.count == layers.count,
                              "an Allow needs one proof per layer, got \(matches.map(\.layer))",
                              caseIndex: i, policies: layers.described, request: r)
                    run.check(matches.allSatisfy { $0.statement.effect == .allow }, "an Allow proved by a Deny",
                              caseIndex: i, policies: layers.described, request: r)
                case .explicitDeny:
                    run.check(matches.count == 1 && matches[0].statement.effect == .deny && matches[0].layer == truth.deniedBy,
                              "an ExplicitDeny needs its Deny statement as proof, got \(matches.map { "\($0.layer) \($0.statement.effect)" })",
                              caseIndex: i, policies: layers.described, request: r)
                case .implicitDeny:
                    run.check(matches.isEmpty, "an ImplicitDeny has no proof, got \(matches.count)",
                              caseIndex: i, policies: layers.described, request: r)
                }
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(), "\(tally)")
    }

    // MARK: Layers

    @Test("a session or control policy can only narrow: the chain allows iff every layer allows on its own")
    func outerLayersOnlyNarrow() throws {
        var run = PropertyRun("narrowing")
        var tally = DecisionTally()
        try run.forAll { g, i, run in
            let identity = PolicyGenerator.policySet(&g, prefix: "identity")
            let session = Self.layer(.session, &g)
            let control = Self.layer(.control, &g)
            let alone = try PropertySupport.authorizer(identity: identity)
            let withSession = try PropertySupport.authorizer(identity: identity, session: session)
            let withControl = try PropertySupport.authorizer(identity: identity, control: control)
            let withBoth = try PropertySupport.authorizer(identity: identity, session: session, control: control)
            // The outer layers judged as if they were identity policies (the basic algorithm).
            let sessionAlone = try PropertySupport.authorizer(identity: session)
            let controlAlone = try PropertySupport.authorizer(identity: control)
            let policies = [("identity", identity), ("session", session), ("control", control)]
            for _ in 0..<Self.requestsPerCase {
                let r = PolicyGenerator.request(&g)
                let request = PropertySupport.request(r)
                let i0 = alone.decide(request) == .allow
                let s0 = sessionAlone.decide(request) == .allow
                let c0 = controlAlone.decide(request) == .allow
                let dS = withSession.evaluate(request)
                let dC = withControl.evaluate(request)
                let dB = withBoth.evaluate(request)
                tally.add(dB.decision)
                run.check(dS.decision != .allow || i0, "identity+session allows but identity alone does not",
                          caseIndex: i, policies: policies, request: r)
                run.check(dC.decision != .allow || i0, "identity+control allows but identity alone does not",
                          caseIndex: i, policies: policies, request: r)
                run.check(dB.decision != .allow || (dS.decision == .allow && dC.decision == .allow),
                          "all three layers allow but a pair does not", caseIndex: i, policies: policies, request: r)
                run.check((dS.decision == .allow) == (i0 && s0), "identity+session is not the intersection",
                          caseIndex: i, policies: policies, request: r)
                run.check((dC.decision == .allow) == (i0 && c0), "identity+control is not the intersection",
                          caseIndex: i, policies: policies, request: r)
                run.check((dB.decision == .allow) == (i0 && s0 && c0), "the three layers are not the intersection",
                          caseIndex: i, policies: policies, request: r)
                // The denying layer is the outermost one that does not allow.
                let expected: PolicyLayer? = !c0 ? .control : !s0 ? .session : !i0 ? .identity : nil
                run.check(dB.deniedBy == expected,
                          "deniedBy is \(String(describing: dB.deniedBy)), expected \(String(describing: expected))",
                          caseIndex: i, policies: policies, request: r)
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(0.02), "\(tally)")
    }

    // MARK: Reference

    @Test("ramguard agrees with a naive reference evaluator written from §10 of the reference notes")
    func agreesWithReference() throws {
        var run = PropertyRun("reference")
        var tally = DecisionTally()
        let reference = ReferenceEvaluator()
        try run.forAll { g, i, run in
            let layers = Self.layers(&g)
            let authorizer = try layers.authorizer()
            let evaluator = Evaluator(authorizer)
            let control = layers.first { $0.layer == .control }?.policies ?? []
            let session = layers.first { $0.layer == .session }?.policies ?? []
            let identity = layers.first { $0.layer == .identity }?.policies ?? []
            for _ in 0..<(Self.requestsPerCase * 2) {
                let r = PolicyGenerator.request(&g)
                let request = PropertySupport.request(r)
                let (expected, expectedBy) = reference.decide(identity: identity, session: session, control: control, r)
                tally.add(expected)
                let e = authorizer.evaluate(request)
                run.check(e.decision == expected && e.deniedBy == expectedBy,
                          "ramguard says \(e.decision)/\(String(describing: e.deniedBy)), the reference \(expected)/\(String(describing: expectedBy))",
                          caseIndex: i, policies: layers.described, request: r)
                run.check(evaluator.decide(request) == expected, "Evaluator.decide disagrees with the reference",
                          caseIndex: i, policies: layers.described, request: r)
                // Statement by statement: what applied in each evaluated layer.
                for outcome in e.layers where outcome.decision != nil {
                    let policies = layers.first { $0.layer == outcome.layer }?.policies ?? []
                    let engine = outcome.applied.map { "\($0.file)#\($0.statement.index)" }.sorted()
                    let naive = policies.flatMap { p in
                        p.statements.enumerated().filter { reference.applies($0.element, r) }.map { "\(p.name)#\($0.offset)" }
                    }.sorted()
                    run.check(engine == naive, "\(outcome.layer): ramguard applied \(engine), the reference \(naive)",
                              caseIndex: i, policies: layers.described, request: r)
                }
            }
        }
        run.summary("\(tally)")
        #expect(tally.isBalanced(), "reference decisions: \(tally)")
    }

    @Test("the reference evaluator itself gets the documented examples right")
    func referenceSanity() {
        let reference = ReferenceEvaluator()
        #expect(ReferenceEvaluator.glob("vod:get*", "vod:getvideoinfo"))
        #expect(ReferenceEvaluator.glob("*:submitworkflowjob", "vod:submitworkflowjob"))
        #expect(!ReferenceEvaluator.glob("vod:get?", "vod:get"))
        #expect(ReferenceEvaluator.cidrContains("203.0.113.0/24", "203.0.113.7"))
        #expect(!ReferenceEvaluator.cidrContains("198.51.100.7", "198.51.100.8"))
        #expect(ReferenceEvaluator.cidrContains("2001:db8::/32", "2001:db8:1::5"))
        #expect(!ReferenceEvaluator.cidrContains("2001:db8::/32", "203.0.113.7"))
        let s = GenStatement(sid: nil, effect: "Allow", notAction: false, actions: ["vod:*"], actionsAsArray: false,
                             resources: ["*"], resourcesAsArray: false,
                             conditions: [GenOperator(name: "StringNotEquals", entries: [GenConditionEntry(key: "acs:SourceVpc", values: ["vpc-1", "vpc-2"], asArray: true)])])
        let p = GenPolicy(name: "p.json", statements: [s])
        func req(_ ctx: [GenContextEntry]) -> GenRequest {
            GenRequest(action: "vod:SubmitWorkflowJob", resource: "acs:vod:cn-shanghai:1:x", context: ctx)
        }
        #expect(reference.decide([p], req([])) == .allow)  // negated, key absent
        #expect(reference.decide([p], req([GenContextEntry(key: "ACS:SOURCEVPC", values: ["vpc-2"])])) == .implicitDeny)  // NOR
        #expect(reference.decide([p], req([GenContextEntry(key: "acs:SourceVpc", values: ["vpc-3"])])) == .allow)
    }

    // MARK: Helpers

    struct Layer {
        var layer: PolicyLayer
        var policies: [GenPolicy]
    }

    /// An identity layer, and a session and a control layer each present in about half the cases.
    static func layers(_ g: inout SplitMix64) -> [Layer] {
        var out: [Layer] = []
        if g.chance(0.4) { out.append(Layer(layer: .control, policies: layer(.control, &g))) }
        if g.chance(0.4) { out.append(Layer(layer: .session, policies: layer(.session, &g))) }
        out.append(Layer(layer: .identity, policies: PolicyGenerator.policySet(&g, prefix: "identity")))
        return out
    }

    /// Session and control policies: smaller (their size limits are 2,048 and 4,096 characters), and
    /// often with an `Allow * on *` statement (FullAliyunAccess) so that requests get past them.
    static func layer(_ kind: PolicyKind, _ g: inout SplitMix64) -> [GenPolicy] {
        var ps = PolicyGenerator.policySet(&g, prefix: kind.rawValue, files: kind == .session ? 1...1 : 1...2,
                                           statements: 1...3)
        if g.chance(0.6) {
            let full = GenStatement(sid: nil, effect: "Allow", notAction: false, actions: ["*"], actionsAsArray: false,
                                    resources: ["*"], resourcesAsArray: false, conditions: [])
            ps[0].statements.insert(full, at: g.int(0...ps[0].statements.count))
        }
        return ps.map { PropertySupport.fit($0, kind: kind) }
    }

    static func inserting(_ s: GenStatement, into policies: [GenPolicy], _ g: inout SplitMix64) -> [GenPolicy] {
        var ps = policies
        if g.chance(0.3) {
            ps.insert(GenPolicy(name: "added.json", statements: [s]), at: g.int(0...ps.count))
        } else {
            let k = g.int(0..<ps.count)
            ps[k].statements.insert(s, at: g.int(0...ps[k].statements.count))
        }
        return ps
    }

    /// The deciding statements as comparable text, independent of order and source positions.
    static func deciding(_ e: Evaluation) -> [String] {
        e.deciding.map { "\($0.layer) \($0.file) \(PropertySupport.Meaning($0.statement))" }.sorted()
    }
}

extension [EvaluationProperties.Layer] {
    func authorizer(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Authorizer {
        func policies(_ l: PolicyLayer) -> [GenPolicy] { first { $0.layer == l }?.policies ?? [] }
        return try PropertySupport.authorizer(identity: policies(.identity), session: policies(.session),
                                              control: policies(.control), sourceLocation: sourceLocation)
    }

    var described: [(String, [GenPolicy])] { map { ($0.layer.rawValue, $0.policies) } }
}
