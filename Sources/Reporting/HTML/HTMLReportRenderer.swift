/// Renders a ``Report`` as one self-contained HTML page for people who read compliance evidence: auditors,
/// reviewers, managers. No script, no external resource (the stylesheet is inline), readable on screen and
/// in print.
///
/// The page shows, in order: the title, when it was made and by which ramguard; the verdict (the gate's,
/// the explained one, or a check's decision) with its reasons; summary cards (files, identities, findings per
/// class, suppressed, baselined, checks per verdict); the access matrix (identities × actions, each cell a
/// verdict in colour *and* words, with the expectation when there was one) and per-identity details; the
/// explanation; the diff; the findings grouped by class with their quoted source lines (line numbers, the
/// finding's span marked with `<mark>`), remedies and related locations, then the suppressed ones; and, for
/// `check`/`preflight`/`submit` reports, the decision, deciding statements, preflight checks and problems.
///
/// Every string from the report is escaped with ``HTMLEscaper``. Output is deterministic for a given report.
public struct HTMLReportRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var page = HTMLPage(report: report)
        page.build()
        return page.html
    }
}

/// Builds one page; lives only inside ``HTMLReportRenderer/render(_:)``.
private struct HTMLPage {
    let report: Report
    var html = ""

    init(report: Report) {
        self.report = report
    }

    private func e(_ text: String) -> String { HTMLEscaper.escape(text) }

    private mutating func add(_ fragment: String) {
        html += fragment
        html += "\n"
    }

