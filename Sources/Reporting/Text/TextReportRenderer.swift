/// Renders a ``Report`` for people: decision first, then the deciding statements quoted with their
/// location, then the layers, missing keys, assumptions and problems.
public struct TextReportRenderer: Sendable {
    /// ANSI colour; callers enable it only on a terminal and when `NO_COLOR` is unset.
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    private func bold(_ s: String) -> String { paint(s, "1") }
    private func dim(_ s: String) -> String { paint(s, "2") }

    public func render(_ report: Report) -> String {
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
        return out.joined(separator: "\n") + "\n"
    }
}
