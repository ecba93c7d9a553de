
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
///   <!-- lint, audit, explain and diff only: -->
///   <summary files="3" identities="2" suppressed="1" baselined="0" durationMs="12">
///     <findings><count name="error" value="1"/>…</findings><checks><count name="always" value="2"/>…</checks>
///   </summary>
///   <gate threshold="warning" failed="true"><failOn>WildcardAction</failOn><reason>…</reason></gate>
///   <findings>
///     <finding code="…" severity="warning" title="…" file="…" line="4" column="7" endLine="4" endColumn="12" path="…" fingerprint="…">
///       <help>…</help><message>…</message><remedy>…</remedy>
///       <snippet><line number="4">…</line></snippet>
///       <related><relatedLocation file="…" line="9" column="5" path="…"><message>…</message></relatedLocation></related>
///       <suppressed kind="config">the reason</suppressed>
///     </finding>
///   </findings>
///   <audit>
///     <identityAudit identity="vod-pipeline"><policies>…</policies><checks>
///       <accessCheck action="…" resource="*" verdict="conditional" expected="granted" passed="true"><summary>…</summary><statements>…</statements></accessCheck>
///     </checks></identityAudit>
///   </audit>
///   <explanation action="…" resource="*" verdict="conditional" examplesConfirmed="true"><summary>…</summary>
///     <allowedWhen><conjunction><constraint>…</constraint></conjunction></allowedWhen>
///     <exceptions><exception><constraint>…</constraint><statement …>…</statement></exception></exceptions>
///     <allowedExample><entry key="…"><value>…</value></entry></allowedExample><deniedExample>…</deniedExample>
///     <undecidableReason>…</undecidableReason>
///   </explanation>
///   <diff unchanged="12" noNewAccess="false"><old><file>…</file></old><new><file>…</file></new>
///     <changes><accessChange action="…" change="gained" oldVerdict="never" newVerdict="always"><oldSummary>…</oldSummary><newSummary>…</newSummary><statements>…</statements></accessChange></changes>
///     <stillGrants><stillGrant action="…" granted="true"/></stillGrants>
///   </diff>
/// </report>
/// ```
///
/// The report element also carries `outcome`, `requestId` and `taskId` for `submit`.
/// `LayerResult.layer` is written as `<layer name="…">`, `SourceLine.line` as `<line number="…">`, the
/// entries of the summary's count dictionaries as `<count name="…" value="…"/>` (sorted by name); every other
/// attribute or element has its model property's name. Optional properties that are `nil` are omitted, and so
/// are the `lint`/`audit`/`explain`/`diff` sections of other verbs' reports (their XML is unchanged).
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
        try XMLTextWriter.document { (writer) throws(XMLEncodingError) in
            try ReportWriter(writer: writer).write(report)
        }
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
        guard mayHoldNonXMLCharacters(text) else { return text }
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

    /// False when every character of `text` is one XML can carry, decided on the UTF-8 bytes: in valid
    /// UTF-8 the only characters XML 1.0 excludes are the C0 controls other than tab, line feed and
    /// carriage return (single bytes below 0x20) and U+FFFE and U+FFFF (EF BF BE, EF BF BF). Reports
    /// quote hundreds of thousands of policy lines; walking them scalar by scalar cost more than writing
    /// them.
    static func mayHoldNonXMLCharacters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let b = bytes[index]
                if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return true }
                if b == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
                index += 1
            }
            return false
        }
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
    let writer: XMLTextWriter

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
                try write(policy)
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
        if let summary = report.summary {
            try write(summary)
        }
        if let gate = report.gate {
            try write(gate)
        }
        if let findings = report.findings {
            try writer.element("findings") { () throws(XMLEncodingError) in
                for finding in findings {
                    try write(finding)
                }
            }
        }
        if let audit = report.audit {
            try writer.element("audit") { () throws(XMLEncodingError) in
                for identity in audit {
                    try write(identity)
                }
            }
        }
        if let explanation = report.explanation {
            try write(explanation)
        }
        if let diff = report.diff {
            try write(diff)
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
            try write(source: statement.source, as: "source")
        }
    }

    private func write(source: [SourceLine], as name: String) throws(XMLEncodingError) {
        try writer.element(name) { () throws(XMLEncodingError) in
            for line in source {
                try writer.element("line") { () throws(XMLEncodingError) in
                    try writer.attribute("number", String(line.line))
                    try writer.text(line.text)
                }
            }
        }
    }

    private func write(_ policy: PolicyInfo) throws(XMLEncodingError) {
        try writer.element("policy") { () throws(XMLEncodingError) in
            try writer.attribute("file", policy.file)
            try writer.attribute("layer", policy.layer)
            try writer.attribute("statementCount", String(policy.statementCount))
            try writer.attribute("characters", String(policy.characters))
            try writer.attribute("valid", policy.valid ? "true" : "false")
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

    // MARK: lint, audit, explain, diff

    private func write(_ summary: SummaryInfo) throws(XMLEncodingError) {
        try writer.element("summary") { () throws(XMLEncodingError) in
            try writer.attribute("files", String(summary.files))
            try writer.attribute("identities", String(summary.identities))
            try writer.attribute("suppressed", String(summary.suppressed))
            try writer.attribute("baselined", String(summary.baselined))
            try writer.attribute("durationMs", summary.durationMs.map { String($0) })
            try counts("findings", summary.findings)
            try counts("checks", summary.checks)
        }
    }

    /// A count dictionary as `<wrapper><count name="…" value="…"/>…</wrapper>`, sorted by name.
    private func counts(_ wrapper: String, _ counts: [String: Int]) throws(XMLEncodingError) {
        try writer.element(wrapper) { () throws(XMLEncodingError) in
            for (name, value) in counts.sorted(by: { $0.key < $1.key }) {
                try writer.element("count") { () throws(XMLEncodingError) in
                    try writer.attribute("name", name)
                    try writer.attribute("value", String(value))
                }
            }
        }
    }

    private func write(_ gate: GateInfo) throws(XMLEncodingError) {
        try writer.element("gate") { () throws(XMLEncodingError) in
            try writer.attribute("threshold", gate.threshold)
            try writer.attribute("failed", gate.failed ? "true" : "false")
            for code in gate.failOn {
                try writer.textElement("failOn", code)
            }
            for reason in gate.reasons {
                try writer.textElement("reason", reason)
            }
        }
    }

    private func write(_ finding: FindingInfo) throws(XMLEncodingError) {
        try writer.element("finding") { () throws(XMLEncodingError) in
            try writer.attribute("code", finding.code)
            try writer.attribute("severity", finding.severity)
            try writer.attribute("title", finding.title)
            try writer.attribute("file", finding.file)
            try writer.attribute("line", finding.line.map { String($0) })
            try writer.attribute("column", finding.column.map { String($0) })
            try writer.attribute("endLine", finding.endLine.map { String($0) })
            try writer.attribute("endColumn", finding.endColumn.map { String($0) })
            try writer.attribute("path", finding.path)
            try writer.attribute("fingerprint", finding.fingerprint)
            try writer.textElement("help", finding.help)
            try writer.textElement("message", finding.message)
            try writer.textElement("remedy", finding.remedy)
            try write(source: finding.snippet, as: "snippet")
            try writer.element("related") { () throws(XMLEncodingError) in
                for related in finding.related {
                    try writer.element("relatedLocation") { () throws(XMLEncodingError) in
                        try writer.attribute("file", related.file)
                        try writer.attribute("line", related.line.map { String($0) })
                        try writer.attribute("column", related.column.map { String($0) })
                        try writer.attribute("endLine", related.endLine.map { String($0) })
                        try writer.attribute("endColumn", related.endColumn.map { String($0) })
                        try writer.attribute("path", related.path)
                        try writer.textElement("message", related.message)
                    }
                }
            }
            if let suppressed = finding.suppressed {
                try writer.element("suppressed") { () throws(XMLEncodingError) in
                    try writer.attribute("kind", suppressed.kind)
                    try writer.text(suppressed.reason)
                }
            }
        }
    }

    private func write(_ identity: IdentityAuditInfo) throws(XMLEncodingError) {
        try writer.element("identityAudit") { () throws(XMLEncodingError) in
            try writer.attribute("identity", identity.identity)
            try writer.element("policies") { () throws(XMLEncodingError) in
                for policy in identity.policies {
                    try write(policy)
                }
            }
            try writer.element("checks") { () throws(XMLEncodingError) in
                for check in identity.checks {
                    try writer.element("accessCheck") { () throws(XMLEncodingError) in
                        try writer.attribute("action", check.action)
                        try writer.attribute("resource", check.resource)
                        try writer.attribute("verdict", check.verdict)
                        try writer.attribute("expected", check.expected)
                        try writer.attribute("passed", check.passed.map { $0 ? "true" : "false" })
                        try writer.textElement("summary", check.summary)
                        try write(statements: check.statements)
                    }
                }
            }
        }
    }

    private func write(_ explanation: ExplanationInfo) throws(XMLEncodingError) {
        try writer.element("explanation") { () throws(XMLEncodingError) in
            try writer.attribute("action", explanation.action)
            try writer.attribute("resource", explanation.resource)
            try writer.attribute("verdict", explanation.verdict)
            try writer.attribute("examplesConfirmed", explanation.examplesConfirmed ? "true" : "false")
            try writer.textElement("summary", explanation.summary)
            try writer.element("allowedWhen") { () throws(XMLEncodingError) in
                for conjunction in explanation.allowedWhen {
                    try writer.element("conjunction") { () throws(XMLEncodingError) in
                        for constraint in conjunction {
                            try writer.textElement("constraint", constraint)
                        }
                    }
                }
            }
            try writer.element("exceptions") { () throws(XMLEncodingError) in
                for exception in explanation.exceptions {
                    try writer.element("exception") { () throws(XMLEncodingError) in
                        for constraint in exception.constraints {
                            try writer.textElement("constraint", constraint)
                        }
                        try write(exception.statement)
                    }
                }
            }
            if let example = explanation.allowedExample {
                try write(example: example, as: "allowedExample")
            }
            if let example = explanation.deniedExample {
                try write(example: example, as: "deniedExample")
            }
            for reason in explanation.undecidableReasons {
                try writer.textElement("undecidableReason", reason)
            }
        }
    }

    private func write(example: [ContextEntryInfo], as name: String) throws(XMLEncodingError) {
        try writer.element(name) { () throws(XMLEncodingError) in
            for entry in example {
                try writer.element("entry") { () throws(XMLEncodingError) in
                    try writer.attribute("key", entry.key)
                    for value in entry.values {
                        try writer.textElement("value", value)
                    }
                }
            }
        }
    }

    private func write(_ diff: DiffInfo) throws(XMLEncodingError) {
        try writer.element("diff") { () throws(XMLEncodingError) in
            try writer.attribute("unchanged", String(diff.unchanged))
            try writer.attribute("noNewAccess", diff.noNewAccess.map { $0 ? "true" : "false" })
            try writer.element("old") { () throws(XMLEncodingError) in
                for file in diff.old {
                    try writer.textElement("file", file)
                }
            }
            try writer.element("new") { () throws(XMLEncodingError) in
                for file in diff.new {
                    try writer.textElement("file", file)
                }
            }
            try writer.element("changes") { () throws(XMLEncodingError) in
                for change in diff.changes {
                    try writer.element("accessChange") { () throws(XMLEncodingError) in
                        try writer.attribute("action", change.action)
                        try writer.attribute("change", change.change)
                        try writer.attribute("oldVerdict", change.oldVerdict)
                        try writer.attribute("newVerdict", change.newVerdict)
                        try writer.textElement("oldSummary", change.oldSummary)
                        try writer.textElement("newSummary", change.newSummary)
                        try write(statements: change.statements)
                    }
                }
            }
            try writer.element("stillGrants") { () throws(XMLEncodingError) in
                for gate in diff.stillGrants {
                    try writer.element("stillGrant") { () throws(XMLEncodingError) in
                        try writer.attribute("action", gate.action)
                        try writer.attribute("granted", gate.granted ? "true" : "false")
                    }
                }
            }
        }
    }

    private func write(statements: [StatementRef]) throws(XMLEncodingError) {
        try writer.element("statements") { () throws(XMLEncodingError) in
            for statement in statements {
                try write(statement)
            }
        }
    }
}
