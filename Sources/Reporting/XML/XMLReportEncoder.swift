internal import CLibXML2
import XMLKit

/// Writes a ``Report`` as XML in the namespace `urn:ramguard:report:1`, valid against the bundled
/// `ramguard-report.xsd` (see ``XMLSchemaValidator/reportSchema``).
///
/// Why XML at all: CI systems and governance tools that cannot read ramguard's JSON can read XML and check
/// it against a published XSD. Why libxml2's `xmlTextWriter`: it produces indented UTF-8 output with an XML
/// declaration and escapes attribute values (`<`, `&`, `"`, TAB, LF, CR) for us; element text is escaped
/// for `&`, `<`, `>` and CR only, so quotes in policy source lines stay readable.
///
/// ## Shape
/// Scalars are attributes, lists are wrapper elements (always present, possibly empty), free text
/// (messages, details, source lines, context values) is element content:
///
/// ```xml
/// <report xmlns="urn:ramguard:report:1" schemaVersion="1" generatedAt="…" command="check"
///         decision="ExplicitDeny" deniedBy="identity">
///   <tool name="ramguard" version="1.0.0"/>
///   <request action="…" resource="…" evaluatedResource="…">
///     <context><entry key="acs:SourceIp" source="user"><value>192.0.2.1</value></entry></context>
///   </request>
///   <policies><policy file="…" layer="identity" statementCount="2" characters="310" valid="true"/></policies>
///   <layers><layer name="identity" decision="ExplicitDeny"/></layers>
///   <statements>
///     <statement layer="identity" file="…" index="1" sid="…" effect="Deny">
///       <location file="…" line="9" column="5" endLine="14" endColumn="6" path="Statement[1]"/>
///       <source><line number="9">{</line>…</source>
///     </statement>
///   </statements>
///   <missingKeys><key>acs:MFAPresent</key></missingKeys>
///   <assumptions><assumption id="U2" title="…"><detail>…</detail><location …/></assumption></assumptions>
///   <errors><diagnostic severity="error" code="…" name="…"><message>…</message><remedy>…</remedy><location …/></diagnostic></errors>
///   <warnings>…same as errors, severity="warning"…</warnings>
///   <!-- preflight and submit only: -->
///   <preflight><check id="credentials.found" title="…" severity="blocking" status="pass"><message>…</message><remedy>…</remedy><detail>…</detail></check></preflight>
///   <submission endpoint="…" signatureVersion="v3" workflowId="…" dryRun="false">
///     <credential accessKeyId="LTAI****Id" kind="long-term" source="…"/>
///     <httpRequest method="POST" url="…"><header name="…">…</header></httpRequest>   (dry run)
///     <attempts><attempt number="1" result="success" httpStatus="200" elapsedMilliseconds="4"/></attempts>
///     <note>…</note><summary>…</summary>
///   </submission>
///   <error kind="service" code="Forbidden.RAM" httpStatus="403" requestId="…"><message>…</message>
///     <accessDenied noPermissionType="ExplicitDeny" decision="ExplicitDeny" layer="identity" …>
///       <serviceContext>…</serviceContext><servicePolicies>…</servicePolicies><statements>…</statements><explanation>…</explanation>
///     </accessDenied>
///   </error>
/// </report>
/// ```
///
/// The report element also carries `outcome`, `requestId` and `taskId` for `submit`.
/// `LayerResult.layer` is written as `<layer name="…">`, `SourceLine.line` as `<line number="…">`; every other
/// attribute or element has its model property's name. Optional properties that are `nil` are omitted.
///
/// ## Characters XML cannot carry
/// Policy text can contain anything, but XML 1.0 cannot carry U+0000–U+0008, U+000B, U+000C,
/// U+000E–U+001F, U+FFFE or U+FFFF, not even as character references, and libxml2 would write them raw
/// (making the document unreadable). Every such scalar is therefore replaced by a visible Swift-style escape,
/// `\u{` + lowercase hex + `}` (U+0001 → `\u{1}`, U+001F → `\u{1f}`, U+FFFE → `\u{fffe}`). The replacement is
/// deliberately visible rather than silent, but not reversible: text that already contained a literal `\u{1}`
/// reads the same. The JSON report carries such text exactly.
///
/// The encoder writes what the model holds; it does not check vocabularies (decision, layer, severity …).
/// A report built by ramguard validates; use ``XMLSchemaValidator`` to check one built elsewhere.
public struct XMLReportEncoder: Sendable {
    /// The XML namespace of every element of the report.
    public static let namespace = "urn:ramguard:report:1"

