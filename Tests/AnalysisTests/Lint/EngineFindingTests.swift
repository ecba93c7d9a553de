import Analysis
import RAMPolicy
import Testing

@Suite("Lint: the engine's validation codes and the rule table")
struct EngineFindingTests {
    static let engineCodes: [DiagnosticCode] = [
        .jsonSyntaxError, .invalidVersion, .invalidEffect, .missingAction, .invalidActionFormat, .invalidARNPrefix,
        .missingARNField, .invalidConditionOperator, .invalidConditionKeyFormat, .invalidConditionMultipleBoolean,
        .invalidPolicyElement, .dataTypeMismatch, .policySizeExceeded, .missingStatement, .missingEffect,
        .missingResource, .missingPrincipal, .invalidConditionValue, .undocumentedSyntax,
    ]

    @Test("every engine DiagnosticCode is a rule with the same id")
    func engineRules() throws {
        for code in Self.engineCodes {
            let rule = try #require(FindingCode.named(code.id), "\(code.id)")
            #expect(rule.isEngineCode)
            #expect(rule.title == code.name)
            #expect(rule.remedy == code.remedy)
            #expect(FindingCode.engine(code) == rule)
        }
        #expect(FindingCode.named("UndocumentedSyntax")?.severity == .warning)
        #expect(FindingCode.named("InvalidVersion")?.severity == .error)
        // A code the table does not know yet still maps to a rule.
        let future = DiagnosticCode(id: "FutureCheck", name: "Future check", remedy: "Do the future thing.")
        #expect(FindingCode.engine(future).id == "FutureCheck")
        #expect(FindingCode.engine(future).remedy == "Do the future thing.")
    }

    @Test("rule ids are unique and every rule is documented")
    func table() {
        let ids = FindingCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == Self.engineCodes.count + 17)
        for rule in FindingCode.all {
            #expect(!rule.title.isEmpty && rule.help.count > 40 && !rule.remedy.isEmpty, "\(rule.id)")
            #expect(FindingCode.named(rule.id) == rule)
        }
        for id in ["UnknownService", "UnknownAction", "WildcardMatchesNothing", "AdministratorAccess", "NotActionWithAllow",
                   "NotResourceWithAllow", "ServiceWildcard", "DenyNeverMatches", "ShadowedStatement", "AllowOverriddenByDeny",
                   "UnsatisfiableCondition", "ExpiredCondition", "ContradictoryConditions", "ResourceOnAllResourcesAction",
                   "NearSizeLimit", "DuplicateAction", "HistoricalAction"] {
            #expect(FindingCode.named(id) != nil, "\(id)")
        }
        #expect(FindingCode.named("administratoraccess") == nil)
    }

    @Test("severities order suggestion < warning < security-warning < error")
    func severityOrder() {
        #expect(FindingSeverity.allCases.sorted() == [.suggestion, .warning, .securityWarning, .error])
        #expect(FindingSeverity.securityWarning.rawValue == "security-warning")
        #expect(FindingSeverity.warning < .securityWarning)
    }

    @Test("an engine error becomes an error finding at the engine's position, and stops the lint rules")
    func invalidVersion() throws {
        let text = "{\n  \"Version\": \"2\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"vod:Nope\", \"Resource\": \"*\"}]\n}\n"
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["InvalidVersion"])
        let f = try #require(findings.first)
        #expect(f.severity == .error)
        #expect(f.path == "Version")
        #expect(Place(f.span) == Place(line: 2, column: 14, endLine: 2, endColumn: 17))
        #expect(f.message == "\"Version\" is \"2\"; the only valid version is \"1\"")
        #expect(f.remedy == DiagnosticCode.invalidVersion.remedy)
        #expect(f.description == "p.json:2:14 Version: error [InvalidVersion] \"Version\" is \"2\"; the only valid version is \"1\"")
    }

    @Test("engine warnings stay warnings; --strict makes them errors")
    func undocumented() throws {
        let text = LintFixtures.policy(#"{"Sid": "a", "Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#)
        let lenient = LintFixtures.lint(text)
        #expect(LintFixtures.ids(lenient) == ["UndocumentedSyntax"])
        #expect(lenient.first?.severity == .warning)
        #expect(Place(lenient.first?.span) == LintFixtures.place(of: "\"Sid\"", in: text))
        let strict = Linter(options: LintOptions(strict: true, now: LintFixtures.now))
        let findings = LintFixtures.lint(text, linter: strict)
        #expect(LintFixtures.ids(findings) == ["UndocumentedSyntax"])
        #expect(findings.first?.severity == .error)
    }

    @Test("JSON syntax errors and size errors")
    func syntaxAndSize() throws {
        let broken = "{\"Version\": \"1\", \"Statement\": [],}"
        let f = try #require(LintFixtures.lint(broken).first)
        #expect(f.code.id == "JsonSyntaxError")
        #expect(f.span?.start.line == 1)
        let big = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}"#)
            + String(repeating: " ", count: 6_200)
        let size = LintFixtures.lint(big)
        #expect(LintFixtures.ids(size) == ["PolicySizeExceeded"])
        #expect(size.first?.span == nil)
        #expect(size.first?.path == "")
    }
}
