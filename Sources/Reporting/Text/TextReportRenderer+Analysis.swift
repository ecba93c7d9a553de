// The text layout of `lint`, `audit`, `explain` and `diff` reports.

extension TextReportRenderer {
    func renderAnalysis(_ report: Report) -> String {
        var out: [String] = []
        if let explanation = report.explanation {
            out.append("\(verdictHeadline(explanation.verdict))  \(explanation.action) on \(explanation.resource)")
            if !explanation.summary.isEmpty { out.append("  \(explanation.summary)") }
        }
        if let gate = report.gate {
            let word = gate.failed ? paint("FAILED", "1;31") : paint("PASSED", "1;32")
            out.append("\(word)  ramguard \(report.command)\(thresholdText(gate))")
            for reason in gate.reasons {
                out.append("  - \(reason)")
            }
        } else if report.explanation == nil {
            out.append(bold("ramguard \(report.command)"))
        }
        if let summary = report.summary {
            out.append(summaryLine(summary, showFindings: report.findings != nil))
        }
        if let explanation = report.explanation {
            out += explanationLines(explanation)
        }
        if let diff = report.diff {
            out += diffLines(diff)
        }
        if let audit = report.audit {
            out += auditLines(audit)
        }
        if let findings = report.findings {
            out += findingLines(findings, gate: report.effectiveGate)
        }
        // Problems with the policies themselves and the assumptions still matter here.
        let details = policyDetails(Report(
            tool: report.tool, generatedAt: report.generatedAt, command: report.command, decision: report.decision,
            assumptions: report.assumptions, errors: report.errors, warnings: report.warnings
        ))
        out += details
        return out.joined(separator: "\n") + "\n"
    }

    private func thresholdText(_ gate: GateInfo) -> String {
        var parts: [String] = []
        if let threshold = gate.threshold { parts.append("fails on \(threshold) and above") }
        if !gate.failOn.isEmpty { parts.append("fails on \(gate.failOn.joined(separator: ", "))") }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }

    func verdictHeadline(_ verdict: String) -> String {
        switch verdict {
        case "always": paint("ALWAYS ALLOWED", "1;32")
        case "never": paint("NEVER ALLOWED", "1;31")
        case "conditional": paint("ALLOWED ONLY UNDER CONDITIONS", "1;33")
        default: paint("UNDECIDABLE", "1;35")
        }
    }

    private func summaryLine(_ summary: SummaryInfo, showFindings: Bool) -> String {
        var parts = ["\(summary.files) file\(summary.files == 1 ? "" : "s")"]
        if summary.identities > 0 {
            parts.append("\(summary.identities) identit\(summary.identities == 1 ? "y" : "ies")")
        }
        if showFindings || summary.findings.values.contains(where: { $0 > 0 }) {
            let findings = FindingInfo.severities.map { "\(summary.findings[$0] ?? 0) \(Self.plural($0, summary.findings[$0] ?? 0))" }
            parts.append(findings.joined(separator: ", "))
            parts.append("\(summary.suppressed) suppressed, \(summary.baselined) baselined")
        }
        if summary.checks.values.contains(where: { $0 > 0 }) {
            parts.append(AccessCheckInfo.verdicts.map { "\(summary.checks[$0] ?? 0) \($0)" }.joined(separator: ", "))
        }
        if let ms = summary.durationMs { parts.append("\(ms) ms") }
        return "  " + parts.joined(separator: "; ")
    }

    static func plural(_ severity: String, _ count: Int) -> String {
        let word = severity.replacingOccurrences(of: "-", with: " ")
        return count == 1 ? word : word + "s"
    }

    private func severityWord(_ severity: String) -> String {
        switch severity {
        case "error": paint(severity, "1;31")
        case "security-warning": paint(severity, "1;35")
        case "warning": paint(severity, "33")
        default: paint(severity, "36")
        }
    }

    // MARK: findings

