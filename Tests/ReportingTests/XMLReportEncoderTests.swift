import CLibXML2
import Foundation
@testable import Reporting
import Testing
import XMLKit

// MARK: - Shared helpers for the XML tests

/// Reports used across the XML tests.
enum SampleReports {
    /// Every optional property present, every list non-empty.
    static let full = Report(
        tool: ToolInfo(name: "ramguard", version: "1.2.3-beta+7"),
        generatedAt: "2026-11-28T09:30:00Z",
        command: "check",
        decision: "ExplicitDeny",
        deniedBy: "identity",
        request: RequestInfo(
            action: "oss:GetObject",
            resource: "acs:oss:*:123456:bucket/key.txt",
            evaluatedResource: "acs:oss:*:123456:bucket/key.txt",
            context: [
                ContextEntry(key: "acs:SourceIp", values: ["192.0.2.1", "198.51.100.0/24"], source: "user"),
                ContextEntry(key: "acs:CurrentTime", values: ["2026-11-28T09:30:00Z"], source: "default"),
                ContextEntry(key: "acs:MFAPresent", values: [], source: "user"),
            ]
        ),
        policies: [
            PolicyInfo(file: "policies/identity.json", layer: "identity", statementCount: 2, characters: 310, valid: true),
            PolicyInfo(file: "policies/scp.json", layer: "control", statementCount: 0, characters: 0, valid: false),
        ],
        layers: [
            LayerResult(layer: "control", decision: "Allow"),
            LayerResult(layer: "session", decision: "NotEvaluated"),
            LayerResult(layer: "identity", decision: "ExplicitDeny"),
        ],
        statements: [
            StatementRef(
                layer: "identity", file: "policies/identity.json", index: 1, sid: "DenyOutsideOffice", effect: "Deny",
                location: Location(file: "policies/identity.json", line: 9, column: 5, endLine: 14, endColumn: 6, path: "Statement[1]"),
                source: [
                    SourceLine(line: 9, text: "    {"),
                    SourceLine(line: 10, text: "      \"Sid\": \"DenyOutsideOffice\","),
                    SourceLine(line: 11, text: ""),
                ]
            ),
        ],
        missingKeys: ["acs:SecureTransport", "oss:Prefix"],
        assumptions: [
            AssumptionInfo(
                id: "U2", title: "All-Resources actions compare against *",
                detail: "The docs list vod:SubmitWorkflowJob as an All-Resources action.\nRAM then evaluates Resource \"*\".",
                location: Location(file: "policies/identity.json", line: 3, column: 7, endLine: 3, endColumn: 40, path: "Statement[0].Resource[0]")
            ),
        ],
        errors: [
            DiagnosticInfo(
                severity: "error", code: "InvalidVersion", name: "Invalid version",
                message: "Version must be \"1\".", remedy: "Set \"Version\": \"1\".",
                location: Location(file: "policies/scp.json", line: 2, column: 14, endLine: 2, endColumn: 17, path: "Version")
            ),
        ],
        warnings: [
            DiagnosticInfo(
                severity: "warning", code: "UnknownConditionKey", name: "Unknown condition key",
                message: "acs:SourceIP is not a known key.", remedy: "Did you mean acs:SourceIp?",
                location: Location(file: "policies/identity.json", line: 12, column: 11, endLine: 12, endColumn: 25, path: "Statement[1].Condition.IpAddress")
            ),
        ]
    )

    /// Every optional property `nil`, every list empty.
    static let minimal = Report(
        tool: ToolInfo(version: "1.0.0"), generatedAt: "2026-11-28T09:30:00.125Z", command: "check", decision: "Allow"
    )