    public init() {}

    /// The report as a UTF-8 XML document (with declaration, two-space indentation, final newline).
    ///
    /// - Throws: ``XMLEncodingError`` only when libxml2 fails (out of memory); the report's content cannot make
    ///   encoding fail.
    public func encode(_ report: Report) throws(XMLEncodingError) -> [UInt8] {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw .resourceUnavailable("an output buffer")
        }
        defer { xmlBufferFree(buffer) }
        guard let handle = xmlNewTextWriterMemory(buffer, 0) else {
            throw .resourceUnavailable("a text writer")
        }
        do {
            // Freeing the writer flushes it into the buffer, so it must happen before the buffer is read.
            defer { xmlFreeTextWriter(handle) }
            try ReportWriter(writer: TextWriter(handle: handle)).write(report)
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        let count = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: max(0, count)))
    }

    /// The same document as ``encode(_:)``, as a `String`, for printing or embedding.
    public func encodeString(_ report: Report) throws(XMLEncodingError) -> String {
        String(decoding: try encode(report), as: UTF8.self)
    }

    /// `text` with every Unicode scalar outside the XML 1.0 `Char` production
    /// (`#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`) replaced by `\u{hex}`.
    ///
    /// Public so that consumers (and tests) can predict exactly what a report will contain for a given input.
    public static func escapeNonXMLCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isXMLChar(scalar) {
                result.append(scalar)
            } else {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(result)
    }

    /// Whether XML 1.0 can carry `scalar` (surrogates cannot occur in a Swift `Unicode.Scalar`).
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}

/// Walks the model in schema order. Lives only inside ``XMLReportEncoder/encode(_:)``.
private struct ReportWriter {
    let writer: TextWriter

    func write(_ report: Report) throws(XMLEncodingError) {
        try writer.startDocument()
        try writer.startRootElement("report", namespace: XMLReportEncoder.namespace)
        try writer.attribute("schemaVersion", report.schemaVersion)
        try writer.attribute("generatedAt", report.generatedAt)
        try writer.attribute("command", report.command)
        try writer.attribute("decision", report.decision)
        try writer.attribute("deniedBy", report.deniedBy)
        try writer.attribute("outcome", report.outcome)
        try writer.attribute("requestId", report.requestId)
        try writer.attribute("taskId", report.taskId)

        try writer.element("tool") { () throws(XMLEncodingError) in
            try writer.attribute("name", report.tool.name)
            try writer.attribute("version", report.tool.version)
        }
        if let request = report.request {
            try write(request)
        }
        try writer.element("policies") { () throws(XMLEncodingError) in
            for policy in report.policies {
                try writer.element("policy") { () throws(XMLEncodingError) in
                    try writer.attribute("file", policy.file)
                    try writer.attribute("layer", policy.layer)
                    try writer.attribute("statementCount", String(policy.statementCount))
                    try writer.attribute("characters", String(policy.characters))
                    try writer.attribute("valid", policy.valid ? "true" : "false")
                }
            }
        }
        try writer.element("layers") { () throws(XMLEncodingError) in
            for layer in report.layers {
                try writer.element("layer") { () throws(XMLEncodingError) in
                    try writer.attribute("name", layer.layer)
                    try writer.attribute("decision", layer.decision)
                }
            }
        }
        try writer.element("statements") { () throws(XMLEncodingError) in
            for statement in report.statements {
                try write(statement)
            }
        }
        try writer.element("missingKeys") { () throws(XMLEncodingError) in
            for key in report.missingKeys {
                try writer.textElement("key", key)
            }
        }
        try writer.element("assumptions") { () throws(XMLEncodingError) in
            for assumption in report.assumptions {
                try writer.element("assumption") { () throws(XMLEncodingError) in
                    try writer.attribute("id", assumption.id)
                    try writer.attribute("title", assumption.title)
                    try writer.textElement("detail", assumption.detail)
                    if let location = assumption.location {
                        try write(location)
                    }
                }
            }
        }
        try writer.element("errors") { () throws(XMLEncodingError) in
            for diagnostic in report.errors {
                try write(diagnostic)
            }
        }
        try writer.element("warnings") { () throws(XMLEncodingError) in
            for diagnostic in report.warnings {
                try write(diagnostic)
            }
        }
        if let preflight = report.preflight {
            try writer.element("preflight") { () throws(XMLEncodingError) in
                for check in preflight {
                    try write(check)
                }
            }
        }
        if let submission = report.submission {
            try write(submission)
        }
        if let error = report.error {
            try write(error)
        }
        try writer.endElement("report")
        try writer.endDocument()
    }

