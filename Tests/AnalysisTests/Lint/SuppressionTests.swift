import Analysis
import RAMPolicy
import Testing

@Suite("Lint: .ramguard.json suppressions and severities")
struct SuppressionTests {
    static let config = """
        {
          "version": 1,
          "suppress": [
            {"code": "ServiceWildcard", "reason": "VOD admins are meant to have vod:*"},
            {"files": "policies/legacy/**", "reason": "frozen; replaced in Q3"},
            {"file": "./policies/a.json", "line": 5, "code": "ShadowedStatement", "reason": "kept for readability"}
          ],
          "severity": {"UnknownService": "error", "NearSizeLimit": "suggestion"}
        }
        """

    /// Findings from three files: a ServiceWildcard and a ShadowedStatement (line 5) in a.json, an
    /// UnknownAction in a legacy file, an UnknownService and an UnknownAction elsewhere.
    static func findings() -> [Finding] {
        let a = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:*", "Resource": "*"}"#,
                                    #"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#)
        let legacy = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:Nope", "Resource": "*"}"#)
        let other = LintFixtures.policy(#"{"Effect": "Allow", "Action": ["vdo:Nope", "vod:Nope"], "Resource": "*"}"#)
        return LintFixtures.lint(a, file: "policies/a.json")
            + LintFixtures.lint(legacy, file: "policies/legacy/2019/old.json")
            + LintFixtures.lint(other, file: "policies/b.json")
    }

    @Test("suppression by code, by glob and by file and line; severities overridden")
    func apply() throws {
        let configuration = try LintConfiguration(text: Self.config)
        #expect(configuration.suppressions.count == 3)
        let all = Self.findings()
        #expect(all.map { "\($0.file):\($0.code.id)" } == [
            "policies/a.json:ServiceWildcard", "policies/a.json:ShadowedStatement",
            "policies/legacy/2019/old.json:UnknownAction",
            "policies/b.json:UnknownService", "policies/b.json:UnknownAction",
        ])
        let (kept, suppressed) = configuration.apply(to: all)
        #expect(kept.map { "\($0.file):\($0.code.id)" } == ["policies/b.json:UnknownService", "policies/b.json:UnknownAction"])
        #expect(kept.first?.severity == .error)
        #expect(suppressed.map(\.1) == ["VOD admins are meant to have vod:*", "kept for readability", "frozen; replaced in Q3"])
        #expect(suppressed.map(\.0.code.id) == ["ServiceWildcard", "ShadowedStatement", "UnknownAction"])
    }

    @Test("a file+line suppression does not reach other lines, codes or files")
    func lineScope() throws {
        let configuration = try LintConfiguration(text: """
            {"version": 1, "suppress": [{"file": "policies/a.json", "line": 4, "code": "ShadowedStatement", "reason": "r"}]}
            """)
        #expect(configuration.apply(to: Self.findings()).suppressed.isEmpty)
        let anyCode = try LintConfiguration(text: """
            {"version": 1, "suppress": [{"file": "policies/a.json", "line": 4, "reason": "r"}]}
            """)
        #expect(anyCode.apply(to: Self.findings()).suppressed.map(\.0.code.id) == ["ServiceWildcard"])
    }

    @Test("file globs: * within a segment, ** across segments, ?")
    func globs() throws {
        let g = try #require(FileGlob("policies/**/*.json"))
        #expect(g.matches("policies/a.json"))
        #expect(g.matches("policies/x/y/z.json"))
        #expect(g.matches("./policies/x/z.json"))
        #expect(!g.matches("other/a.json"))
        #expect(!g.matches("policies/a.yaml"))
        let one = try #require(FileGlob("policies/*.json"))
        #expect(one.matches("policies/a.json"))
        #expect(!one.matches("policies/x/a.json"))
        let q = try #require(FileGlob("p?.json"))
        #expect(q.matches("p1.json") && !q.matches("p12.json"))
        #expect(FileGlob("**")?.matches("any/thing/at/all.json") == true)
        #expect(FileGlob("a**b") == nil)
        #expect(FileGlob("") == nil)
        #expect(FileGlob("a/{b,c}") == nil)
    }

    @Test("configuration errors carry line, column and JSON path", arguments: [
        (#"{"version": 1, "suppress": [{"code": "ServiceWildcard"}]}"#, "no \"reason\"", "suppress[0]", 1, 29),
        (#"{"version": 1, "supress": []}"#, "\"supress\" is not a configuration member", "supress", 1, 16),
        ("{\"version\": 1,\n \"suppress\": [{\"code\": \"ServiceWildCard\", \"reason\": \"x\"}]}", "did you mean \"ServiceWildcard\"", "suppress[0].code", 2, 24),
        (#"{"version": 1, "suppress": [{"files": "a**b", "reason": "x"}]}"#, "bad file pattern", "suppress[0].files", 1, 39),
        (#"{"version": 1, "suppress": [{"line": 3, "code": "UnknownAction", "reason": "x"}]}"#, "\"line\" needs \"file\"", "suppress[0].line", 1, 38),
        (#"{"version": 1, "suppress": [{"reason": "x"}]}"#, "would hide every finding", "suppress[0]", 1, 29),
        (#"{"version": 1, "suppress": [{"code": "UnknownAction", "reason": "  "}]}"#, "\"reason\" is empty", "suppress[0].reason", 1, 65),
        (#"{"version": 1, "suppress": [{"code": "UnknownAction", "reason": "x", "why": "y"}]}"#, "\"why\" is not a suppression member", "suppress[0].why", 1, 70),
        (#"{"version": 1, "severity": {"ServiceWildcard": "loud"}}"#, "severity must be one of", "severity.ServiceWildcard", 1, 48),
        (#"{"version": 1, "severity": {"InvalidVersion": "warning"}}"#, "cannot be changed", "severity.InvalidVersion", 1, 47),
        (#"{"version": 1, "severity": {"NoSuchRule": "warning"}}"#, "\"NoSuchRule\" is not a rule id", "severity.NoSuchRule", 1, 29),
        (#"{"version": 2}"#, "\"version\" must be 1", "version", 1, 13),
        (#"{"suppress": []}"#, "no \"version\"", "", 1, 1),
        ("{\"version\": 1,\n  \"suppress\": [,]}", "not valid JSON", "", 2, 16),
    ])
    func errors(text: String, message: String, path: String, line: Int, column: Int) {
        do {
            _ = try LintConfiguration(text: text, file: ".ramguard.json")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.path == path)
            #expect(error.location?.line == line, "\(error)")
            #expect(error.location?.column == column, "\(error)")
            #expect(error.description.hasPrefix(".ramguard.json:\(line):\(column)"))
        }
    }
}
