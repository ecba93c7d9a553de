import Analysis
import RAMPolicy
import Testing

/// Random policy sets × random request contexts: whatever the analysis says must be what the engine does.
@Suite struct ExplainPropertyTests {
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