    private func findingLines(_ findings: [FindingInfo], gate: GateInfo) -> [String] {
        var out: [String] = []
        let active = findings.filter { $0.suppressed == nil }
        let silenced = findings.filter { $0.suppressed != nil }
        out.append("")
        out.append(bold(active.isEmpty ? "Findings: none" : "Findings:"))
        // Each finding's block (about 50 bytes of output for every 1,000 of a large tree's 150,000 findings)
        // is rendered on every core; the blocks keep their order.
        let renderer = self
        out += ParallelMap.map(active) { slice, emit in
            for finding in slice { emit(renderer.findingBlock(finding, gate: gate).joined(separator: "\n")) }
        }
        if !silenced.isEmpty {
            out.append("")
            out.append(bold("Suppressed (not counted):"))
            for finding in silenced {
                let suppression = finding.suppressed.map { " — \($0.kind == "baseline" ? "baselined" : "suppressed"): \($0.reason)" } ?? ""
                out.append(dim("  \(finding.locationText): \(finding.severity) [\(finding.code)] \(finding.message)\(suppression)"))
            }
        }
        return out
    }

    /// One active finding: its headline, the quoted lines, the remedy and the related places.
    private func findingBlock(_ finding: FindingInfo, gate: GateInfo) -> [String] {
        let counted = gate.counts(finding) ? "" : dim(" (not counted by the gate)")
        var out = ["  \(finding.locationText): \(severityWord(finding.severity)) [\(finding.code)] \(finding.message)\(counted)"]
        out += snippetLines(finding)
        if !finding.remedy.isEmpty { out.append(dim("    fix: \(finding.remedy)")) }
        for related in finding.related {
            out.append(dim("    see \(Self.locationText(related)): \(related.message)"))
        }
        return out
    }

    static func locationText(_ related: RelatedLocationInfo) -> String {
        switch (related.line, related.column) {
        case let (line?, column?): "\(related.file):\(line):\(column)"
        case let (line?, nil): "\(related.file):\(line)"
        default: related.file
        }
    }

    /// The quoted lines with numbers, and carets under the finding's span when it lies on one quoted line.
    private func snippetLines(_ finding: FindingInfo) -> [String] {
        guard !finding.snippet.isEmpty else { return [] }
        var out: [String] = []
        let width = String(finding.snippet.map(\.line).max() ?? 0).count
        for line in finding.snippet {
            let number = String(line.line)
            out.append(dim("    \(String(repeating: " ", count: width - number.count))\(number) | ") + line.text)
            guard line.line == finding.line, let column = finding.column,
                  finding.endLine == nil || finding.endLine == finding.line else { continue }
            let (indent, scalarCount) = Self.caretIndent(line.text, column: column)
            let start = min(max(column - 1, 0), scalarCount)
            let end = min(max((finding.endColumn ?? scalarCount + 1) - 1, start + 1), max(scalarCount, start + 1))
            out.append(dim("    \(String(repeating: " ", count: width)) | ") + indent + paint(String(repeating: "^", count: end - start), "1;33"))
        }
        return out
    }

    /// The indentation of a caret line under `column` (1-based, in Unicode scalars) of `text`: a space
    /// per scalar before it, a TAB kept as a TAB so the carets line up in a terminal; and the text's
    /// scalar count. Read from the UTF-8 bytes (a scalar starts at every byte that is not `10xxxxxx`):
    /// an array of scalars per finding was most of the time of a large tree's text report.
    static func caretIndent(_ text: String, column: Int) -> (indent: String, scalars: Int) {
        var text = text
        return text.withUTF8 { bytes in
            var scalars = 0
            var indent: [UInt8] = []
            let wanted = max(column - 1, 0)
            indent.reserveCapacity(min(wanted, bytes.count))
            for byte in bytes where byte & 0xC0 != 0x80 {
                if scalars < wanted { indent.append(byte == UInt8(ascii: "\t") ? byte : 0x20) }
                scalars += 1
            }
            return (String(decoding: indent, as: UTF8.self), scalars)
        }
    }

    // MARK: audit

    private func auditLines(_ audit: [IdentityAuditInfo]) -> [String] {
        var out: [String] = ["", bold(audit.isEmpty ? "Audit: no identities" : "Audit:")]
        for identity in audit {
            let count = identity.policies.count
            out.append("  \(bold(identity.identity)) (\(count) polic\(count == 1 ? "y" : "ies"))")
            let width = identity.checks.map { "\($0.action) on \($0.resource)".count }.max() ?? 0
            for check in identity.checks {
                let result: String
                switch check.passed {
                case true?: result = paint("[pass]", "32")
                case false?: result = paint("[FAIL]", "1;31")
                case nil: result = "[ -- ]"
                }
                let target = "\(check.action) on \(check.resource)"
                let pad = String(repeating: " ", count: max(0, width - target.count))
                let verdict = check.verdict.padding(toLength: 11, withPad: " ", startingAt: 0)
                let expected = check.expected.map { "expected \($0); " } ?? ""
                out.append("    \(result) \(verdictColor(verdict, check.verdict)) \(target)\(pad)  \(expected)\(check.summary)")
                for statement in check.statements {
                    out.append(dim("           \(statementText(statement))"))
                }
            }
        }
        return out
    }

