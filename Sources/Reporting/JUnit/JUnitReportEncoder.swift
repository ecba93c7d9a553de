import Foundation

/// Writes a ``Report`` as JUnit XML, so that CI systems (GitLab, Jenkins, GitHub test reporters) show
/// ramguard's verdicts as test results next to the project's own tests.
///
/// The document is a `<testsuites>` root valid against the Apache Ant JUnit schema (the de-facto JUnit XSD that
/// Jenkins and GitLab read; `Tests/ReportingTests/Fixtures/junit.xsd`): every `<testsuite>` carries `name`,
/// `package`, `id`, `tests`, `failures`, `errors`, `skipped`, `time`, `timestamp` and `hostname`, then
/// `<properties>` (command, tool version, generated time, decision), its `<testcase>`s (`name`, `classname`,
/// `time`, at most one `<failure>`, `<error>` or `<skipped>`), and `<system-out>`/`<system-err>`.
///
/// ## Suites
/// - `audit`: one suite per identity, one test case per checked action (`ACTION on RESOURCE`), failing when
///   ``AccessCheckInfo/passed`` is `false` (the verb decided; checks without an expectation pass); an
///   `invalid` verdict (the identity's policies are invalid) is an `<error>`.
/// - `lint` (findings of `lint` or `audit`): one test case per finding class (`error`, `security-warning`,
///   `warning`, `suggestion`), failing when that class has unsuppressed findings the gate counts
///   (``GateInfo/counts(_:)``); the failure text lists them as `file:line:column: severity [Code] message`.
///   Findings the gate does not count, and suppressed ones, go to `<system-out>`.
/// - `explain`: the action (failing when the gate failed, skipped when undecidable) and, when there are
///   examples, whether the engine confirmed them (an `<error>` when it did not: the analysis is wrong).
/// - `diff`: one test case per changed action (failing when `noNewAccess` is violated and the change widens
///   access), plus one per diff gate (`noNewAccess`, `stillGrants ACTION`).
/// - `check`: the decision as one test case (Allow passes, a denial fails, invalid policies are an `<error>`).
/// - `preflight`/`submit`: one test case per preflight check (blocking failures fail, undecided ones are
///   skipped) and the submit outcome (`unknown` is an `<error>`).
/// - `gate`: when the report has a gate, one test case that fails exactly when the run fails, so CI and the
///   exit code agree.
///
/// Findings are listed one line each, without the quoted source lines other formats show (so `lint` and
/// `audit` do not quote them for this format: ``FindingInfo/snippet`` may be empty).
///
/// ramguard does not time individual checks: every `time` is `0`. The `timestamp` is the report's
/// `generatedAt` without its `Z` (the schema allows no zone; it is UTC). Characters XML cannot carry are
/// written as `\u{hex}`, as in ``XMLReportEncoder``.
public struct JUnitReportEncoder: Sendable {
    public struct Options: Sendable, Hashable {
        /// The `hostname` of every suite; `localhost` by default so output is reproducible.
        public var hostname: String