    /// Lists populated, but every optional (deniedBy, request, sid, endLine/endColumn, assumption location) `nil`.
    static let noOptionals = Report(
        tool: ToolInfo(version: "1.0.0"), generatedAt: "2026-11-28T09:30:00Z", command: "preflight", decision: "Invalid",
        policies: [PolicyInfo(file: "p.json", layer: "session", statementCount: 1, characters: 42, valid: false)],
        layers: [LayerResult(layer: "trust", decision: "ImplicitDeny")],
        statements: [
            StatementRef(
                layer: "session", file: "p.json", index: 0, sid: nil, effect: "Allow",
                location: Location(file: "p.json", line: 1, column: 1, path: ""), source: []
            ),
        ],
        missingKeys: ["acs:SourceVpc"],
        assumptions: [AssumptionInfo(id: "U7", title: "Case of keys", detail: "", location: nil)],
        errors: [
            DiagnosticInfo(
                severity: "error", code: "MissingEffect", name: "Missing effect", message: "", remedy: "",
                location: Location(file: "p.json", line: 1, column: 1, path: "Statement[0]")
            ),
        ]
    )
}

/// Reads a file from `Tests/ReportingTests/Fixtures`.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
}

/// Parses `bytes` with libxml2 directly (strict: no recovery, no network) and says whether the document is
/// well-formed. Independent of the code under test, so it can catch what that code gets wrong.
func isWellFormedForLibXML2(_ bytes: [UInt8]) -> Bool {
    _ = try? SafeXMLReader().parse("<init/>")  // makes sure xmlInitParser() has run (once, thread-safely)
    guard let parser = xmlNewParserCtxt() else { return false }
    defer { xmlFreeParserCtxt(parser) }
    let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let doc = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(parser, $0.baseAddress, Int32($0.count), "t.xml", nil, options) }
    }
    guard let doc else { return false }
    defer { xmlFreeDoc(doc) }
    return parser.pointee.wellFormed != 0 && xmlDocGetRootElement(doc) != nil
}

/// Rebuilds a `Report` from the XML tree, following the documented shape. If the encoder drops or renames
/// anything, the rebuilt report differs from the original.
func decodeReport(_ root: XMLElementNode) -> Report? {
    func location(_ node: XMLElementNode?) -> Location? {
        guard let node, let line = node.attributes["line"].flatMap({ Int($0) }),
              let column = node.attributes["column"].flatMap({ Int($0) }) else { return nil }
        return Location(
            file: node.attributes["file"] ?? "<missing>", line: line, column: column,
            endLine: node.attributes["endLine"].flatMap { Int($0) }, endColumn: node.attributes["endColumn"].flatMap { Int($0) },
            path: node.attributes["path"] ?? "<missing>"
        )
    }
    func diagnostics(_ wrapper: XMLElementNode?) -> [DiagnosticInfo] {
        (wrapper?.children(named: "diagnostic") ?? []).map { node in
            DiagnosticInfo(
                severity: node.attributes["severity"] ?? "", code: node.attributes["code"] ?? "", name: node.attributes["name"] ?? "",
                message: node.childText("message") ?? "<missing>", remedy: node.childText("remedy") ?? "<missing>",
                location: location(node.child("location")) ?? Location(file: "<missing>", line: -1, column: -1, path: "")
            )
        }
    }
    guard root.name == "report", root.namespaceURI == XMLReportEncoder.namespace, let tool = root.child("tool") else { return nil }
    let request = root.child("request").map { node in
        RequestInfo(
            action: node.attributes["action"] ?? "", resource: node.attributes["resource"] ?? "",
            evaluatedResource: node.attributes["evaluatedResource"] ?? "",
            context: (node.child("context")?.children(named: "entry") ?? []).map { entry in
                ContextEntry(
                    key: entry.attributes["key"] ?? "", values: entry.children(named: "value").map(\.text),
                    source: entry.attributes["source"] ?? ""
                )
            }
        )
    }
    var report = Report(
        tool: ToolInfo(name: tool.attributes["name"] ?? "", version: tool.attributes["version"] ?? ""),
        generatedAt: root.attributes["generatedAt"] ?? "", command: root.attributes["command"] ?? "",
        decision: root.attributes["decision"] ?? "", deniedBy: root.attributes["deniedBy"], request: request,
        policies: (root.child("policies")?.children(named: "policy") ?? []).map { node in
            PolicyInfo(
                file: node.attributes["file"] ?? "", layer: node.attributes["layer"] ?? "",
                statementCount: node.attributes["statementCount"].flatMap { Int($0) } ?? -1,
                characters: node.attributes["characters"].flatMap { Int($0) } ?? -1,
                valid: node.attributes["valid"] == "true"
            )
        },
        layers: (root.child("layers")?.children(named: "layer") ?? []).map { node in
            LayerResult(layer: node.attributes["name"] ?? "", decision: node.attributes["decision"] ?? "")
        },
        statements: (root.child("statements")?.children(named: "statement") ?? []).map { node in
            StatementRef(
                layer: node.attributes["layer"] ?? "", file: node.attributes["file"] ?? "",
                index: node.attributes["index"].flatMap { Int($0) } ?? -1, sid: node.attributes["sid"],
                effect: node.attributes["effect"] ?? "",
                location: location(node.child("location")) ?? Location(file: "<missing>", line: -1, column: -1, path: ""),
                source: (node.child("source")?.children(named: "line") ?? []).map { line in
                    SourceLine(line: line.attributes["number"].flatMap { Int($0) } ?? -1, text: line.text)
                }
            )
        },
        missingKeys: (root.child("missingKeys")?.children(named: "key") ?? []).map(\.text),
        assumptions: (root.child("assumptions")?.children(named: "assumption") ?? []).map { node in
            AssumptionInfo(
                id: node.attributes["id"] ?? "", title: node.attributes["title"] ?? "",
                detail: node.childText("detail") ?? "<missing>", location: location(node.child("location"))
            )
        },
        errors: diagnostics(root.child("errors")),
        warnings: diagnostics(root.child("warnings"))
    )
    report.schemaVersion = root.attributes["schemaVersion"] ?? ""
    return report
}

