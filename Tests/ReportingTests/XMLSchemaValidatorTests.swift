import Foundation
import Reporting
import Testing

/// One way to break a valid report: replace `find` (which must occur) by `replace`.
struct ReportMutation: Sendable, CustomTestStringConvertible {
    let name: String
    let find: String
    let replace: String
    /// Mutate `SampleReports.noOptionals` instead of `SampleReports.full`.
    var onNoOptionals = false
    var testDescription: String { name }
}

@Suite("XMLSchemaValidator")
struct XMLSchemaValidatorTests {
    let validator = XMLSchemaValidator()

    var fullReportXML: String {
        get throws { try XMLReportEncoder().encodeString(SampleReports.full) }
    }

    @Test("the report schema is bundled and is the urn:ramguard:report:1 XSD")
    func bundledSchema() {
        let schema = String(decoding: XMLSchemaValidator.reportSchema, as: UTF8.self)
        #expect(schema.hasPrefix("<?xml"))
        #expect(schema.contains(#"targetNamespace="urn:ramguard:report:1""#))
        #expect(schema.contains(#"elementFormDefault="qualified""#))
    }

    @Test("decision=\"Maybe\" is reported on the line of the report element")
    func invalidDecision() throws {
        let xml = try fullReportXML.replacingOccurrences(of: #"decision="ExplicitDeny" deniedBy"#, with: #"decision="Maybe" deniedBy"#)
        let problems = try validator.validateReport(Array(xml.utf8))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.kind == .schemaViolation)
        #expect(problem.line == 2)
        #expect(problem.message.contains("'decision'"))
        #expect(problem.message.contains("Maybe"))
    }

