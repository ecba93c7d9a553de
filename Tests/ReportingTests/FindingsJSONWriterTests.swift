import Foundation
@testable import Reporting
import Testing

/// The fast findings writer must produce exactly what Foundation's JSONEncoder would: same bytes, pretty
/// or compact, for every optional, escape and empty list.
@Suite struct FindingsJSONWriterTests {
    static let awkward = "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00} unit \u{1F} del \u{7F} "
        + "line-sep \u{2028} CJK 策略 emoji 🔐 combining e\u{301}"

    static let samples: [FindingInfo] = [
        FindingInfo(code: "AdministratorAccess", severity: "security-warning", title: "Full administrator access",
                    help: awkward, message: "Statement[0] allows *", remedy: "List actions.", file: "policies/a b/ü.json",
                    line: 5, column: 17, endLine: 5, endColumn: 20, path: "Statement[0].Action", fingerprint: "ae7468e5ba926e9a",
                    snippet: [SourceLine(line: 5, text: "      \"Action\": \"*\","), SourceLine(line: 6, text: awkward)],
                    related: [RelatedLocationInfo(message: "first here", file: "x.json", line: 1, column: 2, endLine: 3, endColumn: 4,
                                                  path: "Statement[1]"),
                              RelatedLocationInfo(message: awkward, file: "y.json")],
                    suppressed: SuppressionInfo(kind: "config", reason: awkward)),
        FindingInfo(code: "PolicySizeExceeded", severity: "error", title: "t", help: "", message: "", remedy: "", file: "f",
                    path: "", fingerprint: ""),
    ]

    func reports() -> [Report] {
        var report = AnalysisSamples.named("lint")
        report.findings = Self.samples + AnalysisSamples.findings + [AnalysisSamples.hostile(AnalysisSamples.named("lint")).findings ?? []].flatMap { $0 }
        var onlyFindings = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        onlyFindings.findings = Self.samples
        var both = AnalysisSamples.hostile(AnalysisSamples.named("audit"))
        both.findings = Self.samples
        both.audit? += [IdentityAuditInfo(identity: Self.awkward, policies: [], checks: [
            AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: "never", summary: Self.awkward),
            AccessCheckInfo(action: "vod:X", resource: Self.awkward, verdict: "always", summary: "s",
                            statements: [AnalysisSamples.allowStatement, AnalysisSamples.denyStatement], expected: "granted", passed: true),
        ])]
        return [report, onlyFindings, AnalysisSamples.named("audit"), AnalysisSamples.hostile(AnalysisSamples.named("audit")), both]
    }

    @Test(arguments: [true, false])
    func byteIdenticalToFoundation(pretty: Bool) throws {
        for report in reports() {
            let fast = JSONReportEncoder(pretty: pretty).encode(report)
            let reference = JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A]
            #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count)):\n\(String(decoding: fast.prefix(4_000), as: UTF8.self))")
            // And it is still JSON whose findings decode back to the same values.
            let decoded = try JSONDecoder().decode(Report.self, from: Data(fast))
            #expect(decoded.findings == report.findings)
            #expect(decoded.audit == report.audit)
        }
    }

    @Test func findingsSplicedAmongTheSortedKeys() throws {
        let text = String(decoding: JSONReportEncoder().encode(reports()[1]), as: UTF8.self)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(keys == keys.sorted() && keys.contains("findings"), "\(keys)")
    }
}

/// The same guarantee for SARIF results.
@Suite struct SARIFFastPathTests {
    @Test(arguments: [true, false])
    func byteIdenticalToFoundation(pretty: Bool) throws {
        var reports = FindingsJSONWriterTests().reports()
        reports.append(AnalysisSamples.hostile(AnalysisSamples.named("lint")))
        for report in reports {
            for base in [nil, "/work/repo"] as [String?] {
                let encoder = SARIFReportEncoder(options: .init(baseDirectory: base, pretty: pretty))
                let fast = encoder.encode(report)
                let reference = encoder.referenceEncode(report)
                #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count)):\n\(String(decoding: fast.prefix(3_000), as: UTF8.self))")
            }
        }
    }
}