/// The 1-based line of the first line of `text` containing `needle`.
func lineNumber(of needle: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

// MARK: - Encoder tests

@Suite("XMLReportEncoder")
struct XMLReportEncoderTests {
    let encoder = XMLReportEncoder()

    @Test("reports with all and with no optionals are valid against the shipped XSD", arguments: [
        ("full", SampleReports.full), ("minimal", SampleReports.minimal), ("noOptionals", SampleReports.noOptionals),
    ])
    func validatesAgainstShippedSchema(name: String, report: Report) throws {
        let xml = try encoder.encode(report)
        #expect(isWellFormedForLibXML2(xml))
        let problems = try XMLSchemaValidator().validateReport(xml)
        #expect(problems == [], "\(name): \(problems)")
    }

    @Test("every field of the model survives the round trip through XML", arguments: [
        SampleReports.full, SampleReports.minimal, SampleReports.noOptionals,
    ])
    func everyFieldRoundTrips(report: Report) throws {
        let root = try SafeXMLReader().parse(try encoder.encode(report))
        #expect(decodeReport(root) == report)
    }

    @Test("the minimal report has exactly the documented shape")
    func minimalShape() throws {
        let xml = try encoder.encodeString(SampleReports.minimal)
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <report xmlns="urn:ramguard:report:1" schemaVersion="1" generatedAt="2026-11-28T09:30:00.125Z" command="check" decision="Allow">
              <tool name="ramguard" version="1.0.0"/>
              <policies/>
              <layers/>
              <statements/>
              <missingKeys/>
              <assumptions/>
              <errors/>
              <warnings/>
            </report>

            """)
    }

    @Test("scalars are attributes, lists are wrappers, statement source lines are text, nil optionals are omitted")
    func fullShape() throws {
        let xml = try encoder.encodeString(SampleReports.full)
        let expectedFragments = [
            #"<report xmlns="urn:ramguard:report:1" schemaVersion="1" generatedAt="2026-11-28T09:30:00Z" command="check" decision="ExplicitDeny" deniedBy="identity">"#,
            #"  <request action="oss:GetObject" resource="acs:oss:*:123456:bucket/key.txt" evaluatedResource="acs:oss:*:123456:bucket/key.txt">"#,
            #"        <value>192.0.2.1</value>"#,
            #"      <entry key="acs:MFAPresent" source="user"/>"#,
            #"    <policy file="policies/scp.json" layer="control" statementCount="0" characters="0" valid="false"/>"#,
            #"    <layer name="session" decision="NotEvaluated"/>"#,
            #"    <statement layer="identity" file="policies/identity.json" index="1" sid="DenyOutsideOffice" effect="Deny">"#,
            #"      <location file="policies/identity.json" line="9" column="5" endLine="14" endColumn="6" path="Statement[1]"/>"#,
            #"        <line number="10">      "Sid": "DenyOutsideOffice",</line>"#,
            #"    <key>oss:Prefix</key>"#,
            #"    <assumption id="U2" title="All-Resources actions compare against *">"#,
            #"    <diagnostic severity="warning" code="UnknownConditionKey" name="Unknown condition key">"#,
        ]
        let lines = Set(xml.split(separator: "\n").map(String.init))
        for fragment in expectedFragments {
            #expect(lines.contains(fragment), "missing line: \(fragment)")
        }
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report "))
        #expect(xml.hasSuffix("</report>\n"))

        let bare = try encoder.encodeString(SampleReports.noOptionals)
        for absent in ["deniedBy=", "<request", "sid=", "endLine=", "endColumn="] {
            #expect(!bare.contains(absent), "\(absent) should be omitted when nil")
        }
        // The assumption without location has only its detail.
        let assumption = try #require(try SafeXMLReader().parse(bare).child("assumptions")?.child("assumption"))
        #expect(assumption.children.map(\.name) == ["detail"])
    }

    @Test("encoding is deterministic and the String form equals the bytes")
    func deterministic() throws {
        let first = try encoder.encode(SampleReports.full)
        #expect(try encoder.encode(SampleReports.full) == first)
        #expect(Array(try encoder.encodeString(SampleReports.full).utf8) == first)
    }

    @Test("characters outside XML 1.0 become visible \\u{…} escapes")
    func escapeFunction() {
        #expect(XMLReportEncoder.escapeNonXMLCharacters("plain <&> text 中文 🛡️") == "plain <&> text 中文 🛡️")
        #expect(XMLReportEncoder.escapeNonXMLCharacters("a\u{0}b\u{1}c\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}z")
            == #"a\u{0}b\u{1}c\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}z"#)
        // TAB, LF, CR, DEL, C1 controls, private use, non-characters other than FFFE/FFFF and astral scalars are XML chars.
        var allowed = String.UnicodeScalarView()
        for value: UInt32 in [0x9, 0xA, 0xD, 0x20, 0x7F, 0x85, 0xD7FF, 0xE000, 0xFDD0, 0xFFFD, 0x10000, 0x1FFFE, 0x10FFFF] {
            allowed.append(Unicode.Scalar(value)!)
        }
        #expect(XMLReportEncoder.escapeNonXMLCharacters(String(allowed)) == String(allowed))
    }

    /// The byte-level pre-check agrees with the scalar definition for every scalar of the Basic
    /// Multilingual Plane and the edges of the others, alone and between other text.
    @Test("the byte-level check finds exactly the characters XML cannot carry")
    func byteCheckMatchesScalarDefinition() {
        var values = Array(UInt32(0)...0xFFFF).filter { !(0xD800...0xDFFF).contains($0) }
        values += [0x10000, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF]
        for value in values {
            let scalar = Unicode.Scalar(value)!
            let text = "ab" + String(scalar) + "cd"
            #expect(XMLReportEncoder.mayHoldNonXMLCharacters(text) == !XMLReportEncoder.isXMLChar(scalar), "U+\(String(value, radix: 16))")
        }
    }

    static let hostileText = "a<b & c \"quoted\" 'single' ]]> <![CDATA[x]]> &amp; &#1; "
        + "emoji 👩‍👩‍👧 🛡️ 𝄞; CJK 访问控制策略 拒绝; RTL مرحبا שלום \u{202E}gnp.exe; "
        + "controls \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}|\u{FFFE}\u{FFFF}; tab\tline\ncr\rcrlf\r\n end \u{7F}\u{85}\u{2028} "

    @Test("hostile policy text is well-formed after encoding and round-trips with the documented escape")
    func hostileTextRoundTrips() throws {
        let hostile = Self.hostileText
        let expected = XMLReportEncoder.escapeNonXMLCharacters(hostile)
        #expect(expected.contains(#"controls \u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}|\u{fffe}\u{ffff};"#))

        var report = SampleReports.full
        report.command = hostile
        report.request?.resource = hostile
        report.request?.context[0].values = [hostile, ""]
        report.statements[0].sid = hostile
        report.statements[0].file = hostile
        report.statements[0].location.path = hostile
        report.statements[0].source = [SourceLine(line: 1, text: hostile), SourceLine(line: 2, text: "   ")]
        report.missingKeys = [hostile]
        report.assumptions[0].title = hostile
        report.assumptions[0].detail = hostile
        report.errors[0].message = hostile
        report.errors[0].remedy = hostile

        let xml = try encoder.encode(report)

        // Well-formed for libxml2 itself, and valid against the schema.
        #expect(isWellFormedForLibXML2(xml))
        #expect(try XMLSchemaValidator().validateReport(xml) == [])

        // No raw character that XML 1.0 forbids made it into the bytes.
        let forbiddenBytes = xml.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        #expect(forbiddenBytes.isEmpty)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
        #expect(!text.contains("]]>"))  // `]]>` is not allowed raw in character data

        // Every slot, attribute or text, reads back as the escaped original.
        let root = try SafeXMLReader().parse(xml)
        let decoded = try #require(decodeReport(root))
        #expect(decoded.command == expected)
        #expect(decoded.request?.resource == expected)
        #expect(decoded.request?.context[0].values == [expected, ""])
        #expect(decoded.statements[0].sid == expected)
        #expect(decoded.statements[0].file == expected)
        #expect(decoded.statements[0].location.path == expected)
        #expect(decoded.statements[0].source == [SourceLine(line: 1, text: expected), SourceLine(line: 2, text: "   ")])
        #expect(decoded.missingKeys == [expected])
        #expect(decoded.assumptions[0].title == expected)
        #expect(decoded.assumptions[0].detail == expected)
        #expect(decoded.errors[0].message == expected)
        #expect(decoded.errors[0].remedy == expected)
    }

    @Test("text that is only XML-safe round-trips exactly, including CR, TAB and leading spaces")
    func exactRoundTripWithoutControls() throws {
        let text = "  \t<x a=\"1\">&nbsp;</x>\r\n]]>\r 你好 🙂 \u{5D0}\u{5D1} "
        #expect(XMLReportEncoder.escapeNonXMLCharacters(text) == text)
        var report = SampleReports.noOptionals
        report.statements[0].source = [SourceLine(line: 7, text: text)]
        report.statements[0].sid = text
        let decoded = try #require(decodeReport(try SafeXMLReader().parse(try encoder.encode(report))))
        #expect(decoded.statements[0].source[0].text == text)
        #expect(decoded.statements[0].sid == text)
    }

    @Test("the encoder is usable from many tasks at once")
    func concurrentEncoding() async throws {
        let expected = try encoder.encode(SampleReports.full)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<32 {
                group.addTask { try XMLReportEncoder().encode(SampleReports.full) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }
}
