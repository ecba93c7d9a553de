@testable import Analysis
import RAMPolicy
import Testing

/// The audit's short answer must be the full explanation's, field for field.
@Suite struct AccessVerdictTests {
    @Test(arguments: [21, 22, 23] as [UInt64])
    func verdictIsTheExplanationsOwn(seed: UInt64) throws {
        var rng = RandomPolicies.SplitMix64(state: seed &* 0x1234_5678_9ABC_DEF1)
        var verdicts: Set<AccessExplanation.Verdict> = []
        for round in 0..<40 {
            let layers = try RandomPolicies.layers(&rng)
            let actions = [submit, "vod:GetVideoInfo"]
            for explainer in [AccessExplainer(layers: layers), AccessExplainer(layers: layers, actions: actions)] {
                for action in actions {
                    let e = explainer.explain(action: action)
                    let v = explainer.verdict(action: action)
                    #expect(v == AccessVerdict(verdict: e.verdict, summary: e.summary, granting: e.granting,
                                               exceptions: e.exceptions.map(\.statement)), "seed \(seed) round \(round) \(action)")
                    verdicts.insert(e.verdict)
                }
            }
        }
        #expect(verdicts.isSuperset(of: [.conditional, .never]), "\(verdicts)")
    }
}
