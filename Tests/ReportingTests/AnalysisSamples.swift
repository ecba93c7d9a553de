import Reporting

/// Reports of the analysis verbs (`lint`, `audit`, `explain`, `diff`), shared by the encoder tests.
enum AnalysisSamples {
    static let tool = ToolInfo(name: "ramguard", version: "1.2.3-beta+7")
    static let time = "2026-11-28T09:30:00Z"

    static let allowStatement = StatementRef(
        layer: "identity", file: "policies/identities/vod-pipeline/submit.json", index: 0, sid: "SubmitFromOffice", effect: "Allow",
        location: Location(file: "policies/identities/vod-pipeline/submit.json", line: 4, column: 5, endLine: 12, endColumn: 6, path: "Statement[0]"),
        source: [SourceLine(line: 4, text: "    {"), SourceLine(line: 5, text: #"      "Effect": "Allow","#)]
    )

    static let denyStatement = StatementRef(
        layer: "identity", file: "policies/identities/vod-pipeline/deny.json", index: 1, sid: nil, effect: "Deny",
        location: Location(file: "policies/identities/vod-pipeline/deny.json", line: 9, column: 5, endLine: 15, endColumn: 6, path: "Statement[1]"),
        source: [SourceLine(line: 9, text: "    {")]
    )

    static let wildcard = FindingInfo(
        code: "WildcardAction", severity: "security-warning", title: "Wildcard action",
        help: "An Action of vod:* grants every present and future VOD action.",
        message: "\"vod:*\" grants 112 actions, including vod:DeleteVideo.", remedy: "List the actions the identity needs.",
        file: "policies/identities/vod-pipeline/submit.json", line: 6, column: 18, endLine: 6, endColumn: 25,
        path: "Statement[0].Action[0]", fingerprint: "3f1c9a0d2b7e4a11",
        snippet: [
            SourceLine(line: 5, text: #"      "Effect": "Allow","#),
            SourceLine(line: 6, text: #"      "Action": ["vod:*"],"#),
            SourceLine(line: 7, text: #"      "Resource": "*""#),
        ],
        related: [RelatedLocationInfo(message: "the Deny that narrows it", file: "policies/identities/vod-pipeline/deny.json",
                                      line: 9, column: 5, endLine: 15, endColumn: 6, path: "Statement[1]")]
    )

    static let invalidVersion = FindingInfo(
        code: "InvalidVersion", severity: "error", title: "Invalid version", help: "Version must be \"1\".",
        message: "Version is \"2012-10-17\", an AWS version.", remedy: "Set \"Version\": \"1\".",
        file: "policies/broken/aws.json", line: 2, column: 14, endLine: 2, endColumn: 26, path: "Version",
        fingerprint: "aa01", snippet: [SourceLine(line: 2, text: #"  "Version": "2012-10-17","#)]
    )

    static let unusedSid = FindingInfo(
        code: "DuplicateSid", severity: "warning", title: "Duplicate Sid", help: "Sids should be unique within a policy.",
        message: "Sid \"A\" is used twice.", remedy: "Rename one of them.", file: "/repo/policies/two.json",
        line: 9, column: 14, path: "Statement[1].Sid", fingerprint: "bb02"
    )

    static let suggestion = FindingInfo(
        code: "PreferNotAction", severity: "suggestion", title: "Consider a condition", help: "", message: "No condition limits this Allow.",
        remedy: "Add acs:SecureTransport.", file: "policies/whole file.json", path: "", fingerprint: "cc03"
    )

    static let suppressed = FindingInfo(
        code: "DuplicateSid", severity: "warning", title: "Duplicate Sid", help: "Sids should be unique within a policy.",
        message: "Sid \"B\" is used twice.", remedy: "Rename one of them.", file: "policies/legacy.json", line: 3, column: 1,
        path: "Statement[0].Sid", fingerprint: "dd04", suppressed: SuppressionInfo(kind: "config", reason: "legacy file, owned by team X")
    )

    static let baselined = FindingInfo(
        code: "InvalidVersion", severity: "error", title: "Invalid version", help: "Version must be \"1\".",
        message: "Version is missing.", remedy: "Add \"Version\": \"1\".", file: "policies/old.json", line: 1, column: 1,
        path: "", fingerprint: "ee05", suppressed: SuppressionInfo(kind: "baseline", reason: "in baseline .ramguard-baseline.json")
    )

    static let findings = [wildcard, invalidVersion, unusedSid, suggestion, suppressed, baselined]

    static let lint = Report(
        tool: tool, generatedAt: time, command: "lint", decision: "Fail",
        findings: findings,
        summary: SummaryInfo(files: 6, identities: 0, findings: findings),
        gate: GateInfo(threshold: "warning", failOn: ["PreferNotAction"], failed: true,
                       reasons: ["1 error, 1 security warning and 1 warning at or above the warning threshold.", "PreferNotAction is in --fail-on."])
    )

    static let checks = [
        AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: "conditional",
                        summary: "Allowed only over HTTPS from 203.0.113.0/24.", statements: [allowStatement, denyStatement],
                        expected: "granted", passed: true),
        AccessCheckInfo(action: "vod:DeleteVideo", resource: "*", verdict: "always", summary: "vod:* allows it everywhere.",
                        statements: [allowStatement], expected: "not-granted", passed: false),
        AccessCheckInfo(action: "vod:GetPlayInfo", resource: "*", verdict: "undecidable", summary: "A condition uses an unknown operator."),
        AccessCheckInfo(action: "ram:CreateUser", resource: "*", verdict: "never", summary: "No statement allows it."),
    ]

    static let audit = Report(
        tool: tool, generatedAt: time, command: "audit", decision: "Fail",
        findings: [wildcard, suppressed],
        audit: [
            IdentityAuditInfo(
                identity: "vod-pipeline",
                policies: [PolicyInfo(file: "policies/identities/vod-pipeline/submit.json", layer: "identity", statementCount: 1, characters: 240, valid: true)],
                checks: checks
            ),
            IdentityAuditInfo(identity: "read-only", policies: [], checks: [
                AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: "never", summary: "No statement allows it.",
                                expected: "not-granted", passed: true),
            ]),
        ],
        summary: SummaryInfo(files: 3, identities: 2, findings: [wildcard, suppressed], checks: checks, durationMs: 42),
        gate: GateInfo(threshold: "error", failed: true, reasons: ["vod-pipeline is granted vod:DeleteVideo, which it must not be."])
    )

    static let explanation = ExplanationInfo(
        action: "vod:SubmitWorkflowJob", resource: "*", verdict: "conditional", summary: "Allowed only over HTTPS from the office.",
        allowedWhen: [["acs:SecureTransport is true", "acs:SourceIp in 203.0.113.0/24"], ["acs:SourceVpc is vpc-1"]],
        exceptions: [ExceptionInfo(constraints: ["acs:MFAPresent is false"], statement: denyStatement)],
        allowedExample: [ContextEntryInfo(key: "acs:SecureTransport", values: ["true"]), ContextEntryInfo(key: "acs:SourceIp", values: ["203.0.113.7"])],
        deniedExample: [ContextEntryInfo(key: "acs:SourceIp", values: ["198.51.100.1"])],
        examplesConfirmed: true, undecidableReasons: []
    )

    static let explain = Report(
        tool: tool, generatedAt: time, command: "explain", decision: "Conditional",
        policies: [PolicyInfo(file: "policies/identities/vod-pipeline/submit.json", layer: "identity", statementCount: 1, characters: 240, valid: true)],
        explanation: explanation,
        summary: SummaryInfo(files: 1, identities: 1, findings: [String: Int](), suppressed: 0, baselined: 0, checks: ["conditional": 1])
    )

    static let diff = Report(
        tool: tool, generatedAt: time, command: "diff", decision: "Fail",
        diff: DiffInfo(
            old: ["old/submit.json"], new: ["new/submit.json", "new/extra.json"],
            changes: [
                AccessChangeInfo(action: "vod:DeleteVideo", change: "gained", oldVerdict: "never", newVerdict: "always",
                                 oldSummary: "No statement allows it.", newSummary: "vod:* allows it.", statements: [allowStatement]),
                AccessChangeInfo(action: "vod:SubmitWorkflowJob", change: "tightened", oldVerdict: "always", newVerdict: "conditional",
                                 oldSummary: "Always allowed.", newSummary: "Only over HTTPS.", statements: []),
            ],
            unchanged: 110, noNewAccess: false,
            stillGrants: [StillGrantsInfo(action: "vod:SubmitWorkflowJob", granted: true), StillGrantsInfo(action: "vod:GetPlayInfo", granted: false)]
        ),
        gate: GateInfo(threshold: nil, failed: true, reasons: ["noNewAccess: vod:DeleteVideo was gained.", "stillGrants: vod:GetPlayInfo is no longer granted."])
    )

    /// Every analysis member present and every list empty: the smallest valid reports of the new verbs.
    static let empty = Report(
        tool: tool, generatedAt: time, command: "lint", decision: "Pass",
        findings: [], audit: [],
        explanation: ExplanationInfo(action: "vod:X", resource: "*", verdict: "never", summary: "", examplesConfirmed: false),
        diff: DiffInfo(old: [], new: []),
        summary: SummaryInfo(files: 0, identities: 0, findings: [FindingInfo]()),
        gate: GateInfo(threshold: nil, failed: false)
    )

    static let all: [(String, Report)] = [("lint", lint), ("audit", audit), ("explain", explain), ("diff", diff), ("empty", empty)]

    /// Test arguments are names, so that test logs stay short; ``named(_:)`` finds the report (including the
    /// `check` samples of the XML tests).
    static let names = all.map(\.0)

    static func named(_ name: String) -> Report {
        let checks = [("check deny", SampleReports.full), ("check allow", SampleReports.minimal), ("check invalid", SampleReports.noOptionals)]
        return (all + checks).first { $0.0 == name }?.1 ?? empty
    }

    /// The hostile text of the XML tests, plus markup that must never become markup.
    static let hostile = XMLReportEncoderTests.hostileText + " <script>alert(1)</script> & \"q\" 'a' </td> %2F ../x #frag ?q"

    /// `report` with hostile text in every free-text slot of the analysis sections.
    static func hostile(_ report: Report) -> Report {
        var r = report
        let h = hostile
        r.findings = r.findings?.map { f in
            var f = f
            f.title = h; f.help = h; f.message = h; f.remedy = h; f.file = h; f.path = h; f.fingerprint = h
            f.snippet = [SourceLine(line: f.line ?? 1, text: h)]
            f.related = [RelatedLocationInfo(message: h, file: h, line: 1, path: h)]
            if f.suppressed != nil { f.suppressed?.reason = h }
            return f
        }
        r.audit = r.audit?.map { i in
            var i = i
            i.identity = h
            i.checks = i.checks.map { c in var c = c; c.summary = h; c.resource = h; c.action = h; return c }
            return i
        }
        if var x = r.explanation {
            x.summary = h; x.allowedWhen = [[h, h]]; x.undecidableReasons = [h]
            x.allowedExample = [ContextEntryInfo(key: h, values: [h, ""])]
            r.explanation = x
        }
        if var d = r.diff {
            d.old = [h]; d.new = [h]
            d.changes = d.changes.map { c in var c = c; c.oldSummary = h; c.newSummary = h; c.action = h; return c }
            d.stillGrants = d.stillGrants.map { g in var g = g; g.action = h; return g }
            r.diff = d
        }
        r.gate?.reasons = [h]
        return r
    }
}
