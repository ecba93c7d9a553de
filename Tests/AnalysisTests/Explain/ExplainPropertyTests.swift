@testable import Analysis
import RAMPolicy
import Testing

/// Random policy sets × random request contexts: whatever the analysis says must be what the engine does.
@Suite struct ExplainPropertyTests {
    /// An explainer built for its actions compiles only the statements that match them; its answers,
    /// examples, confirmations and assumptions must be those of the explainer over every statement.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func explainerForItsActionsAgreesWithTheFullOne(seed: UInt64) throws {
        var rng = RandomPolicies.SplitMix64(state: seed &* 0x1234_5678_9ABC_DEF1)
        var smaller = 0
        // Statements none of the actions can match (another service; a literal that is none of them),
        // with and without conditions: the restricted set must leave them out and answer the same.
        let elsewhere = try makePolicy(#"""
            {"Version": "1", "Statement": [
              {"Effect": "Deny", "Action": "ecs:*", "Resource": "*"},
              {"Effect": "Allow", "Action": ["vod:DeleteVideo", "ram:List*"], "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}
            ]}
            """#, name: "elsewhere.json")
        for round in 0..<40 {
            var layers = try RandomPolicies.layers(&rng)
            if round % 2 == 0 { layers.identity.append(elsewhere) }
            let actions = rng.chance(50) ? [submit] : [submit, "vod:GetVideoInfo", "VOD:getvideoinfo", "ecs:DescribeInstances"]
            let full = AccessExplainer(layers: layers)
            let scoped = AccessExplainer(layers: layers, actions: actions)
            for action in actions {
                #expect(scoped.explain(action: action) == full.explain(action: action), "seed \(seed) round \(round) \(action)")
            }
            func count(_ l: PolicyLayers) -> Int { (l.identity + l.session + l.control).map(\.statements.count).reduce(0, +) }
            let kept = StatementIndex(layers: layers, scope: OperationGranularServices(), actions: actions).policies
            if count(kept) < count(layers) { smaller += 1 }
            #expect(kept.identity.count == layers.identity.count && kept.session.count == layers.session.count
                    && kept.control.count == layers.control.count)
        }
        #expect(smaller >= 20)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func analysisAgreesWithEngine(seed: UInt64) throws {
        var rng = RandomPolicies.SplitMix64(state: seed &* 0x1234_5678_9ABC_DEF1)
        var checked = 0
        var verdicts: [AccessExplanation.Verdict: Int] = [:]
        for round in 0..<40 {
            let layers = try RandomPolicies.layers(&rng)
            let action = rng.chance(80) ? submit : "vod:GetVideoInfo"
            let e = AccessExplainer(layers: layers).explain(action: action)
            verdicts[e.verdict, default: 0] += 1
            let contexts = (0..<30).map { _ in RandomPolicies.randomContext(&rng) }
            #expect(e.verdict != .undecidable, "seed \(seed) round \(round): \(e.undecidableReasons)")
            #expect(e.examplesConfirmed, "seed \(seed) round \(round): examples not confirmed; \(e.summary)")
            for ctx in contexts {
                let engine = engineAllows(layers, action, ctx)
                switch e.verdict {
                case .always:
                    #expect(engine, "seed \(seed) round \(round): always, but the engine denies \(ctx.entries.map { "\($0.key)=\($0.values)" })")
                case .never:
                    #expect(!engine, "seed \(seed) round \(round): never, but the engine allows \(ctx.entries.map { "\($0.key)=\($0.values)" })")
                case .conditional:
                    #expect(e.describesAllowed(ctx) == engine,
                            "seed \(seed) round \(round): \(e.summary) disagrees with the engine (\(engine)) on \(ctx.entries.map { "\($0.key)=\($0.values)" })")
                case .undecidable:
                    break
                }
                checked += 1
            }
            // The examples evaluate as promised (examplesConfirmed re-checked independently here).
            if let a = e.allowedExample { #expect(engineAllows(layers, action, context(a))) }
            if let d = e.deniedExample { #expect(!engineAllows(layers, action, context(d))) }
            #expect((e.allowedExample == nil) == (e.verdict == .never))
            #expect((e.deniedExample == nil) == (e.verdict == .always))
        }
        #expect(checked >= 1_000)
        // The generator must reach every answer, or the property says little.
        #expect(verdicts[.conditional, default: 0] > 5, "\(verdicts)")
        #expect(verdicts[.never, default: 0] > 0, "\(verdicts)")
        print("seed \(seed): \(checked) contexts, verdicts \(verdicts)")
    }
}

/// The audit's pre-filter may keep statements the engine then rejects, never drop one the engine matches.
@Suite struct ActionPrefilterTests {
    @Test func neverDropsWhatTheEngineMatches() {
        var rng = RandomPolicies.SplitMix64(state: 0xA11CE)
        let pieces = ["vod", "VOD", "oss", ":", "*", "?", "Submit", "s", "Job", "é", "e\u{301}"]
        func text(_ n: Int) -> String { (0..<n).map { _ in rng.pick(pieces) }.joined() }
        var dropped = 0
        for _ in 0..<20_000 {
            let pattern = text(1 + rng.int(5))
            let action = rng.chance(50) ? "vod:" + text(1 + rng.int(3)) : text(1 + rng.int(5))
            let engine = Glob(pattern, caseInsensitive: true).matches(action)
            let kept = ActionPrefilter.mayMatch(Glob.fold(pattern), Glob.fold(action))
            #expect(kept || !engine, "\(pattern) matches \(action) but was dropped")
            if !kept { dropped += 1 }
        }
        #expect(dropped > 1_000)
    }

    @Test("statements of other services and other literals are dropped, NotAction kept", arguments: [
        (#""oss:GetObject""#, false), (#""oss:*""#, false), (#"["oss:*", "vod:Get*"]"#, true), (#""*:Submit*""#, true),
        (#""VOD:submitworkflowjob""#, true), (#""vod:SubmitWorkflowJobs""#, false), (#""vo?:Get*""#, true),
    ])
    func statements(actions: String, kept: Bool) throws {
        let policy = try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": \#(actions), "Resource": "*"}]}"#, name: "p.json")
        #expect(ActionPrefilter([submit]).mayMatch(policy.statements[0]) == kept)
        let not = try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": \#(actions), "Resource": "*"}]}"#, name: "p.json")
        #expect(ActionPrefilter([submit]).mayMatch(not.statements[0]))
    }
}