    private func write(_ request: RequestInfo) throws(XMLEncodingError) {
        try writer.element("request") { () throws(XMLEncodingError) in
            try writer.attribute("action", request.action)
            try writer.attribute("resource", request.resource)
            try writer.attribute("evaluatedResource", request.evaluatedResource)
            try writer.element("context") { () throws(XMLEncodingError) in
                for entry in request.context {
                    try write(entry)
                }
            }
        }
    }

    private func write(_ entry: ContextEntry) throws(XMLEncodingError) {
        try writer.element("entry") { () throws(XMLEncodingError) in
            try writer.attribute("key", entry.key)
            try writer.attribute("source", entry.source)
            for value in entry.values {
                try writer.textElement("value", value)
            }
        }
    }

    private func write(_ statement: StatementRef) throws(XMLEncodingError) {
        try writer.element("statement") { () throws(XMLEncodingError) in
            try writer.attribute("layer", statement.layer)
            try writer.attribute("file", statement.file)
            try writer.attribute("index", String(statement.index))
            try writer.attribute("sid", statement.sid)
            try writer.attribute("effect", statement.effect)
            try write(statement.location)
            try writer.element("source") { () throws(XMLEncodingError) in
                for line in statement.source {
                    try writer.element("line") { () throws(XMLEncodingError) in
                        try writer.attribute("number", String(line.line))
                        try writer.text(line.text)
                    }
                }
            }
        }
    }

    private func write(_ location: Location) throws(XMLEncodingError) {
        try writer.element("location") { () throws(XMLEncodingError) in
            try writer.attribute("file", location.file)
            try writer.attribute("line", String(location.line))
            try writer.attribute("column", String(location.column))
            try writer.attribute("endLine", location.endLine.map { String($0) })
            try writer.attribute("endColumn", location.endColumn.map { String($0) })
            try writer.attribute("path", location.path)
        }
    }

    private func write(_ check: PreflightCheckInfo) throws(XMLEncodingError) {
        try writer.element("check") { () throws(XMLEncodingError) in
            try writer.attribute("id", check.id)
            try writer.attribute("title", check.title)
            try writer.attribute("severity", check.severity)
            try writer.attribute("status", check.status)
            try writer.textElement("message", check.message)
            if let remedy = check.remedy {
                try writer.textElement("remedy", remedy)
            }
            for detail in check.details {
                try writer.textElement("detail", detail)
            }
        }
    }

