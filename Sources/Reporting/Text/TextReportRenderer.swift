/// Renders a ``Report`` for people: decision first, then the deciding statements quoted with their
/// location, then the layers, missing keys, assumptions and problems.
///
/// Reports of `lint`, `audit`, `explain` and `diff` (any of ``Report/findings``, ``Report/audit``,
/// ``Report/explanation``, ``Report/diff``, ``Report/summary`` or ``Report/gate`` present) start with the gate's
/// verdict (or the explained verdict), then the counts, then one section per member: the explanation, the
/// diff, the audit table, and the findings as `file:line:column: severity [Code] message` with the quoted
/// source and the remedy.
public struct TextReportRenderer: Sendable {
    /// ANSI colour; callers enable it only on a terminal and when `NO_COLOR` is unset.
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { paint(s, "1") }
    func dim(_ s: String) -> String { paint(s, "2") }

    public func render(_ report: Report) -> String {
        if report.preflight != nil || report.outcome != nil {
            return renderOperation(report)
        }
        if report.hasAnalysisSections {
            return renderAnalysis(report)
        }
        return renderCheck(report)
    }

    private func renderCheck(_ report: Report) -> String {
        var out: [String] = []
        let headline: String
        switch report.decision {
        case "Allow": headline = paint("ALLOWED", "1;32")
        case "ExplicitDeny": headline = paint("DENIED (explicit deny)", "1;31")
        case "ImplicitDeny": headline = paint("DENIED (implicit deny: no statement allows it)", "1;31")
        default: headline = paint("INVALID POLICY", "1;33")
        }
        if let r = report.request {
            var line = "\(headline)  \(r.action) on \(r.evaluatedResource)"
            if r.resource != r.evaluatedResource { line += " (asked: \(r.resource))" }
            out.append(line)
        } else {
            out.append(headline)
        }
        if let layer = report.deniedBy { out.append("  denied by the \(layer) layer") }
        out += policyDetails(report)
        return out.joined(separator: "\n") + "\n"
    }

    /// Everything after the headline of a check: deciding statements, layers, context, missing keys,
    /// assumptions, errors and warnings.
    func policyDetails(_ report: Report) -> [String] {
        var out: [String] = []
        if !report.statements.isEmpty {
            out.append("")
            out.append(bold(report.decision == "Allow" ? "Allowed by:" : "Denied by:"))
            for s in report.statements {
                let sid = s.sid.map { " \"\($0)\"" } ?? ""
                out.append("  \(s.location.file):\(s.location.line):\(s.location.column) \(s.location.path)\(sid) [\(s.layer), \(s.effect)]")
                let width = String(s.source.last?.line ?? 0).count
                for l in s.source {
                    let n = String(l.line)
                    out.append(dim("    \(String(repeating: " ", count: width - n.count))\(n) | ") + l.text)
                }
                if let last = s.source.last, let end = s.location.endLine, end > last.line {
                    out.append(dim("    \(String(repeating: " ", count: width)) | … \(end - last.line) more line\(end - last.line == 1 ? "" : "s") to line \(end)"))
                }
            }
        }
        if !report.layers.isEmpty {
            out.append("")
            let parts = report.layers.map { "\($0.layer): \($0.decision)" }
            out.append("\(bold("Layers:")) \(parts.joined(separator: ", "))")
        }
        if let r = report.request, !r.context.isEmpty {
            out.append("\(bold("Context:")) " + r.context.map { e in
                "\(e.key)=\(e.values.joined(separator: ","))\(e.source == "default" ? " (default)" : "")"
            }.joined(separator: "; "))
        }
        if !report.missingKeys.isEmpty {
            out.append("\(bold("Missing context keys:")) \(report.missingKeys.joined(separator: ", "))")
            out.append("  the policies test these keys but the request did not carry them; give them with --context KEY=VALUE")
        }
        if !report.assumptions.isEmpty {
            out.append("")
            out.append(bold("Assumptions (Alibaba's documentation is uncertain here):"))
            for a in report.assumptions {
                let at = a.location.map { " (\($0.file):\($0.line):\($0.column)\($0.path.isEmpty ? "" : " " + $0.path))" } ?? ""
                out.append("  [\(a.id)] \(a.title)\(at)")
                out.append("       \(a.detail)")
            }
        }
        for (title, list, code) in [("Errors:", report.errors, "31"), ("Warnings:", report.warnings, "33")] where !list.isEmpty {
            out.append("")
            out.append(paint(title, "1;\(code)"))
            for d in list {
                let l = d.location
                let path = l.path.isEmpty ? "" : " \(l.path)"
                out.append("  \(l.file):\(l.line):\(l.column)\(path): \(d.severity) [\(d.code)] \(d.name): \(d.message)")
                out.append(dim("    fix: \(d.remedy)"))
            }
        }
        return out
    }

