import Analysis
import Foundation
import RAMPolicy
import Testing

@Suite("Lint: NearSizeLimit")
struct SizeRuleTests {
    /// A valid one-statement policy padded with spaces to exactly `characters` characters.
    static func document(characters: Int) -> String {
        let base = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#)
        let pad = characters - base.unicodeScalars.count
        return String(base.dropLast(2)) + String(repeating: " ", count: pad) + "}\n"
    }

    @Test("5,812 of 6,144 characters (95%)")
    func near() throws {
        let text = Self.document(characters: 5_812)
        #expect(text.unicodeScalars.count == 5_812)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["NearSizeLimit"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.span == nil)
        #expect(f.path == "")
        #expect(f.message.hasPrefix("5,812 of 6,144 characters (95%)"))
    }

    @Test("the threshold is nearLimitRatio × the kind's limit, counted in characters")
    func threshold() {
        #expect(LintFixtures.ids(LintFixtures.lint(Self.document(characters: 5_530))) == ["NearSizeLimit"])
        #expect(LintFixtures.lint(Self.document(characters: 5_529)).isEmpty)
        #expect(LintFixtures.ids(LintFixtures.lint(Self.document(characters: 6_144))) == ["NearSizeLimit"])
        #expect(LintFixtures.ids(LintFixtures.lint(Self.document(characters: 6_145))) == ["PolicySizeExceeded"])
        let session = LintFixtures.lint(Self.document(characters: 2_000), kind: .session)
        #expect(session.first?.message.hasPrefix("2,000 of 2,048 characters (98%)") == true)
        let relaxed = Linter(options: LintOptions(now: LintFixtures.now, nearLimitRatio: 0.99))
        #expect(LintFixtures.lint(Self.document(characters: 5_812), linter: relaxed).isEmpty)
    }

    @Test("multi-byte characters count once")
    func scalars() {
        let vpc = String(repeating: "é", count: 300)
        let base = LintFixtures.policy(
            #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*", "Condition": {"StringEquals": {"acs:SourceVpc": "\#(vpc)"}}}"#)
        let text = String(base.dropLast(2)) + String(repeating: " ", count: 5_600 - base.unicodeScalars.count) + "}\n"
        #expect(text.unicodeScalars.count == 5_600)
        #expect(text.utf8.count == 5_900)
        #expect(LintFixtures.lint(text).first?.message.hasPrefix("5,600 of 6,144 characters (91%)") == true)
    }
}