    @Test("a missing required attribute is reported with the element's line")
    func missingRequiredAttribute() throws {
        let valid = try fullReportXML
        let xml = valid.replacingOccurrences(of: #" index="1""#, with: "")
        #expect(xml != valid)
        let statementLine = try #require(lineNumber(of: "<statement ", in: xml))
        let problems = try validator.validateReport(Array(xml.utf8))
        #expect(problems.map(\.line) == [statementLine])
        #expect(problems.first?.message.contains("'index' is required but missing") == true)
    }

    @Test("a hand-written report with several mistakes gets one problem per mistake, each on its line")
    func severalProblemsFixture() throws {
        let problems = try validator.validateReport(try fixture("report-invalid.xml"))
        #expect(problems.allSatisfy { $0.kind == .schemaViolation })
        // decision="Maybe" (2), statement without index (11), line="0" (12), severity="warning" in errors (19)
        #expect(problems.compactMap(\.line).sorted() == [2, 11, 12, 19], "\(problems)")
    }

    static let mutations: [ReportMutation] = [
        .init(name: "unknown report decision", find: #"decision="ExplicitDeny" deniedBy"#, replace: #"decision="Deny" deniedBy"#),
        .init(name: "decision with trailing space", find: #"decision="ExplicitDeny" deniedBy"#, replace: #"decision="ExplicitDeny " deniedBy"#),
        .init(name: "unknown deniedBy layer", find: #"deniedBy="identity""#, replace: #"deniedBy="admin""#),
        .init(name: "wrong schemaVersion", find: #"schemaVersion="1""#, replace: #"schemaVersion="2""#),
        .init(name: "generatedAt not UTC", find: #"generatedAt="2026-11-28T09:30:00Z""#, replace: #"generatedAt="2026-11-28T17:30:00+08:00""#),
        .init(name: "generatedAt not a time", find: #"generatedAt="2026-11-28T09:30:00Z""#, replace: #"generatedAt="yesterday""#),
        .init(name: "empty command", find: #"command="check""#, replace: #"command="""#),
        .init(name: "missing decision", find: #" decision="ExplicitDeny" deniedBy"#, replace: " deniedBy"),
        .init(name: "wrong namespace", find: #"xmlns="urn:ramguard:report:1""#, replace: #"xmlns="urn:ramguard:report:2""#),
        .init(name: "unknown attribute", find: #"<tool name="ramguard""#, replace: #"<tool colour="red" name="ramguard""#),
        .init(name: "missing tool", find: #"<tool name="ramguard" version="1.2.3-beta+7"/>"#, replace: ""),
        .init(name: "unknown element", find: "<missingKeys>", replace: "<extra/><missingKeys>"),
        .init(name: "wrappers out of order", find: "<missingKeys>", replace: "<warnings/><missingKeys>"),
        .init(name: "unknown context source", find: #"source="default""#, replace: #"source="env""#),
        .init(name: "negative statement count", find: #"statementCount="2""#, replace: #"statementCount="-2""#),
        .init(name: "non-boolean valid", find: #"valid="true""#, replace: #"valid="yes""#),
        .init(name: "unknown policy layer", find: #"layer="control" statementCount"#, replace: #"layer="resource" statementCount"#),
        .init(name: "unknown layer decision", find: #"decision="NotEvaluated""#, replace: #"decision="Skipped""#),
        .init(name: "same layer twice", find: #"<layer name="session""#, replace: #"<layer name="control""#),
        .init(name: "unknown effect", find: #"effect="Deny""#, replace: #"effect="Permit""#),
        .init(name: "negative statement index", find: #"index="1""#, replace: #"index="-1""#),
        .init(name: "line zero", find: #"line="9""#, replace: #"line="0""#),
        .init(name: "column not a number", find: #"column="5""#, replace: #"column="five""#),
        .init(name: "source line without number", find: #"<line number="9">"#, replace: "<line>"),
        .init(name: "statement without location", find: #"<location file="policies/identity.json" line="9" column="5" endLine="14" endColumn="6" path="Statement[1]"/>"#, replace: ""),
        .init(name: "warning severity in errors", find: #"severity="error""#, replace: #"severity="warning""#),
        .init(name: "error severity in warnings", find: #"severity="warning""#, replace: #"severity="error""#),
        .init(name: "diagnostic code with spaces", find: #"code="InvalidVersion""#, replace: #"code="Invalid Version""#),
        .init(name: "detail twice", find: "</detail>", replace: "</detail><detail/>"),
        .init(name: "assumption without detail", find: "<detail/>", replace: "", onNoOptionals: true),
        .init(name: "diagnostic without remedy", find: "<remedy/>", replace: "", onNoOptionals: true),
        .init(name: "statement without source wrapper", find: "<source/>", replace: "", onNoOptionals: true),
    ]

    @Test("documents that break the schema are invalid", arguments: mutations)
    func mutationsAreRejected(_ mutation: ReportMutation) throws {
        let valid = try XMLReportEncoder().encodeString(mutation.onNoOptionals ? SampleReports.noOptionals : SampleReports.full)
        #expect(try validator.validateReport(Array(valid.utf8)) == [])
        #expect(valid.contains(mutation.find), "mutation does not apply")
        let xml = valid.replacingOccurrences(of: mutation.find, with: mutation.replace)
        let problems = try validator.validateReport(Array(xml.utf8))
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.kind == .schemaViolation && ($0.line ?? 0) > 0 }, "\(problems)")
    }

    @Test("a document that is not well-formed yields one problem with its position")
    func notWellFormed() throws {
        let xml = "<?xml version=\"1.0\"?>\n<report xmlns=\"urn:ramguard:report:1\">\n  <tool>\n</report>\n"
        let problems = try validator.validateReport(Array(xml.utf8))
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .notWellFormed)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.column != nil)
    }

    @Test("a document with a DOCTYPE is refused, and no entity is expanded")
    func doctypeRefused() throws {
        let problems = try validator.validate(document: try fixture("xxe.xml"), schema: XMLSchemaValidator.reportSchema)
        #expect(problems.map(\.kind) == [.doctypeForbidden])
        #expect(problems.first?.line == 2)
    }

    @Test("an oversized document is not parsed")
    func tooLarge() throws {
        let small = XMLSchemaValidator(maxDocumentBytes: 100)
        let problems = try small.validateReport(try XMLReportEncoder().encode(SampleReports.minimal))
        #expect(problems.map(\.kind) == [.tooLarge])
    }

    @Test("the validator is general: JUnit XML against the JUnit XSD")
    func junit() throws {
        let schema = try fixture("junit.xsd")
        #expect(try validator.validate(document: try fixture("junit-valid.xml"), schema: schema) == [])
        let problems = try validator.validate(document: try fixture("junit-invalid.xml"), schema: schema)
        // tests="two" (line 2), testcase without name (line 4)
        #expect(problems.compactMap(\.line).sorted() == [2, 4], "\(problems)")
    }

    @Test("a small inline schema works too")
    func inlineSchema() throws {
        let schema = Array("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="n" type="xs:positiveInteger"/>
            </xs:schema>
            """.utf8)
        #expect(try validator.validate(document: Array("<n>3</n>".utf8), schema: schema) == [])
        let problems = try validator.validate(document: Array("\n\n<n>0</n>".utf8), schema: schema)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
    }

    @Test("an unusable schema throws instead of judging the document", arguments: [
        ("not XML", "this is not a schema"),
        ("not an XSD", #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element type="xs:string"/></xs:schema>"#),
        ("unknown type", #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="xs:nope"/></xs:schema>"#),
    ])
    func brokenSchema(name: String, schema: String) throws {
        let error = #expect(throws: XMLSchemaError.self) {
            try validator.validate(document: Array("<a/>".utf8), schema: Array(schema.utf8))
        }
        #expect(error?.kind == .invalidSchema, "\(name)")
        #expect(error?.problems.isEmpty == false, "\(name)")
        #expect(error?.problems.allSatisfy { $0.line != nil } == true, "\(name)")
    }

    @Test("an empty schema is reported as unavailable")
    func emptySchema() {
        let error = #expect(throws: XMLSchemaError.self) {
            try validator.validate(document: Array("<a/>".utf8), schema: [])
        }
        #expect(error?.kind == .schemaUnavailable)
    }

    @Test("validations run concurrently without mixing up their problems")
    func concurrentValidation() async throws {
        let valid = try XMLReportEncoder().encode(SampleReports.full)
        let invalid = Array(try fullReportXML.replacingOccurrences(of: #"effect="Deny""#, with: #"effect="Permit""#).utf8)
        let counts = try await withThrowingTaskGroup(of: (Bool, Int).self) { group in
            for index in 0..<24 {
                let isValid = index.isMultiple(of: 2)
                group.addTask { (isValid, try XMLSchemaValidator().validateReport(isValid ? valid : invalid).count) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.count == 24)
        #expect(counts.allSatisfy { $0.0 ? $0.1 == 0 : $0.1 == 1 })
    }
}
