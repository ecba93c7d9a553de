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

    /// The byte-level wildcard match against the engine's compiled glob, on patterns and actions that
    /// stress the backtracking (several stars, `?`, repeated parts, case).
    @Test func byteGlobMatchesTheEnginesGlob() {
        var rng = RandomPolicies.SplitMix64(state: 22)
        let parts = ["vod", "VOD", ":", "*", "**", "?", "Sub", "sub", "mit", "Job", "J", "ob", "o"]
        let subjects = ["vod:submitjob", "vod:subjob", "vod:submitjobjob", "vod:", "", "v", "vodsubmit:job", "vod:job"]
        var matched = 0
        for _ in 0..<20_000 {
            var entry = (0..<rng.int(6)).map { _ in rng.pick(parts) }.joined()
            let subject = rng.pick(subjects)
            let engine = Glob(entry, caseInsensitive: true).matches(folded: subject)
            let bytes = entry.withUTF8 { ActionPrefilter.globMatches(folding: $0, Array(subject.utf8)) }
            #expect(bytes == engine, "\(entry) against \(subject)")
            if engine { matched += 1 }
        }
        #expect(matched > 1_000)
    }

    /// Statements whose wildcard entries the byte match decides are kept exactly as the engine matches them.
    @Test("wildcard entries are matched as the engine matches them", arguments: [
        (#""vod:*""#, true), (#""VOD:Sub*Job""#, true), (#""vod:Sub?itWorkflowJob""#, true), (#""vod:Get*""#, false),
        (#""*:*Job""#, true), (#""vod:*Jobs""#, false), (#"["oss:*", "v?d:*Workflow*"]"#, true),
    ])
    func wildcardStatements(actions: String, kept: Bool) throws {
        let policy = try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": \#(actions), "Resource": "*"}]}"#, name: "p.json")
        #expect(ActionPrefilter([submit]).matches(policy.statements[0]) == kept)
        #expect(ActionPrefilter(["ecs:DescribeInstances", submit]).matches(policy.statements[0]) == kept)
        let not = try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": \#(actions), "Resource": "*"}]}"#, name: "p.json")
        #expect(ActionPrefilter([submit]).matches(not.statements[0]) == !kept)
    }

    /// Only an ASCII first character that is no wildcard and begins none of the actions rules an entry out.
    @Test func firstByteRulesOutOtherServicesOnly() {
        let filter = ActionPrefilter([submit, "ecs:DescribeInstances"])
        func rulesOut(_ entry: String) -> Bool {
            var e = entry
            return e.withUTF8 { filter.rulesOut(firstByte: $0) }
        }
        #expect(rulesOut("log:GetLogStoreLogs"))
        #expect(rulesOut("oss:*"))
        #expect(!rulesOut("VOD:Get*"))
        #expect(!rulesOut("Ecs:*"))
        #expect(!rulesOut("*"))
        #expect(!rulesOut("?od:*"))
        #expect(!rulesOut(""))
        // The Kelvin sign folds to "k": a non-ASCII first character is left to the glob.
        #expect(!rulesOut("\u{212A}ms:*"))
    }
}
