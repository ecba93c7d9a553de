import Analysis
import RAMPolicy
import Testing

@Suite("Lint: action names")
struct ActionRuleTests {
    static let misspelt = LintFixtures.policy(
        #"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJobs", "vdo:GetPlayInfo", "vod:Sumbit*", "vod:AddWorkFlow"], "Resource": "*"}"#)

    @Test("UnknownAction names the nearest real action, at the exact entry")
    func unknownAction() throws {
        let findings = LintFixtures.lint(Self.misspelt)
        let f = try #require(LintFixtures.only("UnknownAction", findings).first)
        #expect(LintFixtures.only("UnknownAction", findings).count == 1)
        #expect(f.message == "vod:SubmitWorkflowJobs is not a VOD action; did you mean vod:SubmitWorkflowJob?")
        #expect(f.severity == .error)
        #expect(f.path == "Statement[0].Action[0]")
        #expect(Place(f.span) == Place(line: 4, column: 36, endLine: 4, endColumn: 60))
        #expect(Place(f.span) == LintFixtures.place(of: "\"vod:SubmitWorkflowJobs\"", in: Self.misspelt))
        #expect(f.file == "p.json")
        #expect(f.fingerprint.count == 16)
    }

    @Test("UnknownService flags an unlisted service code and suggests the VOD action")
    func unknownService() throws {
        let f = try #require(LintFixtures.only("UnknownService", LintFixtures.lint(Self.misspelt)).first)
        #expect(f.severity == .warning)
        #expect(f.message == "\"vdo\" in vdo:GetPlayInfo is not a known Alibaba Cloud RAM service code; did you mean vod:GetPlayInfo?")
        #expect(f.path == "Statement[0].Action[1]")
        #expect(Place(f.span) == LintFixtures.place(of: "\"vdo:GetPlayInfo\"", in: Self.misspelt))
    }

    @Test("WildcardMatchesNothing and HistoricalAction")
    func wildcardAndHistorical() throws {
        let findings = LintFixtures.lint(Self.misspelt)
        let w = try #require(LintFixtures.only("WildcardMatchesNothing", findings).first)
        #expect(w.path == "Statement[0].Action[2]")
        #expect(w.severity == .warning)
        #expect(w.message.hasPrefix("vod:Sumbit* matches no VOD action"))
        #expect(Place(w.span) == LintFixtures.place(of: "\"vod:Sumbit*\"", in: Self.misspelt))
        let h = try #require(LintFixtures.only("HistoricalAction", findings).first)
        #expect(h.path == "Statement[0].Action[3]")
        #expect(h.message.hasPrefix("vod:AddWorkFlow is a historical VOD API name"))
        #expect(Place(h.span) == LintFixtures.place(of: "\"vod:AddWorkFlow\"", in: Self.misspelt))
        // Findings come in document order.
        #expect(LintFixtures.ids(findings) == ["UnknownAction", "UnknownService", "WildcardMatchesNothing", "HistoricalAction"])
    }

    @Test("real names, other services, wildcard service codes and legacy names are not flagged")
    func clean() {
        let text = LintFixtures.policy(
            #"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJob", "VOD:getplayinfo", "vod:List*", "oss:GetObject", "*:ListTagResources", "vod:GetVideoPlayInfo", "acme-internal-*:Run"], "Resource": "*"}"#)
        #expect(LintFixtures.lint(text).isEmpty)
    }

    @Test("a failed catalogue load disables the catalogue rules instead of flagging everything")
    func noCatalogue() {
        let linter = Linter(catalog: .empty(service: "vod", loadError: "missing"), options: LintOptions(now: LintFixtures.now))
        let findings = LintFixtures.lint(Self.misspelt, linter: linter)
        #expect(LintFixtures.ids(findings) == ["UnknownService"])
    }

    @Test("DuplicateAction: a repeated entry and a literal already matched by a wildcard")
    func duplicate() throws {
        let text = LintFixtures.policy(
            #"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJob", "vod:Submit*", "VOD:submit*"], "Resource": "*"}"#)
        let findings = LintFixtures.only("DuplicateAction", LintFixtures.lint(text))
        #expect(findings.map(\.path) == ["Statement[0].Action[0]", "Statement[0].Action[2]"])
        #expect(findings.allSatisfy { $0.severity == .suggestion })
        #expect(findings.first?.message == "vod:SubmitWorkflowJob is already matched by vod:Submit* in the same list")
        #expect(findings.last?.message == "VOD:submit* is listed twice in this statement (actions compare case-insensitively)")
        #expect(Place(findings.last?.related.first?.span) == LintFixtures.place(of: "\"vod:Submit*\"", in: text))
        #expect(Place(findings.last?.span) == LintFixtures.place(of: "\"VOD:submit*\"", in: text))
        let distinct = LintFixtures.policy(#"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJob", "vod:GetPlayInfo"], "Resource": "*"}"#)
        #expect(LintFixtures.only("DuplicateAction", LintFixtures.lint(distinct)).isEmpty)
    }
}
