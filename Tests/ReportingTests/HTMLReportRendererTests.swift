import Foundation
import Reporting
import Testing

@Suite("HTMLReportRenderer")
struct HTMLReportRendererTests {
    let renderer = HTMLReportRenderer()

    /// Everything at once: the page `scripts/check-html` screenshots and `Fixtures/sample-report.html` holds.
    static let showcase: Report = {
        var r = AnalysisSamples.audit
        r.findings = AnalysisSamples.findings + [FindingInfo(
            code: "UnknownConditionKey", severity: "warning", title: "Unknown condition key",
            help: "Keys are compared case-insensitively but unknown keys never match.",
            message: "acs:SourceIP 未知 — did you mean acs:SourceIp? 🛡️", remedy: "Use acs:SourceIp.",
            file: "policies/identities/vod-pipeline/submit.json", line: 10, column: 10, endLine: 12, endColumn: 8,
            path: "Statement[0].Condition.IpAddress", fingerprint: "ff06",
            snippet: [
                SourceLine(line: 9, text: #"      "Condition": {"#),
                SourceLine(line: 10, text: #"        "IpAddress": {"#),
                SourceLine(line: 11, text: #"          "acs:SourceIP": ["203.0.113.0/24", "<script>alert(1)</script>"]"#),
                SourceLine(line: 12, text: "        }"),
            ]
        )]
        r.summary = SummaryInfo(files: 6, identities: 2, findings: r.findings ?? [], checks: AnalysisSamples.checks + (r.audit?[1].checks ?? []))
        r.explanation = AnalysisSamples.explanation
        r.diff = AnalysisSamples.diff.diff
        return r
    }()

    @Test("the escaper neutralises markup and keeps CJK and emoji", arguments: [
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        (#"a & b "c" 'd'"#, "a &amp; b &quot;c&quot; &#39;d&#39;"),
        ("&amp; already", "&amp;amp; already"),
        ("访问控制 🛡️ 👩‍👩‍👧 𝄞", "访问控制 🛡️ 👩‍👩‍👧 𝄞"),
        ("tab\tline\ncr\r", "tab\tline\ncr\r"),
        ("nul\u{0} bell\u{7} del\u{7F} c1\u{85} nonchar\u{FFFF}", #"nul\u{0} bell\u{7} del\u{7f} c1\u{85} nonchar\u{ffff}"#),
        ("evil\u{202E}txt.exe \u{2066}x\u{2069}", #"evil\u{202e}txt.exe \u{2066}x\u{2069}"#),
        ("", ""),
    ])
    func escaper(input: String, expected: String) {
        #expect(HTMLEscaper.escape(input) == expected)
    }

    @Test("the page is self-contained: no script, no external resource, one inline stylesheet", arguments: AnalysisSamples.names + [
        "showcase", "check deny", "check allow",
    ])
    func selfContained(name: String) {
        let report = name == "showcase" ? Self.showcase : AnalysisSamples.named(name)
        let html = renderer.render(AnalysisSamples.hostile(report))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(name)")
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains(#"<meta charset="utf-8">"#))
        let lower = html.lowercased()
        #expect(!lower.contains("<script"), "\(name)")
        #expect(!lower.contains("src="), "\(name)")
        #expect(!lower.contains("href="), "\(name)")
        #expect(!lower.contains("@import"), "\(name)")
        #expect(!lower.contains("url("), "\(name)")
        #expect(lower.components(separatedBy: "<style>").count == 2)
        // Tags are balanced for the elements we open.
        for tag in ["section", "table", "tr", "td", "article", "ul", "li", "mark", "code", "p"] {
            let opened = html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 2
            let closed = html.components(separatedBy: "</\(tag)>").count - 1
            #expect(opened == closed, "\(name): <\(tag)> opened \(opened), closed \(closed)")
        }
        // No raw control characters other than TAB/LF/CR.
        #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value)) || (0x7F...0x9F).contains($0.value) })
    }

    @Test("hostile text appears only escaped")
    func hostile() {
        let html = renderer.render(AnalysisSamples.hostile(Self.showcase))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("访问控制策略"))
        #expect(html.contains("👩‍👩‍👧"))
        #expect(html.contains(#"\u{202e}gnp.exe"#))
        #expect(!html.contains("</td> %2F"), "a closing tag from the input would break the table")
    }

    @Test("summary cards, verdict and gate come first")
    func header() throws {
        let html = renderer.render(Self.showcase)
        #expect(html.contains("<title>ramguard audit report</title>"))
        #expect(html.contains(#"<time datetime="2026-11-28T09:30:00Z">2026-11-28T09:30:00Z</time> by ramguard 1.2.3-beta+7"#))
        let banner = try #require(html.range(of: #"<section class="banner fail" aria-label="Result"><span class="word">✗ FAILED</span>"#))
        let cards = try #require(html.range(of: #"<div class="cards">"#))
        let matrix = try #require(html.range(of: #"<table class="matrix">"#))
        let findings = try #require(html.range(of: #"<h2 id="findings">"#))
        #expect(banner.lowerBound < cards.lowerBound && cards.lowerBound < matrix.lowerBound && matrix.lowerBound < findings.lowerBound)
        #expect(html.contains(#"<div class="card sev-security-warning"><span class="n">1</span><span class="l">security warning</span></div>"#))
        #expect(html.contains(#"<div class="card sev-warning"><span class="n">2</span><span class="l">warnings</span></div>"#))
        #expect(html.contains(#"<div class="card"><span class="n">1</span><span class="l">baselined</span></div>"#))
    }

    @Test("the access matrix shows every verdict as colour, symbol and word, with the expectation")
    func matrix() {
        let html = renderer.render(Self.showcase)
        // 2 identities, 4 actions: actions are the rows.
        #expect(html.contains(#"<thead><tr><th scope="col">Action</th><th scope="col">vod-pipeline</th><th scope="col">read-only</th></tr></thead>"#))
        #expect(html.contains(#"<td class="cell" title="vod:* allows it everywhere."><span class="badge v-always">✓ always</span><span class="expect failed">✗ FAIL: expected not-granted</span></td>"#))
        #expect(html.contains(#"<span class="badge v-conditional">◐ conditional</span><span class="expect">✓ pass: expected granted</span>"#))
        #expect(html.contains(#"<span class="badge v-undecidable">? undecidable</span>"#))
        #expect(html.contains(#"<span class="badge v-never">✗ never</span>"#))
        #expect(html.contains(#"<td class="cell muted">not checked</td>"#))
    }

    @Test("findings are grouped by class with numbered source lines and the span marked")
    func findings() throws {
        let html = renderer.render(Self.showcase)
        let groups = ["<h3>Errors (1)</h3>", "<h3>Security warnings (1)</h3>", "<h3>Warnings (2)</h3>", "<h3>Suggestions (1)</h3>",
                      "<h3>Suppressed and baselined (2, not counted)</h3>"]
        let positions = try groups.map { try #require(html.range(of: $0), "missing \($0)").lowerBound }
        #expect(positions == positions.sorted())
        // Single-line span: columns 18..<25 of line 6.
        #expect(html.contains(#"<tr class="hit"><td class="ln">6</td><td>      &quot;Action&quot;: [<mark>&quot;vod:*&quot;</mark>],</td></tr>"#))
        #expect(html.contains(#"<tr><td class="ln">5</td><td>      &quot;Effect&quot;: &quot;Allow&quot;,</td></tr>"#))
        // Multi-line span 10:10 – 12:8: from the column, whole middle line, up to the end column.
        #expect(html.contains(#"<tr class="hit"><td class="ln">10</td><td>        &quot;<mark>IpAddress&quot;: {</mark></td></tr>"#))
        #expect(html.contains(#"<tr class="hit"><td class="ln">11</td><td><mark>          &quot;acs:SourceIP&quot;: [&quot;203.0.113.0/24&quot;, &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;]</mark></td></tr>"#))
        #expect(html.contains(#"<tr class="hit"><td class="ln">12</td><td><mark>       </mark> }</td></tr>"#))
        #expect(html.contains(#"<tr><td class="ln">9</td>"#))
        #expect(html.contains(#"<p class="remedy"><strong>Fix:</strong> List the actions the identity needs.</p>"#))
        #expect(html.contains("acs:SourceIP 未知 — did you mean acs:SourceIp? 🛡️"))
        #expect(html.contains("<td>configuration: legacy file, owned by team X</td>"))
        #expect(html.contains("not counted by the gate"), "the suggestion is below the error threshold of the audit gate")
    }

    @Test("explanation and diff sections when present")
    func explanationAndDiff() {
        let html = renderer.render(Self.showcase)
        #expect(html.contains("<li><code>acs:SecureTransport is true</code> and <code>acs:SourceIp in 203.0.113.0/24</code></li>"))
        #expect(html.contains("<p>✓ The engine confirmed both examples.</p>"))
        #expect(html.contains(#"<span class="badge sev-error">▲ gained</span>"#))
        #expect(html.contains(#"<span class="badge v-always">▼ tightened</span>"#))
        #expect(html.contains("✗ noNewAccess violated"))
        #expect(html.contains("✗ no longer grants <code>vod:GetPlayInfo</code>"))
        let plain = renderer.render(AnalysisSamples.lint)
        #expect(!plain.contains(#"id="explanation""#) && !plain.contains(#"id="diff""#) && !plain.contains(#"id="audit""#))
    }

    @Test("empty sections say so; check reports show their decision")
    func emptyAndCheck() {
        let empty = renderer.render(AnalysisSamples.empty)
        #expect(empty.contains("<p>No findings.</p>"))
        #expect(empty.contains("<p>No identities were audited.</p>"))
        #expect(empty.contains("<p>No action's access changed.</p>"))
        #expect(empty.contains("<p>Never: no request context is allowed.</p>"))
        let check = renderer.render(SampleReports.full)
        #expect(check.contains("✗ DENIED (explicit deny)"))
        #expect(check.contains(#"<h2 id="decision">Decision</h2>"#))
        #expect(check.contains("[U2] All-Resources actions compare against *"))
    }

    @Test("rendering is deterministic and the committed sample is current; RAMGUARD_HTML_SAMPLE_OUT writes it")
    func sample() throws {
        let html = renderer.render(Self.showcase)
        #expect(renderer.render(Self.showcase) == html)
        if let out = ProcessInfo.processInfo.environment["RAMGUARD_HTML_SAMPLE_OUT"], !out.isEmpty {
            try Data(html.utf8).write(to: URL(fileURLWithPath: out))
        }
        let committed = String(decoding: try fixture("sample-report.html"), as: UTF8.self)
        #expect(committed == html, """
            Tests/ReportingTests/Fixtures/sample-report.html is out of date. Regenerate it with
            RAMGUARD_HTML_SAMPLE_OUT=$PWD/Tests/ReportingTests/Fixtures/sample-report.html swift test --filter HTMLReportRendererTests
            and look at it with scripts/check-html.
            """)
    }
}