    private func write(_ submission: SubmissionInfo) throws(XMLEncodingError) {
        try writer.element("submission") { () throws(XMLEncodingError) in
            try writer.attribute("endpoint", submission.endpoint)
            try writer.attribute("signatureVersion", submission.signatureVersion)
            try writer.attribute("workflowId", submission.workflowId)
            try writer.attribute("mediaId", submission.mediaId)
            try writer.attribute("dryRun", submission.dryRun ? "true" : "false")
            try writer.attribute("journal", submission.journal)
            if let credential = submission.credential {
                try writer.element("credential") { () throws(XMLEncodingError) in
                    try writer.attribute("accessKeyId", credential.accessKeyId)
                    try writer.attribute("kind", credential.kind)
                    try writer.attribute("source", credential.source)
                }
            }
            if let request = submission.httpRequest {
                try writer.element("httpRequest") { () throws(XMLEncodingError) in
                    try writer.attribute("method", request.method)
                    try writer.attribute("url", request.url)
                    for header in request.headers {
                        try writer.element("header") { () throws(XMLEncodingError) in
                            try writer.attribute("name", header.name)
                            try writer.text(header.value)
                        }
                    }
                }
            }
            try writer.element("attempts") { () throws(XMLEncodingError) in
                for attempt in submission.attempts {
                    try writer.element("attempt") { () throws(XMLEncodingError) in
                        try writer.attribute("number", String(attempt.number))
                        try writer.attribute("result", attempt.result)
                        try writer.attribute("httpStatus", attempt.httpStatus.map { String($0) })
                        try writer.attribute("code", attempt.code)
                        try writer.attribute("requestId", attempt.requestId)
                        try writer.attribute("elapsedMilliseconds", String(attempt.elapsedMilliseconds))
                        try writer.attribute("retryDelayMilliseconds", attempt.retryDelayMilliseconds.map { String($0) })
                    }
                }
            }
            for note in submission.notes {
                try writer.textElement("note", note)
            }
            try writer.textElement("summary", submission.summary)
        }
    }

    private func write(_ error: SubmissionErrorInfo) throws(XMLEncodingError) {
        try writer.element("error") { () throws(XMLEncodingError) in
            try writer.attribute("kind", error.kind)
            try writer.attribute("code", error.code)
            try writer.attribute("httpStatus", error.httpStatus.map { String($0) })
            try writer.attribute("requestId", error.requestId)
            try writer.attribute("hostId", error.hostId)
            try writer.attribute("recommend", error.recommend)
            if let message = error.message {
                try writer.textElement("message", message)
            }
            if let denied = error.accessDenied {
                try writer.element("accessDenied") { () throws(XMLEncodingError) in
                    try writer.attribute("policyType", denied.policyType)
                    try writer.attribute("noPermissionType", denied.noPermissionType)
                    try writer.attribute("authAction", denied.authAction)
                    try writer.attribute("authPrincipalType", denied.authPrincipalType)
                    try writer.attribute("authPrincipalOwnerId", denied.authPrincipalOwnerId)
                    try writer.attribute("authPrincipalDisplayName", denied.authPrincipalDisplayName)
                    try writer.attribute("decision", denied.decision)
                    try writer.attribute("layer", denied.layer)
                    if let encoded = denied.encodedDiagnosticMessage {
                        try writer.textElement("encodedDiagnosticMessage", encoded)
                    }
                    try writer.element("serviceContext") { () throws(XMLEncodingError) in
                        for entry in denied.serviceContext {
                            try write(entry)
                        }
                    }
                    try writer.element("servicePolicies") { () throws(XMLEncodingError) in
                        for policy in denied.servicePolicies {
                            try writer.textElement("policy", policy)
                        }
                    }
                    try writer.element("statements") { () throws(XMLEncodingError) in
                        for statement in denied.statements {
                            try write(statement)
                        }
                    }
                    try writer.textElement("explanation", denied.explanation)
                }
            }
        }
    }

    private func write(_ diagnostic: DiagnosticInfo) throws(XMLEncodingError) {
        try writer.element("diagnostic") { () throws(XMLEncodingError) in
            try writer.attribute("severity", diagnostic.severity)
            try writer.attribute("code", diagnostic.code)
            try writer.attribute("name", diagnostic.name)
            try writer.textElement("message", diagnostic.message)
            try writer.textElement("remedy", diagnostic.remedy)
            try write(diagnostic.location)
        }
    }
}

