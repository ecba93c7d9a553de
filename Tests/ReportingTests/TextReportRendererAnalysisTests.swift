@testable import Reporting
import Testing

@Suite("TextReportRenderer: lint, audit, explain and diff")
struct TextReportRendererAnalysisTests {
    let text = TextReportRenderer(color: false)

    func lines(_ report: Report) -> [String] {
        text.render(report).components(separatedBy: "\n")
    }

    @Test("lint: the gate first, then counts, then file:line:column: severity [Code] message with source and remedy")
    func lint() throws {
        let out = lines(AnalysisSamples.lint)
        #expect(out[0] == "FAILED  ramguard lint (fails on warning and above; fails on PreferNotAction)")
        #expect(out[1] == "  - 1 error, 1 security warning and 1 warning at or above the warning threshold.")
        #expect(out[3] == "  6 files; 1 error, 1 security warning, 1 warning, 1 suggestion; 1 suppressed, 1 baselined")
        let first = try #require(out.firstIndex(of: #"  policies/identities/vod-pipeline/submit.json:6:18: security-warning [WildcardAction] "vod:*" grants 112 actions, including vod:DeleteVideo."#))
        #expect(Array(out[(first + 1)...(first + 6)]) == [
            #"    5 |       "Effect": "Allow","#,
            #"    6 |       "Action": ["vod:*"],"#,
            #"      |                  ^^^^^^^"#,
            #"    7 |       "Resource": "*""#,
            "    fix: List the actions the identity needs.",
            "    see policies/identities/vod-pipeline/deny.json:9:5: the Deny that narrows it",
        ])
        #expect(out.contains("  policies/whole file.json: suggestion [PreferNotAction] No condition limits this Allow."))
        #expect(out.contains("  /repo/policies/two.json:9:14: warning [DuplicateSid] Sid \"A\" is used twice."))
        #expect(out.contains("Suppressed (not counted):"))
        #expect(out.contains("  policies/legacy.json:3:1: warning [DuplicateSid] Sid \"B\" is used twice. — suppressed: legacy file, owned by team X"))
        #expect(out.contains("  policies/old.json:1:1: error [InvalidVersion] Version is missing. — baselined: in baseline .ramguard-baseline.json"))
    }

    @Test("findings below the gate are marked, and a passing gate says PASSED")
    func passing() {
        var report = AnalysisSamples.lint
        report.gate = GateInfo(threshold: "error", failed: false, reasons: [])
        report.findings = [AnalysisSamples.unusedSid]
        let out = lines(report)
        #expect(out[0] == "PASSED  ramguard lint (fails on error and above)")
        #expect(out.contains("  /repo/policies/two.json:9:14: warning [DuplicateSid] Sid \"A\" is used twice. (not counted by the gate)"))
    }

    @Test("audit: one row per action with result, verdict, expectation and summary")
    func audit() {
        let out = lines(AnalysisSamples.audit)
        #expect(out[0] == "FAILED  ramguard audit (fails on error and above)")
        #expect(out.contains("  vod-pipeline (1 policy)"))
        #expect(out.contains("    [pass] conditional vod:SubmitWorkflowJob on *  expected granted; Allowed only over HTTPS from 203.0.113.0/24."))
        #expect(out.contains("    [FAIL] always      vod:DeleteVideo on *        expected not-granted; vod:* allows it everywhere."))
        #expect(out.contains("    [ -- ] undecidable vod:GetPlayInfo on *        A condition uses an unknown operator."))
        #expect(out.contains(#"           policies/identities/vod-pipeline/submit.json:4:5 Statement[0] "SubmitFromOffice" [identity, Allow]"#))
        #expect(out.contains("  3 files; 2 identities; 0 errors, 1 security warning, 0 warnings, 0 suggestions; 1 suppressed, 0 baselined; 1 always, 1 never, 1 conditional, 1 undecidable; 42 ms"))
    }

    @Test("explain: the verdict first, the allowed region in DNF, exceptions and examples")
    func explain() {
        let out = lines(AnalysisSamples.explain)
        #expect(out[0] == "ALLOWED ONLY UNDER CONDITIONS  vod:SubmitWorkflowJob on *")
        #expect(out[1] == "  Allowed only over HTTPS from the office.")
        #expect(out.contains("Allowed when any of:"))
        #expect(out.contains("  1. acs:SecureTransport is true and acs:SourceIp in 203.0.113.0/24"))
        #expect(out.contains("  2. acs:SourceVpc is vpc-1"))
        #expect(out.contains("  - acs:MFAPresent is false"))
        #expect(out.contains("      denied by policies/identities/vod-pipeline/deny.json:9:5 Statement[1] [identity, Deny]"))
        #expect(out.contains("Allowed example: acs:SecureTransport=true; acs:SourceIp=203.0.113.7"))
        #expect(out.contains("Denied example: acs:SourceIp=198.51.100.1"))
        #expect(out.contains("  the engine confirmed both examples"))
    }

    @Test("diff: changes with old and new verdicts, then the diff gates")
    func diff() {
        let out = lines(AnalysisSamples.diff)
        #expect(out[0] == "FAILED  ramguard diff")
        #expect(out.contains("Diff: 2 actions changed, 110 unchanged"))
        #expect(out.contains("  gained    vod:DeleteVideo  never → always"))
        #expect(out.contains("  tightened vod:SubmitWorkflowJob  always → conditional"))
        #expect(out.contains("            was: No statement allows it."))
        #expect(out.contains("  noNewAccess: VIOLATED (access was gained or loosened)"))
        #expect(out.contains("  stillGrants vod:GetPlayInfo: NOT GRANTED"))
        #expect(out.contains("  stillGrants vod:SubmitWorkflowJob: granted"))
    }

    @Test("colour only when asked; reports of other verbs render as before")
    func colourAndCompatibility() {
        #expect(!text.render(AnalysisSamples.lint).contains("\u{1B}["))
        #expect(TextReportRenderer(color: true).render(AnalysisSamples.lint).hasPrefix("\u{1B}[1;31mFAILED\u{1B}[0m"))
        #expect(text.render(SampleReports.minimal) == "ALLOWED\n")
        #expect(text.render(SampleReports.full).hasPrefix("DENIED (explicit deny)  oss:GetObject on acs:oss:*:123456:bucket/key.txt\n  denied by the identity layer\n"))
    }

    @Test("empty sections render without crashing and say so")
    func empty() {
        let out = lines(AnalysisSamples.empty)
        #expect(out.contains("Findings: none"))
        #expect(out.contains("Audit: no identities"))
        #expect(out.contains("Allowed when: never"))
    }

    /// The caret line's indentation, read from UTF-8 bytes: one space per scalar before the column, TABs
    /// kept, multi-byte scalars counted once; the scalar count bounds the carets.
    @Test(arguments: [
        ("\t\"Action\": \"vod:*\"", 3, "\t ", 18),
        ("  \"Ä\": \"é🙂\"", 9, "        ", 11),
        ("abc", 10, "   ", 3),
        ("", 1, "", 0),
        ("x\ty", 0, "", 3),
    ])
    func caretIndentCountsScalars(text: String, column: Int, indent: String, scalars: Int) {
        let got = TextReportRenderer.caretIndent(text, column: column)
        #expect(got.indent == indent)
        #expect(got.scalars == scalars)
        #expect(got.scalars == text.unicodeScalars.count)
    }
}
