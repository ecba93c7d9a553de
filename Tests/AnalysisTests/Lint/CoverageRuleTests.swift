@testable import Analysis
import Foundation
import RAMPolicy
import Testing

@Suite("Lint: statements that change nothing")
struct CoverageRuleTests {
    static let broad = #"{"Effect": "Allow", "Action": "vod:*", "Resource": "*"}"#

    @Test("ShadowedStatement: an Allow inside an unconditional Allow, with the covering statement as related location")
    func shadowed() throws {
        let narrow = #"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJob", "vod:GetPlayInfo"], "Resource": "*"}"#
        let text = LintFixtures.policy(Self.broad, narrow)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ServiceWildcard", "ShadowedStatement"])
        let f = try #require(LintFixtures.only("ShadowedStatement", findings).first)
        #expect(f.severity == .suggestion)
        #expect(f.path == "Statement[1]")
        #expect(Place(f.span) == LintFixtures.place(of: narrow, in: text))
        #expect(Place(f.span) == Place(line: 5, column: 5, endLine: 5, endColumn: 5 + narrow.unicodeScalars.count))
        #expect(f.message == "Statement[1] changes nothing: Statement[0] allows the same actions on the same resources (or more)")
        let related = try #require(f.related.first)
        #expect(related.path == "Statement[0]")
        #expect(related.file == "p.json")
        #expect(Place(related.span) == LintFixtures.place(of: Self.broad, in: text))
    }