    private func verdictColor(_ text: String, _ verdict: String) -> String {
        switch verdict {
        case "always": paint(text, "32")
        case "never": paint(text, "31")
        case "conditional": paint(text, "33")
        default: paint(text, "35")
        }
    }

    func statementText(_ s: StatementRef) -> String {
        let sid = s.sid.map { " \"\($0)\"" } ?? ""
        return "\(s.location.file):\(s.location.line):\(s.location.column) \(s.location.path)\(sid) [\(s.layer), \(s.effect)]"
    }

    // MARK: explain

    private func explanationLines(_ e: ExplanationInfo) -> [String] {
        var out: [String] = [""]
        switch (e.verdict, e.allowedWhen.count) {
        case (_, 0):
            out.append("\(bold("Allowed when:")) never")
        case (_, 1) where e.allowedWhen[0].isEmpty:
            out.append("\(bold("Allowed when:")) always (no condition)")
        default:
            out.append(bold(e.allowedWhen.count == 1 ? "Allowed when:" : "Allowed when any of:"))
            for (index, conjunction) in e.allowedWhen.enumerated() {
                let text = conjunction.isEmpty ? "always (no condition)" : conjunction.joined(separator: " and ")
                out.append(e.allowedWhen.count == 1 ? "  \(text)" : "  \(index + 1). \(text)")
            }
        }
        if !e.exceptions.isEmpty {
            out.append(bold("Except:"))
            for exception in e.exceptions {
                let text = exception.constraints.isEmpty ? "always" : exception.constraints.joined(separator: " and ")
                out.append("  - \(text)")
                out.append(dim("      denied by \(statementText(exception.statement))"))
            }
        }
        if let example = e.allowedExample {
            out.append("\(bold("Allowed example:")) \(Self.contextText(example))")
        }
        if let example = e.deniedExample {
            out.append("\(bold("Denied example:")) \(Self.contextText(example))")
        }
        if e.allowedExample != nil || e.deniedExample != nil {
            out.append(e.examplesConfirmed
                ? dim("  the engine confirmed both examples")
                : paint("  the engine did NOT confirm the examples: the analysis and the engine disagree; please report this", "1;31"))
        }
        if !e.undecidableReasons.isEmpty {
            out.append(bold("Undecidable because:"))
            for reason in e.undecidableReasons {
                out.append("  - \(reason)")
            }
        }
        return out
    }

    static func contextText(_ entries: [ContextEntryInfo]) -> String {
        entries.isEmpty ? "(no condition keys)" : entries.map { "\($0.key)=\($0.values.joined(separator: ","))" }.joined(separator: "; ")
    }

    // MARK: diff

    private func diffLines(_ diff: DiffInfo) -> [String] {
        var out: [String] = [""]
        out.append("\(bold("Diff:")) \(diff.changes.count) action\(diff.changes.count == 1 ? "" : "s") changed, \(diff.unchanged) unchanged")
        out.append(dim("  old: \(diff.old.joined(separator: ", "))"))
        out.append(dim("  new: \(diff.new.joined(separator: ", "))"))
        for change in diff.changes {
            let kind = change.change.padding(toLength: 9, withPad: " ", startingAt: 0)
            let painted = change.widensAccess ? paint(kind, "1;31") : paint(kind, "32")
            out.append("  \(painted) \(change.action)  \(change.oldVerdict) → \(change.newVerdict)")
            out.append("            was: \(change.oldSummary)")
            out.append("            now: \(change.newSummary)")
            for statement in change.statements {
                out.append(dim("            \(statementText(statement))"))
            }
        }
        if diff.noNewAccess != nil || !diff.stillGrants.isEmpty {
            out.append(bold("Diff gates:"))
            if let holds = diff.noNewAccess {
                out.append(holds ? "  noNewAccess: " + paint("holds", "32") : "  noNewAccess: " + paint("VIOLATED", "1;31") + " (access was gained or loosened)")
            }
            for gate in diff.stillGrants {
                out.append("  stillGrants \(gate.action): " + (gate.granted ? paint("granted", "32") : paint("NOT GRANTED", "1;31")))
            }
        }
        return out
    }
}
