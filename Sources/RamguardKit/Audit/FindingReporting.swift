import Analysis
import Dispatch
import RAMPolicy
import Reporting

/// Turns lint results into the report's plain data: findings with quoted source, the summary, the gate.
enum FindingReporting {
    /// Lines quoted around a finding: its own lines, at most this many.
    static let snippetLines = 4

    static func report(command: String, outcome: LintPass.Outcome, gate: FindingGate, configPath: String?,
                       identities: Int, started: DispatchTime) -> Report {
        var sources: [String: PolicySource] = [:]
        for file in outcome.files where !file.findings.isEmpty {
            sources[file.path] = PolicySource(name: file.path, text: file.text)
        }
        var infos = outcome.findings.map { info($0, source: sources[$0.file], suppressed: nil) }
        infos += outcome.suppressed.map {
            info($0.finding, source: sources[$0.finding.file], suppressed: SuppressionInfo(kind: "config", reason: $0.reason))
        }
        infos += outcome.baselined.map {
            info($0, source: sources[$0.file], suppressed: SuppressionInfo(kind: "baseline", reason: "recorded in the baseline"))
        }
        // Document order within a file, files in the order given, so output is stable across runs.
        let order = Dictionary(outcome.files.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        infos.sort { a, b in
            let fa = order[a.file] ?? Int.max, fb = order[b.file] ?? Int.max
            if fa != fb { return fa < fb }
            if (a.line ?? 0, a.column ?? 0) != (b.line ?? 0, b.column ?? 0) { return (a.line ?? 0, a.column ?? 0) < (b.line ?? 0, b.column ?? 0) }
            return a.code < b.code
        }

        let failing = gate.failing(outcome.findings)
        var reasons: [String] = []
        if !failing.isEmpty {
            var byCode: [String: Int] = [:]
            for f in failing { byCode[f.code.id, default: 0] += 1 }
            reasons.append("\(failing.count) finding\(failing.count == 1 ? "" : "s") at --fail-on \(gate.description): "
                + byCode.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }
        var report = Report(tool: ToolInfo(version: RamguardVersion.current), generatedAt: Timestamp.rfc3339(),
                            command: command, decision: failing.isEmpty ? "Pass" : "Fail")
        report.findings = infos
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        report.summary = SummaryInfo(files: outcome.files.count, identities: identities, findings: infos, durationMs: elapsed)
        report.gate = GateInfo(threshold: gate.threshold?.rawValue, failOn: gate.codes.sorted(), failed: !failing.isEmpty,
                               reasons: reasons)
        if let configPath { report.gate?.reasons.append("suppressions from \(configPath)") }
        report.errors = outcome.files.flatMap { $0.result.diagnostics.filter { $0.severity == .error } }.map(DiagnosticInfo.init)
        report.assumptions = Report.mergeAssumptions(outcome.files.map { $0.result.assumptions })
        return report
    }

    static func info(_ finding: Finding, source: PolicySource?, suppressed: SuppressionInfo?) -> FindingInfo {
        let span = finding.span
        let snippet = span.flatMap { span in
            source?.lines(covering: span, limit: snippetLines).map { SourceLine(line: $0.number, text: String($0.text)) }
        } ?? []
        return FindingInfo(
            code: finding.code.id, severity: finding.severity.rawValue, title: finding.code.title, help: finding.code.help,
            message: finding.message, remedy: finding.remedy, file: finding.file,
            line: span?.start.line, column: span?.start.column, endLine: span?.end.line, endColumn: span?.end.column,
            path: finding.path, fingerprint: finding.fingerprint, snippet: snippet,
            related: finding.related.map {
                RelatedLocationInfo(message: $0.message, file: $0.file, line: $0.span?.start.line, column: $0.span?.start.column,
                                    endLine: $0.span?.end.line, endColumn: $0.span?.end.column, path: $0.path)
            },
            suppressed: suppressed)
    }

    static func policyInfo(_ file: LintedFile) -> PolicyInfo {
        let layer: String = switch file.kind {
        case .control: "control"
        case .session: "session"
        case .trust: "trust"
        default: "identity"
        }
        return PolicyInfo(file: file.path, layer: layer, statementCount: file.result.statementCount,
                          characters: file.result.characterCount, valid: file.result.isValid)
    }
}