    @Test("a shadowed statement's conditions restrict nothing: a warning")
    func shadowedConditions() throws {
        let text = LintFixtures.policy(
            Self.broad,
            #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}}"#)
        let f = try #require(LintFixtures.only("ShadowedStatement", LintFixtures.lint(text)).first)
        #expect(f.severity == .warning)
        #expect(f.message == "the conditions of Statement[1] restrict nothing: Statement[0] allows the same actions on the same resources (or more) without conditions")
    }

    @Test("coverage by catalogue expansion: vod:Submit*Job inside a list of narrower VOD patterns")
    func catalogueCoverage() {
        let covering = #"{"Effect": "Allow", "Action": ["vod:SubmitAI*", "vod:SubmitD*", "vod:SubmitMedia*", "vod:SubmitSnapshotJob", "vod:SubmitWorkflowJob"], "Resource": "*"}"#
        let covered = #"{"Effect": "Allow", "Action": "vod:Submit*Job", "Resource": "*"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(covering, covered))).map(\.path) == ["Statement[1]"])
        // Without vod:SubmitWorkflowJob the list no longer covers vod:Submit*Job — but vod:Submit*Job now
        // covers every action the narrower list grants, so that list is the redundant one.
        let gap = covering.replacingOccurrences(of: #", "vod:SubmitWorkflowJob""#, with: "")
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(gap, covered))).map(\.path) == ["Statement[0]"])
        let other = #"{"Effect": "Allow", "Action": ["vod:SubmitAI*", "vod:GetPlayInfo"], "Resource": "*"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(other, covered))).isEmpty)
    }

    @Test("service bits: the same bit for a service code in any case, none for a wildcard or missing code")
    func serviceBits() {
        let context = CatalogContext(.vod)
        func bit(_ text: String) -> UInt64 { ActionShape(text, context: context).serviceBit }
        #expect(bit("rds:DescribeDBInstances") != 0)
        #expect(bit("rds:DescribeDBInstances") == bit("RDS:*"))
        #expect(bit("rds:DescribeDBInstances").nonzeroBitCount == 1)
        #expect(bit("vod:GetPlayInfo") == bit("Vod:Get*"))
        for text in ["*", "*:*", "r*s:Describe*", "rd?:Get", "nocolon", "vöd:GetPlayInfo"] {
            #expect(bit(text) == 0, "\(text)")
        }
    }

    @Test("the service filter: covered by the same services in any case, or by a wildcard service, never by others")
    func serviceFilter() {
        let narrow = #"{"Effect": "Allow", "Action": ["rds:DescribeDBInstances", "ECS:startinstance"], "Resource": "*"}"#
        func shadowed(_ broad: String) -> [String] {
            let text = LintFixtures.policy(#"{"Effect": "Allow", "Action": \#(broad), "Resource": "*"}"#, narrow)
            return LintFixtures.only("ShadowedStatement", LintFixtures.lint(text)).map(\.path)
        }
        #expect(shadowed(#"["RDS:Describe*", "ecs:StartInstance"]"#) == ["Statement[1]"])
        #expect(shadowed(#"["*:Describe*", "ecs:*"]"#) == ["Statement[1]"])
        #expect(shadowed(#"["r*:*", "ecs:StartInstance"]"#) == ["Statement[1]"])
        #expect(shadowed(#"["rds:*"]"#).isEmpty)
        #expect(shadowed(#"["rds:*", "ecs2:*"]"#).isEmpty)
        // A Deny of one of the two services cancels nothing.
        let deny = LintFixtures.policy(#"{"Effect": "Deny", "Action": "rds:*", "Resource": "*"}"#, narrow)
        #expect(LintFixtures.only("AllowOverriddenByDeny", LintFixtures.lint(deny)).isEmpty)
        let both = LintFixtures.policy(#"{"Effect": "Deny", "Action": ["rds:*", "ecs:*"], "Resource": "*"}"#, narrow)
        #expect(LintFixtures.only("AllowOverriddenByDeny", LintFixtures.lint(both)).map(\.path) == ["Statement[1]"])
    }

    @Test("the service and name filter never hides a cover: random pairs of statements against pairwise pattern coverage")
    func filterAgreesWithPairwiseCoverage() {
        var rng = RandomPolicies.SplitMix64(state: 41)
        let context = CatalogContext(.vod)
        let services = ["ecs", "ECS", "rds", "r*", "*", "e?s", "é", "Rds"]
        let names = ["Get", "get", "*", "?", "Play", "Info"]
        func entries() -> [String] {
            (0..<1 + rng.int(4)).map { _ in rng.pick(services) + ":" + (0..<1 + rng.int(3)).map { _ in rng.pick(names) }.joined() }
        }
        func covers(_ t: [String], _ s: [String]) -> Bool {
            s.allSatisfy { e in
                t.contains { f in FastPathTests.generalIsCovered(ActionFacts(e, context: context), by: ActionFacts(f, context: context)) }
            }
        }
        var shadowedSeen = 0
        for _ in 0..<1_500 {
            let (a, b) = (entries(), entries())
            func statement(_ actions: [String]) -> String {
                #"{"Effect": "Allow", "Action": [\#(actions.map { "\"\($0)\"" }.joined(separator: ", "))], "Resource": "*"}"#
            }
            let findings = LintFixtures.lint(LintFixtures.policy(statement(a), statement(b)))
            guard !findings.contains(where: { $0.code.isEngineCode && $0.severity == .error }) else { continue }
            var expected: [String] = []
            if covers(b, a) && !covers(a, b) { expected.append("Statement[0]") }
            if covers(a, b) { expected.append("Statement[1]") }
            shadowedSeen += expected.count
            #expect(LintFixtures.only("ShadowedStatement", findings).map(\.path) == expected, "\(a) / \(b)")
        }
        #expect(shadowedSeen > 50, "the random statements should cover each other now and then")
    }

    @Test("of two identical statements only the later is reported")
    func duplicates() {
        let s = #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#
        let findings = LintFixtures.lint(LintFixtures.policy(s, s))
        #expect(LintFixtures.ids(findings) == ["ShadowedStatement"])
        #expect(findings.first?.path == "Statement[1]")
    }

    @Test("not shadowed: conditions on the broader statement, other resources, NotAction, trust policies")
    func notShadowed() {
        let conditional = #"{"Effect": "Allow", "Action": "vod:*", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "true"}}}"#
        let narrow = #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(conditional, narrow))).isEmpty)
        let bucketA = #"{"Effect": "Allow", "Action": "oss:*", "Resource": "acs:oss:*:*:a/*"}"#
        let bucketB = #"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:b/*"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(bucketA, bucketB))).isEmpty)
        let bucketAObject = #"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:a/x.txt"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(bucketA, bucketAObject))).count == 1)
        let notAction = #"{"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"}"#
        #expect(LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(notAction, narrow))).isEmpty)
    }

    @Test("AllowOverriddenByDeny: an unconditional Deny covers the Allow")
    func overridden() throws {
        let allow = #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#
        let deny = #"{"Effect": "Deny", "Action": "vod:Submit*", "Resource": "*"}"#
        let text = LintFixtures.policy(allow, deny)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["AllowOverriddenByDeny"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.path == "Statement[0]")
        #expect(Place(f.span) == LintFixtures.place(of: allow, in: text))
        #expect(f.related.first?.path == "Statement[1]")
        #expect(f.message == "Statement[0] allows nothing: the Deny Statement[1] covers all its actions and resources without conditions, and a Deny always wins")
        let conditionalDeny = #"{"Effect": "Deny", "Action": "vod:Submit*", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "false"}}}"#
        #expect(LintFixtures.lint(LintFixtures.policy(allow, conditionalDeny)).isEmpty)
    }

    @Test("DenyNeverMatches: VOD actions that do not exist")
    func denyUnknown() throws {
        let deny = #"{"Effect": "Deny", "Action": ["vod:DeleteVidoe", "vod:Remove*"], "Resource": "*"}"#
        let text = LintFixtures.policy(deny)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["DenyNeverMatches", "UnknownAction", "WildcardMatchesNothing"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.path == "Statement[0]")
        #expect(Place(f.span) == LintFixtures.place(of: deny, in: text))
        #expect(f.message == "Statement[0] denies nothing: vod:DeleteVidoe and vod:Remove* match no VOD action")
        #expect(findings.dropFirst().first?.message == "vod:DeleteVidoe is not a VOD action; did you mean vod:DeleteVideo?")
    }

    @Test("DenyNeverMatches: conditions that can never hold")
    func denyExpired() throws {
        let text = LintFixtures.policy(
            #"{"Effect": "Deny", "Action": "vod:DeleteVideo", "Resource": "*", "Condition": {"DateLessThan": {"acs:CurrentTime": "2025-01-01T00:00:00Z"}}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["DenyNeverMatches", "ExpiredCondition"])
        #expect(findings.first?.related.first?.path == "Statement[0].Condition.DateLessThan.acs:CurrentTime")
        #expect(findings.last?.message.hasSuffix("; the Deny never applies again") == true)
    }

    @Test("no DenyNeverMatches for real actions or for services without a catalogue")
    func denyFine() {
        let real = LintFixtures.policy(#"{"Effect": "Deny", "Action": ["vod:DeleteVideo", "vod:Delete*"], "Resource": "*"}"#)
        #expect(LintFixtures.only("DenyNeverMatches", LintFixtures.lint(real)).isEmpty)
        let mixed = LintFixtures.policy(#"{"Effect": "Deny", "Action": ["vod:Nope", "oss:DeleteObject"], "Resource": "*"}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(mixed)) == ["UnknownAction"])
    }

    @Test("across the documents of one identity")
    func identity() throws {
        let a = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#)
        let b = LintFixtures.policy(
            #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}}"#)
        let c = LintFixtures.policy(#"{"Effect": "Deny", "Action": "vod:GetPlayInfo", "Resource": "*"}"#,
                                    #"{"Effect": "Allow", "Action": "vod:GetPlayInfo", "Resource": "*"}"#)
        let findings = LintFixtures.linter.lint(identity: [(path: "a.json", text: a), (path: "b.json", text: b), (path: "c.json", text: c)])
        #expect(findings.map(\.file) == ["b.json", "c.json"])
        let shadowed = try #require(findings.first)
        #expect(shadowed.code.id == "ShadowedStatement")
        #expect(shadowed.severity == .warning)
        #expect(shadowed.message.contains("Statement[0] of a.json"))
        #expect(shadowed.related.first?.file == "a.json")
        #expect(findings.last?.code.id == "AllowOverriddenByDeny")
        // Each document alone is clean.
        #expect(LintFixtures.lint(a).isEmpty && LintFixtures.lint(b).isEmpty)
    }
}

@Suite("Lint: pattern inclusion used by coverage")
struct GlobInclusionTests {
    /// A statement allowing `covering` shadows one allowing `covered` exactly when the first covers the second.
    static func shadows(_ covering: String, _ covered: String, resource: Bool = false) -> Bool {
        let a = resource
            ? #"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "\#(covering)"}"#
            : #"{"Effect": "Allow", "Action": "\#(covering)", "Resource": "*"}"#
        let b = resource
            ? #"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "\#(covered)"}"#
            : #"{"Effect": "Allow", "Action": "\#(covered)", "Resource": "*"}"#
        return LintFixtures.only("ShadowedStatement", LintFixtures.lint(LintFixtures.policy(a, b))).map(\.path) == ["Statement[1]"]
    }

    @Test("wildcards inside wildcards", arguments: [
        ("oss:Get*", "oss:GetObject*", true), ("oss:*Object", "oss:Get*Object", true), ("oss:Get?bject", "oss:GetObject", true),
        ("oss:Get*", "oss:Put*", false), ("oss:GetObject*", "oss:Get*", false), ("oss:Get?*", "oss:Get*", false),
        ("oss:*", "ecs:*", false), ("*:Describe*", "ecs:DescribeInstances", true),
    ])
    func actions(covering: String, covered: String, expected: Bool) {
        #expect(Self.shadows(covering, covered) == expected)
    }

    @Test("ARN patterns", arguments: [
        ("acs:oss:*:*:a/*", "acs:oss:*:*:a/x.txt", true), ("acs:oss:*:*:a/*", "acs:oss:*:*:a/*/y", true),
        ("acs:oss:*:*:a/*", "acs:oss:*:*:b/*", false), ("acs:oss:cn-*:*:a/*", "acs:oss:*:*:a/x", false),
        ("acs:oss:?:*:a", "acs:oss:*:*:a", false),
    ])
    func resources(covering: String, covered: String, expected: Bool) {
        #expect(Self.shadows(covering, covered, resource: true) == expected)
    }
}

@Suite("Lint: pattern inclusion fast path")
struct GlobInclusionFastPathTests {
    /// Random patterns over a small alphabet (so that prefixes and equalities are frequent), shaped like
    /// the covering patterns the fast path takes (literal, `prefix*`) and like those it leaves alone.
    @Test("literal and prefix* answers equal the alignment table's on random patterns")
    func agreesWithAlignment() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [UInt8] = Array("ab:*?".utf8)
        func pattern() -> [UInt8] {
            let base = (0..<next(6)).map { _ in alphabet[next(3)] }
            switch next(4) {
            case 0: return base
            case 1: return base + [UInt8(ascii: "*")]
            default: return (0..<next(7)).map { _ in alphabet[next(alphabet.count)] }
            }
        }
        var decided = 0
        for _ in 0..<20_000 {
            let t = pattern()
            let r = pattern()
            let fast = t.withUnsafeBufferPointer { tb in r.withUnsafeBufferPointer { GlobInclusion.literalOrPrefix(tb, $0) } }
            guard let fast else { continue }
            decided += 1
            let table = t.withUnsafeBufferPointer { tb in
                r.withUnsafeBufferPointer { GlobInclusion.align(tb, $0, star: UInt8(ascii: "*"), one: UInt8(ascii: "?")) }
            }
            #expect(fast == table, "\(String(decoding: t, as: UTF8.self)) covers \(String(decoding: r, as: UTF8.self))")
        }
        #expect(decided > 5_000)
    }
}