/// A thin, checked layer over one `xmlTextWriterPtr`. Not Sendable and never stored: it exists only during
/// one ``XMLReportEncoder/encode(_:)`` call. Every value passes through
/// ``XMLReportEncoder/escapeNonXMLCharacters(_:)`` before libxml2 sees it; element and attribute names are
/// ASCII literals from this file.
private struct TextWriter {
    let handle: xmlTextWriterPtr

    func startDocument() throws(XMLEncodingError) {
        try check(xmlTextWriterSetIndent(handle, 1), "xmlTextWriterSetIndent", "the document")
        try check(xmlTextWriterSetIndentString(handle, "  "), "xmlTextWriterSetIndentString", "the document")
        try check(xmlTextWriterStartDocument(handle, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument", "the XML declaration")
    }

    func endDocument() throws(XMLEncodingError) {
        try check(xmlTextWriterEndDocument(handle), "xmlTextWriterEndDocument", "the end of the document")
    }

    /// The root element with its default namespace declaration written first (`xmlTextWriterStartElementNS`
    /// would put `xmlns` after all other attributes, which is harder to read).
    func startRootElement(_ name: String, namespace: String) throws(XMLEncodingError) {
        try check(xmlTextWriterStartElement(handle, name), "xmlTextWriterStartElement", "<\(name)>")
        try check(xmlTextWriterWriteAttribute(handle, "xmlns", namespace), "xmlTextWriterWriteAttribute", "the namespace declaration")
    }

    func endElement(_ name: String) throws(XMLEncodingError) {
        try check(xmlTextWriterEndElement(handle), "xmlTextWriterEndElement", "</\(name)>")
    }

    /// `<name …>body</name>`; the body writes attributes first, then children.
    func element(_ name: String, _ body: () throws(XMLEncodingError) -> Void) throws(XMLEncodingError) {
        try check(xmlTextWriterStartElement(handle, name), "xmlTextWriterStartElement", "<\(name)>")
        try body()
        try endElement(name)
    }

    /// `<name>text</name>` (or `<name/>` for empty text).
    func textElement(_ name: String, _ value: String) throws(XMLEncodingError) {
        try element(name) { () throws(XMLEncodingError) in try text(value) }
    }

    func attribute(_ name: String, _ value: String) throws(XMLEncodingError) {
        let safe = XMLReportEncoder.escapeNonXMLCharacters(value)
        try check(xmlTextWriterWriteAttribute(handle, name, safe), "xmlTextWriterWriteAttribute", "attribute \(name)")
    }

    /// Writes the attribute only when there is a value: optional model properties are omitted when `nil`.
    func attribute(_ name: String, _ value: String?) throws(XMLEncodingError) {
        if let value {
            try attribute(name, value)
        }
    }

    /// Element content. `xmlTextWriterWriteString` would also turn every `"` into `&quot;`, which makes the
    /// JSON source lines in a report hard to read, so the text is escaped here instead — exactly the
    /// characters character data requires: `&`, `<`, `>` (so `]]>` cannot occur) and CR (so it survives the
    /// parser's line-end normalisation) — and written with `xmlTextWriterWriteRaw`, which keeps the writer's
    /// state and indentation handling identical to `xmlTextWriterWriteString`.
    func text(_ value: String) throws(XMLEncodingError) {
        guard !value.isEmpty else { return }
        let safe = Self.escapeCharacterData(XMLReportEncoder.escapeNonXMLCharacters(value))
        try check(xmlTextWriterWriteRaw(handle, safe), "xmlTextWriterWriteRaw", "element text")
    }

    static func escapeCharacterData(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x0D })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func check(_ result: Int32, _ call: String, _ context: String) throws(XMLEncodingError) {
        if result < 0 {
            throw .writeFailed(call, at: context)
        }
    }
}