    // MARK: preflight and submit

    private func renderOperation(_ report: Report) -> String {
        var out: [String] = []
        out.append(operationHeadline(report))
        if let summary = report.submission?.summary, !summary.isEmpty {
            out.append("  \(summary)")
        }
        if let error = report.error {
            out.append("")
            out += errorLines(error)
        }
        if let checks = report.preflight {
            out.append("")
            out.append(bold("Preflight:"))
            for check in checks {
                let status = statusWord(check.status)
                let severity = check.severity == "warning" ? " (warning only)" : ""
                out.append("  \(status) \(check.id)\(severity): \(check.message)")
                if let remedy = check.remedy, check.status != "pass" {
                    out.append(dim("      fix: \(remedy)"))
                }
                for detail in check.details {
                    out.append(dim("      \(detail)"))
                }
            }
        }
        if let submission = report.submission {
            out.append("")
            out += submissionLines(submission)
        }
        if report.decision != "NotEvaluated", report.request != nil {
            out.append("")
            let decision: String
            switch report.decision {
            case "Allow": decision = "Allow"
            case "ExplicitDeny": decision = "ExplicitDeny"
            case "ImplicitDeny": decision = "ImplicitDeny"
            default: decision = "Invalid (the policies have errors)"
            }
            out.append("\(bold("Local policy decision:")) \(decision)\(report.deniedBy.map { " (\($0) layer)" } ?? "")")
            out += policyDetails(report)
        } else {
            let details = policyDetails(report)
            if !details.isEmpty {
                out.append("")
                out += details
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func operationHeadline(_ report: Report) -> String {
        switch report.outcome {
        case "submitted":
            var line = paint("SUBMITTED", "1;32")
            if let task = report.taskId { line += "  TaskId \(task.isEmpty ? "(empty)" : task)" }
            if let request = report.requestId { line += "  RequestId \(request)" }
            return line
        case "dry_run":
            return paint("DRY RUN", "1;36") + "  nothing was sent"
        case "preflight_failed":
            return paint("PREFLIGHT FAILED", "1;31") + "  nothing was sent"
        case "denied":
            let sent = report.submission?.attempts.isEmpty == false
            return paint("DENIED", "1;31") + (sent ? "  by the service" : "  by the local policy check; nothing was sent")
        case "api_error":
            return paint("API ERROR", "1;31") + (report.error.map { "  \($0.code)" } ?? "")
        case "unknown":
            var line = paint("OUTCOME UNKNOWN", "1;35") + "  the workflow job may or may not have been started"
            if let request = report.requestId { line += "  RequestId \(request)" }
            return line
        default:
            let checks = report.preflight ?? []
            if checks.contains(where: { $0.severity == "blocking" && $0.status == "fail" }) {
                return paint("PREFLIGHT FAILED", "1;31")
            }
            if checks.contains(where: { $0.status == "undecided" || $0.status == "warn" }) {
                return paint("PREFLIGHT PASSED WITH RESERVATIONS", "1;33") + "  (undecided or warning checks below)"
            }
            return paint("PREFLIGHT PASSED", "1;32")
        }
    }

    private func statusWord(_ status: String) -> String {
        switch status {
        case "pass": paint("[pass]     ", "32")
        case "fail": paint("[FAIL]     ", "1;31")
        case "warn": paint("[warn]     ", "33")
        default: paint("[undecided]", "35")
        }
    }

    private func errorLines(_ error: SubmissionErrorInfo) -> [String] {
        var out: [String] = []
        var head = "\(bold("Error:")) \(error.code)"
        if let status = error.httpStatus { head += " (HTTP \(status))" }
        out.append(head)
        if let message = error.message { out.append("  \(message)") }
        if let request = error.requestId { out.append("  RequestId: \(request)") }
        if let host = error.hostId { out.append("  HostId: \(host)") }
        if let recommend = error.recommend { out.append("  Recommend: \(recommend)") }
        if let denied = error.accessDenied {
            out.append(bold("  Access denied:"))
            let fields: [(String, String?)] = [
                ("NoPermissionType", denied.noPermissionType), ("PolicyType", denied.policyType),
                ("AuthAction", denied.authAction), ("AuthPrincipalType", denied.authPrincipalType),
                ("AuthPrincipalOwnerId", denied.authPrincipalOwnerId), ("AuthPrincipalDisplayName", denied.authPrincipalDisplayName),
            ]
            for (name, value) in fields {
                if let value { out.append("    \(name): \(value)") }
            }
            if let decision = denied.decision {
                out.append("    engine: \(decision)\(denied.layer.map { " in the \($0) layer" } ?? "")")
            }
            if !denied.serviceContext.isEmpty {
                out.append("    service context: " + denied.serviceContext.map { "\($0.key)=\($0.values.joined(separator: ","))" }.joined(separator: "; "))
            }
            if !denied.servicePolicies.isEmpty {
                out.append("    service matched: " + denied.servicePolicies.joined(separator: ", "))
            }
            out.append("    \(denied.explanation)")
            for statement in denied.statements {
                let sid = statement.sid.map { " \"\($0)\"" } ?? ""
                out.append("    \(statement.location.file):\(statement.location.line):\(statement.location.column) \(statement.location.path)\(sid) [\(statement.layer), \(statement.effect)]")
                for line in statement.source {
                    out.append(dim("      \(line.line) | ") + line.text)
                }
            }
        }
        return out
    }

    private func submissionLines(_ submission: SubmissionInfo) -> [String] {
        var out: [String] = [bold("Submission:")]
        out.append("  endpoint: \(submission.endpoint ?? "(none)")  signature: \(submission.signatureVersion)")
        var parameters = "  WorkflowId=\(submission.workflowId)"
        if let media = submission.mediaId { parameters += " MediaId=\(media)" }
        out.append(parameters)
        if let credential = submission.credential {
            out.append("  credential: \(credential.accessKeyId) (\(credential.kind)) from \(credential.source)")
        }
        for note in submission.notes {
            out.append("  note: \(note)")
        }
        if let request = submission.httpRequest {
            out.append("  request that would be sent (signature and token redacted):")
            out.append("    \(request.method) \(request.url)")
            for header in request.headers {
                out.append("    \(header.name): \(header.value)")
            }
        }
        for attempt in submission.attempts {
            var line = "  attempt \(attempt.number): \(attempt.result)"
            if let status = attempt.httpStatus { line += ", HTTP \(status)" }
            if let code = attempt.code { line += ", \(code)" }
            if let request = attempt.requestId { line += ", RequestId \(request)" }
            line += ", \(attempt.elapsedMilliseconds) ms"
            if let delay = attempt.retryDelayMilliseconds { line += "; retried after \(delay) ms" }
            out.append(line)
        }
        if let journal = submission.journal {
            out.append("  journal: \(journal)")
        }
        return out
    }
}
