@testable import Analysis
import RAMPolicy
import Testing

/// The prefilter's byte-level check (folding the entry on the fly) against the check on a folded copy.
@Suite struct ActionPrefilterByteTests {
    @Test func asciiCheckMatchesTheFoldedOne() {
        var rng = RandomPolicies.SplitMix64(state: 21)
        let parts = ["vod", "VOD", "ecs", ":", "*", "?", "Submit", "submit", "WorkflowJob", "Get"]
        let actionSets = [["vod:SubmitWorkflowJob"], ["vod:submitworkflowjob", "ecs:Get"], ["VOD:GetPlayInfo", "vod:*"], ["x"]]
        for _ in 0..<20_000 {
            let filter = ActionPrefilter(rng.pick(actionSets))
            var entry = (0..<rng.int(5)).map { _ in rng.pick(parts) }.joined()
            let fast = entry.withUTF8 { filter.mayMatch(ascii: $0) }
            let pattern = Glob.fold(entry)
            #expect(fast == filter.folded.contains { ActionPrefilter.mayMatch(pattern, $0) }, "\(entry)")
        }
        var accented = "vod:Submité"
        #expect(accented.withUTF8 { ActionPrefilter(["vod:SubmitWorkflowJob"]).mayMatch(ascii: $0) } == nil)
    }
}
