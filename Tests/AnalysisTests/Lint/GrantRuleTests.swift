import ActionCatalog
import Analysis
import RAMPolicy
import Testing

@Suite("Lint: what a statement grants")
struct GrantRuleTests {
    @Test("AdministratorAccess: Allow * on * without conditions", arguments: ["*", "*:*"])
    func administrator(action: String) throws {
        let text = LintFixtures.policy(#"{"Effect": "Allow", "Action": "\#(action)", "Resource": "*"}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["AdministratorAccess"])
        let f = try #require(findings.first)
        #expect(f.severity == .securityWarning)
        #expect(f.path == "Statement[0].Action")
        #expect(Place(f.span) == LintFixtures.place(of: "\"\(action)\"", in: text))
        #expect(Place(f.span)?.line == 4)
        #expect(Place(f.span)?.column == 35)
        #expect(f.message == "Statement[0] allows every action (\(action)) on every resource without conditions: full administrator access")
    }

    @Test("not AdministratorAccess: a Deny, a condition, an ARN, a session policy")
    func notAdministrator() {
        let deny = LintFixtures.policy(#"{"Effect": "Deny", "Action": "*", "Resource": "*"}"#)
        #expect(LintFixtures.lint(deny).isEmpty)
        let conditional = LintFixtures.policy(
            #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": "true"}}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(conditional)) == ["ServiceWildcard"])
        let session = LintFixtures.policy(#"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)
        #expect(LintFixtures.lint(session, kind: .session).isEmpty)
        #expect(LintFixtures.lint(session, kind: .control).isEmpty)
    }

    @Test("NotActionWithAllow spans the NotAction list")
    func notAction() throws {
        let text = LintFixtures.policy(#"{"Effect": "Allow", "NotAction": ["ram:*", "sts:*"], "Resource": "*"}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["NotActionWithAllow"])
        let f = try #require(findings.first)
        #expect(f.severity == .securityWarning)
        #expect(f.path == "Statement[0].NotAction")
        #expect(Place(f.span) == Place(line: 4, column: 39, endLine: 4, endColumn: 55))
        #expect(Place(f.span) == LintFixtures.place(of: #""ram:*", "sts:*""#, in: text))
        #expect(f.message == "Statement[0] allows every action of every service except ram:* and sts:*, including services and actions added later")
        let deny = LintFixtures.policy(#"{"Effect": "Deny", "NotAction": ["ram:*", "sts:*"], "Resource": "*"}"#)
        #expect(LintFixtures.lint(deny).isEmpty)
    }

    @Test("NotResourceWithAllow (plus the engine's undocumented-syntax warning)")
    func notResource() throws {
        let text = LintFixtures.policy(#"{"Effect": "Allow", "Action": "oss:GetObject", "NotResource": "acs:oss:*:*:secret/*"}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["UndocumentedSyntax", "NotResourceWithAllow"])
        let f = try #require(LintFixtures.only("NotResourceWithAllow", findings).first)
        #expect(f.path == "Statement[0].NotResource")
        #expect(Place(f.span) == LintFixtures.place(of: "\"acs:oss:*:*:secret/*\"", in: text))
        #expect(f.severity == .securityWarning)
        let listed = LintFixtures.policy(#"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:public/*"}"#)
        #expect(LintFixtures.lint(listed).isEmpty)
    }

    @Test("ServiceWildcard says how many actions vod:* grants")
    func serviceWildcard() throws {
        let text = LintFixtures.policy(#"{"Effect": "Allow", "Action": ["vod:*", "vod:Describe*", "oss:*", "vod:Submit*"], "Resource": "*"}"#)
        let findings = LintFixtures.only("ServiceWildcard", LintFixtures.lint(text))
        #expect(findings.map(\.path) == ["Statement[0].Action[0]", "Statement[0].Action[1]", "Statement[0].Action[2]"])
        #expect(findings.allSatisfy { $0.severity == .suggestion })
        #expect(findings.first?.message == "vod:* grants 186 VOD actions; list the actions this identity needs")
        let describe = ActionCatalog.vod.currentActions.filter { $0.api.hasPrefix("Describe") }.count
        #expect(describe == 44)
        #expect(findings.dropFirst().first?.message == "vod:Describe* grants \(describe) of 186 VOD actions; list the actions this identity needs")
        #expect(findings.last?.message == "oss:* grants every action of the oss service; list the actions this identity needs")
        #expect(Place(findings.first?.span) == LintFixtures.place(of: "\"vod:*\"", in: text))
        let narrow = LintFixtures.policy(#"{"Effect": "Allow", "Action": ["vod:Submit*", "vod:SubmitWorkflowJob"], "Resource": "*"}"#)
        #expect(LintFixtures.only("ServiceWildcard", LintFixtures.lint(narrow)).isEmpty)
        let deny = LintFixtures.policy(#"{"Effect": "Deny", "Action": "vod:*", "Resource": "*"}"#)
        #expect(LintFixtures.lint(deny).isEmpty)
    }

    @Test("ResourceOnAllResourcesAction: an ARN on VOD actions (assumption U1)")
    func resourceOnAllResources() throws {
        let text = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": ["acs:vod:*:*:*", "acs:vod:cn-shanghai:*:*"]}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ResourceOnAllResourcesAction", "ResourceOnAllResourcesAction"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.path == "Statement[0].Resource[0]")
        #expect(Place(f.span) == LintFixtures.place(of: "\"acs:vod:*:*:*\"", in: text))
        #expect(f.message.contains("assumption U1"))
        #expect(f.message.contains("undocumented"))
        #expect(findings.last?.path == "Statement[0].Resource[1]")
        // "*" among the resources, or actions of other services: nothing to say.
        let star = LintFixtures.policy(#"{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": ["*", "acs:vod:*:*:*"]}"#)
        #expect(LintFixtures.lint(star).isEmpty)
        let mixed = LintFixtures.policy(#"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJob", "oss:GetObject"], "Resource": "acs:oss:*:*:bucket/*"}"#)
        #expect(LintFixtures.lint(mixed).isEmpty)
    }
}
