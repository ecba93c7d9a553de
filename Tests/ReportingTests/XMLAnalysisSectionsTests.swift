import Foundation
import Reporting
import Testing
import XMLKit

@Suite("XMLReportEncoder: lint, audit, explain and diff sections")
struct XMLAnalysisSectionsTests {
    let encoder = XMLReportEncoder()
    let validator = XMLSchemaValidator()

    @Test("every analysis report is valid against the shipped XSD", arguments: AnalysisSamples.names)
    func validates(name: String) throws {
        let report = AnalysisSamples.named(name)
        let xml = try encoder.encode(report)
        #expect(isWellFormedForLibXML2(xml))
        #expect(try validator.validateReport(xml) == [], "\(name)")
    }

    @Test("hostile text (<, &, controls, CJK, emoji) in every new slot stays well-formed, valid and readable", arguments: AnalysisSamples.names)
    func hostileText(name: String) throws {
        let report = AnalysisSamples.named(name)
        let xml = try encoder.encode(AnalysisSamples.hostile(report))
        #expect(isWellFormedForLibXML2(xml))
        #expect(try validator.validateReport(xml) == [], "\(name)")
        #expect(!xml.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("<script>"))
        let expected = XMLReportEncoder.escapeNonXMLCharacters(AnalysisSamples.hostile)
        let root = try SafeXMLReader().parse(xml)
        if report.findings?.isEmpty == false {
            let finding = try #require(root.child("findings")?.child("finding"))
            #expect(finding.childText("message") == expected)
            #expect(finding.attributes["title"] == expected)
            #expect(finding.child("snippet")?.child("line")?.text == expected)
            #expect(finding.child("related")?.child("relatedLocation")?.childText("message") == expected)
        }
        if report.explanation != nil {
            let constraint = root.child("explanation")?.child("allowedWhen")?.child("conjunction")?.child("constraint")
            #expect(constraint?.text == expected)
            #expect(root.child("explanation")?.child("allowedExample")?.child("entry")?.attributes["key"] == expected)
        }
        if report.gate != nil {
            #expect(root.child("gate")?.childText("reason") == expected)
        }
    }

    @Test("sections have the documented shape, in schema order, and nil optionals are omitted")
    func shape() throws {
        let xml = try encoder.encodeString(AnalysisSamples.lint)
        let lines = Set(xml.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for fragment in [
            #"<summary files="6" identities="0" suppressed="1" baselined="1">"#,
            #"<count name="security-warning" value="1"/>"#,
            #"<gate threshold="warning" failed="true">"#,
            #"<failOn>PreferNotAction</failOn>"#,
            #"<finding code="WildcardAction" severity="security-warning" title="Wildcard action" file="policies/identities/vod-pipeline/submit.json" line="6" column="18" endLine="6" endColumn="25" path="Statement[0].Action[0]" fingerprint="3f1c9a0d2b7e4a11">"#,
            #"<finding code="PreferNotAction" severity="suggestion" title="Consider a condition" file="policies/whole file.json" path="" fingerprint="cc03">"#,
            #"<suppressed kind="config">legacy file, owned by team X</suppressed>"#,
            #"<line number="6">      "Action": ["vod:*"],</line>"#,
        ] {
            #expect(lines.contains(fragment), "missing: \(fragment)")
        }
        let root = try SafeXMLReader().parse(xml)
        #expect(root.children.map(\.name).suffix(3) == ["summary", "gate", "findings"])
        let counts = try #require(root.child("summary")?.child("findings")?.children(named: "count"))
        #expect(counts.map { $0.attributes["name"] ?? "" } == ["error", "security-warning", "suggestion", "warning"], "sorted by name")

        let audit = try SafeXMLReader().parse(try encoder.encode(AnalysisSamples.audit))
        let check = try #require(audit.child("audit")?.child("identityAudit")?.child("checks")?.children(named: "accessCheck"))
        #expect(check.map { $0.attributes["verdict"] ?? "" } == ["conditional", "always", "undecidable", "never"])
        #expect(check[1].attributes["passed"] == "false")
        #expect(check[2].attributes["expected"] == nil)
        #expect(check[0].child("statements")?.children(named: "statement").count == 2)

        let explain = try SafeXMLReader().parse(try encoder.encode(AnalysisSamples.explain))
        let x = try #require(explain.child("explanation"))
        #expect(x.child("allowedWhen")?.children(named: "conjunction").map { $0.children(named: "constraint").count } == [2, 1])
        #expect(x.child("exceptions")?.child("exception")?.child("statement")?.attributes["effect"] == "Deny")
        #expect(x.child("deniedExample")?.child("entry")?.childText("value") == "198.51.100.1")

        let diff = try SafeXMLReader().parse(try encoder.encode(AnalysisSamples.diff))
        let d = try #require(diff.child("diff"))
        #expect(d.attributes["noNewAccess"] == "false")
        #expect(d.attributes["unchanged"] == "110")
        #expect(d.child("new")?.children(named: "file").map(\.text) == ["new/submit.json", "new/extra.json"])
        #expect(d.child("stillGrants")?.children(named: "stillGrant").map { $0.attributes["granted"] ?? "" } == ["true", "false"])
        #expect(diff.child("gate")?.attributes["threshold"] == nil)
    }

    static let mutations: [(String, String, String, String)] = [
        ("unknown severity", "lint", #"severity="security-warning""#, #"severity="critical""#),
        ("unknown verdict", "audit", #"verdict="conditional""#, #"verdict="sometimes""#),
        ("unknown expectation", "audit", #"expected="granted""#, #"expected="maybe""#),
        ("unknown suppression kind", "lint", #"kind="config""#, #"kind="inline""#),
        ("line zero in a finding", "lint", #"line="6" column="18""#, #"line="0" column="18""#),
        ("code with a space", "lint", #"code="WildcardAction""#, #"code="Wildcard Action""#),
        ("count twice", "lint", #"<count name="warning" value="1"/>"#, #"<count name="warning" value="1"/><count name="warning" value="2"/>"#),
        ("unknown change", "diff", #"change="gained""#, #"change="grown""#),
        ("non-boolean granted", "diff", #"granted="true""#, #"granted="yes""#),
        ("negative unchanged", "diff", #"unchanged="110""#, #"unchanged="-1""#),
        ("gate without failed", "diff", #" failed="true""#, ""),
        ("sections out of order", "lint", "<findings>", "<audit/><findings>"),
    ]

    @Test("documents that break the new parts of the schema are invalid", arguments: mutations)
    func mutationsRejected(name: String, sample: String, find: String, replace: String) throws {
        let valid = try encoder.encodeString(AnalysisSamples.named(sample))
        #expect(valid.contains(find), "mutation does not apply: \(name)")
        var xml = valid
        if let range = xml.range(of: find) { xml.replaceSubrange(range, with: replace) }
        let problems = try validator.validateReport(Array(xml.utf8))
        #expect(!problems.isEmpty, "\(name)")
        #expect(problems.allSatisfy { $0.kind == .schemaViolation }, "\(name): \(problems)")
    }
}
