import Analysis
import RAMPolicy
import Testing

@Suite("Lint: baselines")
struct BaselineTests {
    static let v1 = LintFixtures.policy(
        #"{"Effect": "Allow", "Action": ["vod:SubmitWorkflowJobs", "vod:GetPlayInfo"], "Resource": "*"}"#)
    /// v1 reformatted, moved down by blank lines, with a statement inserted before and a new problem.
    static let v2 = """


        {
            "Version": "1",
            "Statement": [
                {"Effect": "Allow", "Action": "vod:SubmitAIJob", "Resource": "*"},
                {
                    "Effect": "Allow",
                    "Action": [
                        "vod:GetPlayInfo",
                        "vod:SubmitWorkflowJobs"
                    ],
                    "Resource": "*"
                },
                {"Effect": "Allow", "Action": "vod:DeleteVidoe", "Resource": "*"}
            ]
        }
        """

    @Test("fingerprints are FNV-1a 64 over rule, file, index-free path and whitespace-free snippet")
    func fingerprint() {
        #expect(Finding.fingerprint(code: "UnknownAction", file: "p.json", path: "Statement[0].Action[1]", snippet: Array("\"vod:X\"".utf8))
                == "42a20673489b7b5d")
        let f = LintFixtures.lint(Self.v1).first
        #expect(f?.fingerprint == Finding.fingerprint(code: "UnknownAction", file: "p.json", path: "Statement[0].Action[0]",
                                                      snippet: Array("\"vod:SubmitWorkflowJobs\"".utf8)))
    }

    @Test("round trip: encode, decode, same entries; stable order; no messages")
    func roundTrip() throws {
        let findings = LintFixtures.lint(Self.v2, file: "b.json") + LintFixtures.lint(Self.v1, file: "a.json")
        let baseline = LintBaseline(findings: findings)
        let text = baseline.encode()
        let decoded = try LintBaseline(decoding: text)
        #expect(decoded == baseline)
        #expect(decoded.encode() == text)
        #expect(!text.contains("did you mean"))
        #expect(baseline.entries.map(\.file) == ["a.json", "b.json", "b.json"])
        let a = try #require(findings.first { $0.file == "a.json" })
        #expect(text.hasPrefix("""
            {
              "version": 1,
              "findings": [
                {"code": "UnknownAction", "file": "a.json", "path": "Statement[0].Action[0]", "fingerprint": "\(a.fingerprint)"},
            """))
        #expect(LintBaseline(findings: []).encode() == "{\n  \"version\": 1,\n  \"findings\": []\n}\n")
    }

    @Test("a moved finding stays baselined; a new one is new")
    func linesMove() throws {
        let baseline = try LintBaseline(decoding: LintBaseline(findings: LintFixtures.lint(Self.v1)).encode())
        let now = LintFixtures.lint(Self.v2)
        #expect(LintFixtures.ids(now) == ["UnknownAction", "UnknownAction"])
        let (new, baselined) = baseline.filter(now)
        #expect(baselined.map(\.path) == ["Statement[1].Action[1]"])
        #expect(new.map(\.message) == ["vod:DeleteVidoe is not a VOD action; did you mean vod:DeleteVideo?"])
    }

    @Test("multiset: one baseline entry absorbs one occurrence")
    func multiset() throws {
        let finding = try #require(LintFixtures.lint(Self.v1).first)
        let baseline = LintBaseline(findings: [finding])
        let (new, baselined) = baseline.filter([finding, finding])
        #expect(new.count == 1 && baselined.count == 1)
        let twice = LintBaseline(findings: [finding, finding])
        #expect(twice.filter([finding, finding]).new.isEmpty)
        var otherFile = finding
        otherFile.file = "elsewhere.json"
        #expect(baseline.filter([otherFile]).new.count == 1)
    }

    @Test("bad baselines are typed errors with positions")
    func errors() {
        #expect(throws: LintBaselineError.self) { try LintBaseline(decoding: "{") }
        do {
            _ = try LintBaseline(decoding: "{\"version\": 1, \"findings\": [{\"code\": \"A\", \"file\": \"f\", \"path\": 3}]}")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "findings[0].path")
            #expect(error.location?.column == 64)
        }
        do {
            _ = try LintBaseline(decoding: "{\"version\": 9, \"findings\": []}")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "version")
        }
    }
}