    mutating func build() {
        let title = "ramguard \(report.command) report"
        add("<!DOCTYPE html>")
        add(#"<html lang="en">"#)
        add("<head>")
        add(#"<meta charset="utf-8">"#)
        add(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
        add(#"<meta name="generator" content="\#(e("\(report.tool.name) \(report.tool.version)"))">"#)
        add("<title>\(e(title))</title>")
        add("<style>\n\(HTMLStyle.css)\n</style>")
        add("</head>")
        add("<body>")
        add("<main>")
        add("<header>")
        add("<h1>\(e(title))</h1>")
        add(#"<p class="meta">Generated <time datetime="\#(e(report.generatedAt))">\#(e(report.generatedAt))</time> by \#(e(report.tool.name)) \#(e(report.tool.version))</p>"#)
        add("</header>")
        banner()
        summaryCards()
        if let audit = report.audit { auditSection(audit) }
        if let explanation = report.explanation { explanationSection(explanation) }
        if let diff = report.diff { diffSection(diff) }
        if let findings = report.findings { findingsSection(findings) }
        if !report.hasAnalysisSections { decisionSection() }
        if let preflight = report.preflight { preflightSection(preflight) }
        problemsSection()
        add("<footer>ramguard report schema version \(e(report.schemaVersion)). Columns count Unicode scalars; spans end before their end column.</footer>")
        add("</main>")
        add("</body>")
        add("</html>")
    }

    // MARK: banner and cards

    private mutating func banner() {
        if let gate = report.gate {
            let cls = gate.failed ? "fail" : "pass"
            let word = gate.failed ? "✗ FAILED" : "✓ PASSED"
            var line = #"<section class="banner \#(cls)" aria-label="Result"><span class="word">\#(word)</span>"#
            var limits: [String] = []
            if let threshold = gate.threshold { limits.append("fails on \(threshold) and above") }
            if !gate.failOn.isEmpty { limits.append("fails on " + gate.failOn.joined(separator: ", ")) }
            if !limits.isEmpty { line += #"<span class="muted">\#(e(limits.joined(separator: "; ")))</span>"# }
            add(line)
            if !gate.reasons.isEmpty {
                add("<ul>" + gate.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>")
            }
            add("</section>")
        }
        if let x = report.explanation {
            add(#"<section class="banner" aria-label="Verdict"><span class="word">\#(verdictBadge(x.verdict))</span> <code>\#(e(x.action))</code> on <code>\#(e(x.resource))</code><p>\#(e(x.summary))</p></section>"#)
        }
        if !report.hasAnalysisSections, report.preflight == nil, report.outcome == nil {
            let allowed = report.decision == "Allow"
            let cls = allowed ? "pass" : "fail"
            let word: String
            switch report.decision {
            case "Allow": word = "✓ ALLOWED"
            case "ExplicitDeny": word = "✗ DENIED (explicit deny)"
            case "ImplicitDeny": word = "✗ DENIED (implicit deny: no statement allows it)"
            default: word = "! INVALID POLICY"
            }
            var line = #"<section class="banner \#(cls)" aria-label="Decision"><span class="word">\#(e(word))</span>"#
            if let r = report.request {
                line += #"<code>\#(e(r.action))</code> on <code>\#(e(r.evaluatedResource))</code>"#
            }
            if let layer = report.deniedBy { line += "<p>denied by the \(e(layer)) layer</p>" }
            add(line + "</section>")
        }
        if report.preflight != nil || report.outcome != nil {
            let outcome = report.outcome ?? "preflight"
            let good = outcome == "submitted" || outcome == "dry_run"
                || (report.outcome == nil && !(report.preflight ?? []).contains { $0.status == "fail" && $0.severity == "blocking" })
            add(#"<section class="banner \#(good ? "pass" : "fail")" aria-label="Outcome"><span class="word">\#(e(outcome.uppercased().replacingOccurrences(of: "_", with: " ")))</span>\#(report.submission.map { "<p>\(e($0.summary))</p>" } ?? "")</section>"#)
        }
    }

    private mutating func summaryCards() {
        guard let s = report.summary else { return }
        var cards: [(String, String, String)] = [("\(s.files)", "policy file\(s.files == 1 ? "" : "s")", "")]
        if s.identities > 0 || report.audit != nil {
            cards.append(("\(s.identities)", s.identities == 1 ? "identity" : "identities", ""))
        }
        if report.findings != nil || s.findings.values.contains(where: { $0 > 0 }) {
            for severity in FindingInfo.severities {
                let n = s.findings[severity] ?? 0
                cards.append(("\(n)", TextReportRenderer.plural(severity, n), "sev-\(severity)"))
            }
            cards.append(("\(s.suppressed)", "suppressed", ""))
            cards.append(("\(s.baselined)", "baselined", ""))
        }
        if report.audit != nil || s.checks.values.contains(where: { $0 > 0 }) {
            for verdict in AccessCheckInfo.verdicts {
                cards.append(("\(s.checks[verdict] ?? 0)", "\(verdict) (checks)", ""))
            }
        }
        if let ms = s.durationMs { cards.append(("\(ms)", "milliseconds", "")) }
        add(#"<section aria-label="Summary"><div class="cards">"#)
        for (n, label, cls) in cards {
            add(#"<div class="\#(cls.isEmpty ? "card" : "card " + cls)"><span class="n">\#(e(n))</span><span class="l">\#(e(label))</span></div>"#)
        }
        add("</div></section>")
    }

    // MARK: verdicts

    private static func symbol(_ verdict: String) -> String {
        switch verdict {
        case "always": "✓"
        case "never": "✗"
        case "conditional": "◐"
        case "undecidable": "?"
        default: "!"
        }
    }

    private func verdictBadge(_ verdict: String) -> String {
        let cls = (AccessCheckInfo.verdicts + ["invalid"]).contains(verdict) ? verdict : "invalid"
        return #"<span class="badge v-\#(cls)">\#(Self.symbol(verdict)) \#(e(verdict))</span>"#
    }

    private func severityBadge(_ severity: String) -> String {
        let cls = FindingInfo.severities.contains(severity) ? severity : "suggestion"
        return #"<span class="badge sev-\#(cls)">\#(e(severity))</span>"#
    }

    private func expectation(_ check: AccessCheckInfo) -> String {
        guard let expected = check.expected else { return "" }
        switch check.passed {
        case false?: return #"<span class="expect failed">✗ FAIL: expected \#(e(expected))</span>"#
        case true?: return #"<span class="expect">✓ pass: expected \#(e(expected))</span>"#
        case nil: return #"<span class="expect">expected \#(e(expected))</span>"#
        }
    }

    // MARK: audit

    private mutating func auditSection(_ audit: [IdentityAuditInfo]) {
        add(#"<section aria-labelledby="audit"><h2 id="audit">Access by identity</h2>"#)
        guard !audit.isEmpty else {
            add("<p>No identities were audited.</p></section>")
            return
        }
        var actions: [String] = []
        for identity in audit {
            for check in identity.checks where !actions.contains(check.action) {
                actions.append(check.action)
            }
        }
        func cell(_ identity: IdentityAuditInfo, _ action: String) -> String {
            guard let check = identity.checks.first(where: { $0.action == action }) else {
                return #"<td class="cell muted">not checked</td>"#
            }
            return #"<td class="cell" title="\#(e(check.summary))">\#(verdictBadge(check.verdict))\#(expectation(check))</td>"#
        }
        add(#"<div class="scroll"><table class="matrix">"#)
        add("<caption>Whether each identity is granted each action: always, never, conditional (only in some request contexts) or undecidable.</caption>")
        if audit.count >= actions.count {
            add(#"<thead><tr><th scope="col">Identity</th>"# + actions.map { #"<th scope="col"><code>\#(e($0))</code></th>"# }.joined() + "</tr></thead><tbody>")
            for identity in audit {
                add(#"<tr><th scope="row">\#(e(identity.identity))</th>"# + actions.map { cell(identity, $0) }.joined() + "</tr>")
            }
        } else {
            add(#"<thead><tr><th scope="col">Action</th>"# + audit.map { #"<th scope="col">\#(e($0.identity))</th>"# }.joined() + "</tr></thead><tbody>")
            for action in actions {
                add(#"<tr><th scope="row"><code>\#(e(action))</code></th>"# + audit.map { cell($0, action) }.joined() + "</tr>")
            }
        }
        add("</tbody></table></div>")
        for identity in audit {
            add("<h3>\(e(identity.identity))</h3>")
            if !identity.policies.isEmpty {
                add(#"<p class="muted">Policies: "# + identity.policies.map { "<code>\(e($0.file))</code> (\(e($0.layer))\($0.valid ? "" : ", invalid"))" }.joined(separator: ", ") + "</p>")
            }
            add(#"<table class="checks"><colgroup><col class="w-action"><col class="w-resource"><col class="w-verdict"><col class="w-why"><col class="w-statements"></colgroup>"#)
            add(#"<thead><tr><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Verdict</th><th scope="col">Why</th><th scope="col">Statements</th></tr></thead><tbody>"#)
            for check in identity.checks {
                let statements = check.statements.map { "<code>\(e(statementText($0)))</code>" }.joined(separator: "<br>")
                add("<tr><td><code>\(e(check.action))</code></td><td><code>\(e(check.resource))</code></td><td class=\"cell\">\(verdictBadge(check.verdict))\(expectation(check))</td><td>\(e(check.summary))</td><td>\(statements)</td></tr>")
            }
            add("</tbody></table>")
        }
        add("</section>")
    }

    private func statementText(_ s: StatementRef) -> String {
        let sid = s.sid.map { " \"\($0)\"" } ?? ""
        return "\(s.location.file):\(s.location.line):\(s.location.column) \(s.location.path)\(sid) [\(s.layer), \(s.effect)]"
    }

    // MARK: explanation

    private mutating func explanationSection(_ x: ExplanationInfo) {
        add(#"<section aria-labelledby="explanation"><h2 id="explanation">Explanation</h2>"#)
        add("<h3>Allowed when</h3>")
        if x.allowedWhen.isEmpty {
            add("<p>Never: no request context is allowed.</p>")
        } else if x.allowedWhen.count == 1 && x.allowedWhen[0].isEmpty {
            add("<p>Always: no condition restricts it.</p>")
        } else {
            add("<p>Any one of these holds (every condition of the line):</p><ol>")
            for conjunction in x.allowedWhen {
                add("<li>" + (conjunction.isEmpty ? "always" : conjunction.map { "<code>\(e($0))</code>" }.joined(separator: " and ")) + "</li>")
            }
            add("</ol>")
        }
        if !x.exceptions.isEmpty {
            add("<h3>Except (denied)</h3>")
            for exception in x.exceptions {
                let when = exception.constraints.isEmpty ? "always" : exception.constraints.map { "<code>\(e($0))</code>" }.joined(separator: " and ")
                add(#"<div class="finding sev-error"><p>\#(when)</p><p class="loc">denied by <code>\#(e(statementText(exception.statement)))</code></p>"#)
                sourceTable(exception.statement.source, highlight: SourceHighlight(line: nil))
                add("</div>")
            }
        }
        if x.allowedExample != nil || x.deniedExample != nil {
            add("<h3>Examples</h3>")
            for (label, example) in [("Allowed", x.allowedExample), ("Denied", x.deniedExample)] {
                guard let example else { continue }
                add(#"<table><caption>\#(label) request context</caption><thead><tr><th scope="col">Key</th><th scope="col">Values</th></tr></thead><tbody>"#)
                if example.isEmpty { add(#"<tr><td colspan="2" class="muted">no condition keys</td></tr>"#) }
                for entry in example {
                    add("<tr><td><code>\(e(entry.key))</code></td><td>\(entry.values.map { "<code>\(e($0))</code>" }.joined(separator: " "))</td></tr>")
                }
                add("</tbody></table>")
            }
            add(x.examplesConfirmed
                ? "<p>✓ The engine confirmed both examples.</p>"
                : #"<p class="bad">✗ The engine did not confirm the examples: the analysis and the engine disagree. Please report this.</p>"#)
        }
        if !x.undecidableReasons.isEmpty {
            add("<h3>Why it is undecidable</h3><ul>" + x.undecidableReasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>")
        }
        add("</section>")
    }

    // MARK: diff

    private mutating func diffSection(_ d: DiffInfo) {
        add(#"<section aria-labelledby="diff"><h2 id="diff">Changes in access</h2>"#)
        add(#"<dl class="kv"><dt>Old</dt><dd>\#(d.old.map { "<code>\(e($0))</code>" }.joined(separator: " "))</dd><dt>New</dt><dd>\#(d.new.map { "<code>\(e($0))</code>" }.joined(separator: " "))</dd><dt>Unchanged actions</dt><dd>\#(d.unchanged)</dd></dl>"#)
        if d.changes.isEmpty {
            add("<p>No action's access changed.</p>")
        } else {
            add(#"<table><thead><tr><th scope="col">Action</th><th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Statements</th></tr></thead><tbody>"#)
            for c in d.changes {
                let cls = c.widensAccess ? "sev-error" : "v-always"
                let statements = c.statements.map { "<code>\(e(statementText($0)))</code>" }.joined(separator: "<br>")
                add(#"<tr><td class="nowrap"><code>\#(e(c.action))</code></td><td><span class="badge \#(cls)">\#(c.widensAccess ? "▲" : "▼") \#(e(c.change))</span></td><td>\#(verdictBadge(c.oldVerdict))<br>\#(e(c.oldSummary))</td><td>\#(verdictBadge(c.newVerdict))<br>\#(e(c.newSummary))</td><td>\#(statements)</td></tr>"#)
            }
            add("</tbody></table>")
        }
        if d.noNewAccess != nil || !d.stillGrants.isEmpty {
            add("<h3>Diff gates</h3><ul>")
            if let holds = d.noNewAccess {
                add(holds ? "<li>✓ noNewAccess holds: no access was gained or loosened.</li>"
                    : #"<li class="bad">✗ noNewAccess violated: the new policies grant access the old ones did not.</li>"#)
            }
            for g in d.stillGrants {
                add(g.granted ? "<li>✓ still grants <code>\(e(g.action))</code></li>"
                    : #"<li class="bad">✗ no longer grants <code>\#(e(g.action))</code></li>"#)
            }
            add("</ul>")
        }
        add("</section>")
    }

    // MARK: findings

    private mutating func findingsSection(_ findings: [FindingInfo]) {
        let gate = report.effectiveGate
        add(#"<section aria-labelledby="findings"><h2 id="findings">Findings</h2>"#)
        let active = findings.filter { $0.suppressed == nil }
        if active.isEmpty { add("<p>No findings.</p>") }
        let known = Set(FindingInfo.severities)
        for severity in FindingInfo.severities + ["other"] {
            let group = active.filter { severity == "other" ? !known.contains($0.severity) : $0.severity == severity }
            guard !group.isEmpty else { continue }
            add("<h3>\(e(TextReportRenderer.plural(severity, 2).capitalizedFirst)) (\(group.count))</h3>")
            for finding in group {
                findingCard(finding, counted: gate.counts(finding))
            }
        }
        let silenced = findings.filter { $0.suppressed != nil }
        if !silenced.isEmpty {
            add("<h3>Suppressed and baselined (\(silenced.count), not counted)</h3>")
            add(#"<table><thead><tr><th scope="col">Location</th><th scope="col">Finding</th><th scope="col">Why silenced</th></tr></thead><tbody>"#)
            for f in silenced {
                let why = f.suppressed.map { "\($0.kind == "baseline" ? "baseline" : "configuration"): \($0.reason)" } ?? ""
                add("<tr><td><code>\(e(f.locationText))</code></td><td>\(severityBadge(f.severity)) <code>\(e(f.code))</code> \(e(f.message))</td><td>\(e(why))</td></tr>")
            }
            add("</tbody></table>")
        }
        add("</section>")
    }

    private mutating func findingCard(_ f: FindingInfo, counted: Bool) {
        let cls = FindingInfo.severities.contains(f.severity) ? f.severity : "suggestion"
        add(#"<article class="finding sev-\#(cls)">"#)
        add("<h4>\(severityBadge(f.severity)) <code>\(e(f.code))</code> \(e(f.title))</h4>")
        var location = "<code>\(e(f.locationText))</code>"
        if !f.path.isEmpty { location += " <code>\(e(f.path))</code>" }
        if !counted { location += " · not counted by the gate" }
        add(#"<p class="loc">\#(location)</p>"#)
        add("<p>\(e(f.message))</p>")
        sourceTable(f.snippet, highlight: SourceHighlight(line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn))
        if !f.remedy.isEmpty { add(#"<p class="remedy"><strong>Fix:</strong> \#(e(f.remedy))</p>"#) }
        if !f.related.isEmpty {
            add("<ul>" + f.related.map { r in
                "<li><code>\(e(TextReportRenderer.locationText(r)))</code>\(r.path.isEmpty ? "" : " <code>\(e(r.path))</code>"): \(e(r.message))</li>"
            }.joined() + "</ul>")
        }
        if !f.help.isEmpty { add(#"<p class="muted">\#(e(f.help))</p>"#) }
        add(#"<p class="muted">fingerprint <span class="mono">\#(e(f.fingerprint))</span></p>"#)
        add("</article>")
    }

    /// Quoted source lines with their numbers; the part inside `highlight` is wrapped in `<mark>`.
    private mutating func sourceTable(_ lines: [SourceLine], highlight: SourceHighlight) {
        guard !lines.isEmpty else { return }
        add(#"<table class="src" aria-label="source">"#)
        for line in lines {
            if let parts = highlight.split(number: line.line, text: line.text) {
                add(#"<tr class="hit"><td class="ln">\#(line.line)</td><td>\#(e(parts.before))<mark>\#(e(parts.marked))</mark>\#(e(parts.after))</td></tr>"#)
            } else {
                add(#"<tr><td class="ln">\#(line.line)</td><td>\#(e(line.text))</td></tr>"#)
            }
        }
        add("</table>")
    }

    // MARK: check, preflight, problems

    private mutating func decisionSection() {
        add(#"<section aria-labelledby="decision"><h2 id="decision">Decision</h2>"#)
        var rows: [(String, String)] = [("Decision", "<code>\(e(report.decision))</code>")]
        if let r = report.request {
            rows.append(("Action", "<code>\(e(r.action))</code>"))
            rows.append(("Resource", "<code>\(e(r.resource))</code>" + (r.resource == r.evaluatedResource ? "" : " (evaluated as <code>\(e(r.evaluatedResource))</code>)")))
            if !r.context.isEmpty {
                rows.append(("Context", r.context.map { "<code>\(e($0.key))=\(e($0.values.joined(separator: ",")))</code>\($0.source == "default" ? " (default)" : "")" }.joined(separator: "<br>")))
            }
        }
        if !report.layers.isEmpty {
            rows.append(("Layers", report.layers.map { "\(e($0.layer)): \(e($0.decision))" }.joined(separator: ", ")))
        }
        if !report.missingKeys.isEmpty {
            rows.append(("Missing context keys", report.missingKeys.map { "<code>\(e($0))</code>" }.joined(separator: " ")))
        }
        add(#"<dl class="kv">"# + rows.map { "<dt>\(e($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>")
        for s in report.statements {
            add(#"<div class="finding"><p class="loc"><code>\#(e(statementText(s)))</code></p>"#)
            sourceTable(s.source, highlight: SourceHighlight(line: nil))
            add("</div>")
        }
        add("</section>")
    }

    private mutating func preflightSection(_ checks: [PreflightCheckInfo]) {
        add(#"<section aria-labelledby="preflight"><h2 id="preflight">Preflight</h2><table><thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead><tbody>"#)
        for c in checks {
            let cls: String
            switch c.status {
            case "pass": cls = "v-always"
            case "fail": cls = "v-never"
            case "warn": cls = "v-conditional"
            default: cls = "v-undecidable"
            }
            let remedy = c.remedy.map { "<br><strong>Fix:</strong> \(e($0))" } ?? ""
            add(#"<tr><td><code>\#(e(c.id))</code><br><span class="muted">\#(e(c.title))</span></td><td><span class="badge \#(cls)">\#(e(c.status))</span></td><td>\#(e(c.message))\#(remedy)</td></tr>"#)
        }
        add("</tbody></table></section>")
    }

    private mutating func problemsSection() {
        guard !report.errors.isEmpty || !report.warnings.isEmpty || !report.assumptions.isEmpty else { return }
        add(#"<section aria-labelledby="problems"><h2 id="problems">Policy problems and assumptions</h2>"#)
        for d in report.errors + report.warnings {
            let l = d.location
            add(#"<div class="finding sev-\#(d.severity == "error" ? "error" : "warning")"><h4>\#(severityBadge(d.severity)) <code>\#(e(d.code))</code> \#(e(d.name))</h4><p class="loc"><code>\#(e("\(l.file):\(l.line):\(l.column)"))</code> <code>\#(e(l.path))</code></p><p>\#(e(d.message))</p><p class="remedy"><strong>Fix:</strong> \#(e(d.remedy))</p></div>"#)
        }
        if !report.assumptions.isEmpty {
            add("<h3>Assumptions (Alibaba's documentation is uncertain here)</h3><ul>")
            for a in report.assumptions {
                add("<li><strong>[\(e(a.id))] \(e(a.title))</strong>: \(e(a.detail))</li>")
            }
            add("</ul>")
        }
        add("</section>")
    }
}

private extension String {
    /// `security warnings` → `Security warnings`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