        public init(hostname: String = "localhost") {
            self.hostname = hostname
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The report as a UTF-8 JUnit XML document (declaration, two-space indentation, final newline).
    ///
    /// - Throws: ``XMLEncodingError`` only when libxml2 fails (out of memory).
    public func encode(_ report: Report) throws(XMLEncodingError) -> [UInt8] {
        XMLTextWriter.joined(try encodeParts(report))
    }

    /// The document of ``encode(_:)`` in consecutive parts, for writing straight to a file without
    /// joining them first; with `findings`, the findings are made by that source while the lint suite is
    /// written, in place of the report's own (see ``FindingSource``).
    package func encodeParts(_ report: Report, findings: (any FindingSource)? = nil) throws(XMLEncodingError) -> [[UInt8]] {
        try encodeParts(report, findings: findings, parallelSuites: Self.parallelSuites)
    }

    /// From this many suites on, they are written on every core (see ``encodeParts(_:findings:parallelSuites:)``).
    static let parallelSuites = 64

    /// The document in parts; with at least `parallelSuites` suites, the suites are written in groups
    /// on every core.
    ///
    /// An audit of a 10,000-file tree has 2,000 suites, and one libxml2 writer spent a tenth of a second
    /// on them on one core while the other idled. Each group is written by a writer of its own inside an
    /// open `<testsuites>`, so libxml2 still escapes and indents everything; the part before the first
    /// suite's start tag is dropped and the groups are placed between the document's head and tail, which
    /// one more writer makes around raw content standing for them. Tests compare this with the document
    /// one writer makes.
    func encodeParts(_ report: Report, findings: (any FindingSource)? = nil, parallelSuites: Int) throws(XMLEncodingError) -> [[UInt8]] {
        let suites = JUnitSuiteBuilder(report: report, findings: findings).suites()
        let context = SuiteContext(report: report, hostname: options.hostname)
        guard suites.count >= parallelSuites, suites.count > 1 else {
            return try XMLTextWriter.documentParts { (writer) throws(XMLEncodingError) in
                try writer.startDocument()
                try writer.startElement("testsuites")
                for (index, suite) in suites.enumerated() {
                    try Self.write(suite, id: index, context, writer)
                }
                try writer.endElement("testsuites")
                try writer.endDocument()
            }
        }
        let groups = min(suites.count, ProcessInfo.processInfo.activeProcessorCount * 8)
        let size = (suites.count + groups - 1) / groups
        let fragments = ParallelMap.each(count: groups) { group in
            Result { () throws(XMLEncodingError) -> [[UInt8]] in
                let range = min(suites.count, group * size)..<min(suites.count, (group + 1) * size)
                return try XMLTextWriter.fragment(inside: "testsuites") { (writer) throws(XMLEncodingError) in
                    for index in range {
                        try Self.write(suites[index], id: index, context, writer)
                    }
                }
            }
        }
        var split = 0
        let frame = try XMLTextWriter.document { (writer) throws(XMLEncodingError) in
            try writer.startDocument()
            try writer.startElement("testsuites")
            // The line break the first suite's start tag writes after `<testsuites>`; the raw content also
            // makes the writer close `</testsuites>` as it does after child elements.
            try writer.raw("\n")
            split = try writer.flushedCount()
            try writer.endElement("testsuites")
            try writer.endDocument()
        }
        var parts = [Array(frame[..<split])]
        for fragment in fragments { parts += try fragment.get() }
        parts.append(Array(frame[split...]))
        return parts
    }

    /// What every suite shows of the report, made once.
    struct SuiteContext: Sendable {
        var package: String
        var timestamp: String
        var hostname: String
        var properties: [(String, String)]

        init(report: Report, hostname: String) {
            package = "ramguard.\(report.command)"
            timestamp = JUnitReportEncoder.timestamp(report.generatedAt)
            self.hostname = JUnitReportEncoder.token(hostname, fallback: "localhost")
            properties = [("ramguard.command", report.command), ("ramguard.version", report.tool.version),
                          ("ramguard.generatedAt", report.generatedAt), ("ramguard.decision", report.decision)]
            if let gate = report.gate {
                properties.append(("ramguard.gate.failed", gate.failed ? "true" : "false"))
            }
            if let duration = report.summary?.durationMs {
                properties.append(("ramguard.durationMs", String(duration)))
            }
        }
    }

    private static func write(_ suite: JUnitSuite, id: Int, _ context: SuiteContext, _ writer: XMLTextWriter) throws(XMLEncodingError) {
        try writer.element("testsuite") { () throws(XMLEncodingError) in
            try writer.attribute("name", token(suite.name, fallback: "(unnamed)"))
            try writer.attribute("package", context.package)
            try writer.attribute("id", String(id))
            try writer.attribute("tests", String(suite.cases.count))
            try writer.attribute("failures", String(suite.failures))
            try writer.attribute("errors", String(suite.errors))
            try writer.attribute("skipped", String(suite.skipped))
            try writer.attribute("time", "0")
            try writer.attribute("timestamp", context.timestamp)
            try writer.attribute("hostname", context.hostname)
            try writer.element("properties") { () throws(XMLEncodingError) in
                for (name, value) in context.properties {
                    try property(writer, name, value)
                }
            }
            for testCase in suite.cases {
                try write(testCase, writer)
            }
            try writer.element("system-out") { () throws(XMLEncodingError) in try text(suite.output, writer) }
            try writer.textElement("system-err", "")
        }
    }

    /// The same document as ``encode(_:)``, as a `String`.
    public func encodeString(_ report: Report) throws(XMLEncodingError) -> String {
        String(decoding: try encode(report), as: UTF8.self)
    }

    private static func property(_ writer: XMLTextWriter, _ name: String, _ value: String) throws(XMLEncodingError) {
        try writer.element("property") { () throws(XMLEncodingError) in
            try writer.attribute("name", name)
            try writer.attribute("value", value)
        }
    }

    private static func write(_ testCase: JUnitTestCase, _ writer: XMLTextWriter) throws(XMLEncodingError) {
        try writer.element("testcase") { () throws(XMLEncodingError) in
            try writer.attribute("name", testCase.name)
            try writer.attribute("classname", testCase.classname)
            try writer.attribute("time", "0")
            switch testCase.outcome {
            case .passed:
                break
            case let .failure(message, type, text):
                try writer.element("failure") { () throws(XMLEncodingError) in
                    try writer.attribute("message", message)
                    try writer.attribute("type", type)
                    try Self.text(text, writer)
                }
            case let .error(message, type, text):
                try writer.element("error") { () throws(XMLEncodingError) in
                    try writer.attribute("message", message)
                    try writer.attribute("type", type)
                    try Self.text(text, writer)
                }
            case let .skipped(message):
                try writer.element("skipped") { () throws(XMLEncodingError) in
                    try writer.attribute("message", message)
                }
            }
        }
    }

    private static func text(_ text: JUnitText, _ writer: XMLTextWriter) throws(XMLEncodingError) {
        switch text {
        case .lines(let lines): try writer.text(lines.joined(separator: "\n"))
        case .escaped(let pieces): try writer.escapedText(pieces)
        }
    }

    /// `generatedAt` (`2026-11-28T09:30:00.125Z`) in the schema's zone-less form (`2026-11-28T09:30:00`).
    static func timestamp(_ generatedAt: String) -> String {
        let prefix = String(generatedAt.prefix(19))
        let pattern = Array("dddd-dd-ddTdd:dd:dd")
        let matches = prefix.count == 19 && zip(prefix, pattern).allSatisfy { c, p in p == "d" ? c.isASCII && c.isNumber : c == p }
        return matches ? prefix : "1970-01-01T00:00:00"
    }

    /// `value` with its whitespace collapsed (as `xs:token` reads it), or `fallback` when nothing is left.
    static func token(_ value: String, fallback: String) -> String {
        let collapsed = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return collapsed.isEmpty ? fallback : collapsed
    }
}
