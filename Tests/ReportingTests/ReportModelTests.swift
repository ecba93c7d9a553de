import Foundation
import Reporting
import Testing

@Suite("Report model: lint, audit, explain and diff members")
struct ReportModelTests {
    static let schemaURL = PythonJSONSchema.packageRoot.appendingPathComponent("Sources/Reporting/Schemas/ramguard-report.schema.json")

    @Test("reports of the existing verbs encode exactly as before: no new key appears")
    func existingReportsUnchanged() throws {
        let json = String(decoding: JSONReportEncoder(pretty: false).encode(SampleReports.minimal), as: UTF8.self)
        #expect(json == #"{"assumptions":[],"command":"check","decision":"Allow","errors":[],"generatedAt":"2026-11-28T09:30:00.125Z","layers":[],"missingKeys":[],"policies":[],"schemaVersion":"1","statements":[],"tool":{"name":"ramguard","version":"1.0.0"},"warnings":[]}"# + "\n")
        for report in [SampleReports.full, SampleReports.noOptionals] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportEncoder().encode(report))) as? [String: Any])
            for key in ["findings", "audit", "explanation", "diff", "summary", "gate"] {
                #expect(object[key] == nil, "\(key) must be absent")
            }
            #expect(!report.hasAnalysisSections)
        }
    }

    @Test("every analysis report survives a JSON round trip", arguments: AnalysisSamples.names)
    func jsonRoundTrip(name: String) throws {
        let report = AnalysisSamples.named(name)
        let decoded = try JSONDecoder().decode(Report.self, from: Data(JSONReportEncoder().encode(report)))
        #expect(decoded == report)
        #expect(report.hasAnalysisSections)
    }

    @Test("JSON keys of the new sections are the model's property names")
    func jsonShape() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportEncoder().encode(AnalysisSamples.audit))) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["findings"] as? [String: Int] == ["error": 0, "security-warning": 1, "warning": 0, "suggestion": 0])
        #expect(summary["checks"] as? [String: Int] == ["always": 1, "never": 1, "conditional": 1, "undecidable": 1])
        #expect(summary["suppressed"] as? Int == 1)
        #expect(summary["durationMs"] as? Int == 42)
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["code", "severity", "title", "help", "message", "remedy", "file", "line", "column", "endLine",
                                      "endColumn", "path", "fingerprint", "snippet", "related"])
        let check = try #require(((object["audit"] as? [[String: Any]])?.first?["checks"] as? [[String: Any]])?.first)
        #expect(check["expected"] as? String == "granted")
        #expect(check["passed"] as? Bool == true)
    }

    @Test("analysis reports are valid against the shipped JSON Schema")
    func jsonSchemaValid() throws {
        guard PythonJSONSchema.isAvailable else {
            print(PythonJSONSchema.unavailableMessage)
            return
        }
        let reports = AnalysisSamples.all.map(\.1) + AnalysisSamples.all.map { AnalysisSamples.hostile($0.1) }
            + [SampleReports.full, SampleReports.minimal]
        let results = try PythonJSONSchema.validate(reports.map { JSONReportEncoder().encode($0) }, schema: Self.schemaURL)
        for (index, problem) in results.enumerated() {
            #expect(problem == nil, "report \(index): \(problem ?? "")")
        }
    }

    @Test("the JSON Schema rejects wrong vocabularies and missing summary keys")
    func jsonSchemaRejects() throws {
        guard PythonJSONSchema.isAvailable else {
            print(PythonJSONSchema.unavailableMessage)
            return
        }
        var badSeverity = AnalysisSamples.lint
        badSeverity.findings?[0].severity = "fatal"
        var badVerdict = AnalysisSamples.audit
        badVerdict.audit?[0].checks[0].verdict = "sometimes"
        var badChange = AnalysisSamples.diff
        badChange.diff?.changes[0].change = "grown"
        var missingKey = AnalysisSamples.lint
        missingKey.summary?.findings.removeValue(forKey: "suggestion")
        var passedWithoutExpectation = AnalysisSamples.audit
        passedWithoutExpectation.audit?[0].checks[0].expected = nil
        let results = try PythonJSONSchema.validate(
            [badSeverity, badVerdict, badChange, missingKey, passedWithoutExpectation].map { JSONReportEncoder().encode($0) },
            schema: Self.schemaURL)
        #expect(results.allSatisfy { $0 != nil }, "\(results)")
    }

    @Test("SummaryInfo counts unsuppressed findings by severity and keeps every key")
    func summaryCounts() {
        let summary = SummaryInfo(files: 6, identities: 0, findings: AnalysisSamples.findings, checks: AnalysisSamples.checks)
        #expect(summary.findings == ["error": 1, "security-warning": 1, "warning": 1, "suggestion": 1])
        #expect(summary.suppressed == 1)
        #expect(summary.baselined == 1)
        #expect(summary.checks == ["always": 1, "never": 1, "conditional": 1, "undecidable": 1])
        let empty = SummaryInfo(files: 0, identities: 0, findings: ["warning": 3], suppressed: 0, baselined: 0, checks: [:])
        #expect(empty.findings == ["error": 0, "security-warning": 0, "warning": 3, "suggestion": 0])
        #expect(Set(empty.checks.keys) == Set(AccessCheckInfo.verdicts))
    }

    @Test("a gate counts unsuppressed findings at or above its threshold, and its fail-on codes")
    func gateCounts() {
        let warning = GateInfo(threshold: "warning", failed: false)
        #expect(warning.counts(AnalysisSamples.invalidVersion))
        #expect(warning.counts(AnalysisSamples.wildcard))
        #expect(warning.counts(AnalysisSamples.unusedSid))
        #expect(!warning.counts(AnalysisSamples.suggestion))
        #expect(!warning.counts(AnalysisSamples.suppressed), "suppressed findings never count")
        #expect(!warning.counts(AnalysisSamples.baselined))
        let codes = GateInfo(threshold: nil, failOn: ["PreferNotAction"], failed: false)
        #expect(codes.counts(AnalysisSamples.suggestion))
        #expect(!codes.counts(AnalysisSamples.invalidVersion))
        let errors = GateInfo(failed: false)
        #expect(errors.counts(AnalysisSamples.invalidVersion))
        #expect(!errors.counts(AnalysisSamples.wildcard))
        #expect(Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass").effectiveGate.threshold == "error")
    }
}
