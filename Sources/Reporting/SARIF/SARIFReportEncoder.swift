import Foundation

/// Writes the findings of a ``Report`` as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange
/// Format), the format code-scanning services (GitHub code scanning, GitLab, Azure DevOps, IDE viewers) import.
///
/// One run; `tool.driver` is ramguard with one rule per finding code (sorted by code): `id` is the code,
/// `name` the title in UpperCamelCase, `shortDescription` the title, `fullDescription` the help, `help` the
/// help and the remedy, `defaultConfiguration.level` from the severity:
///
/// | ramguard           | SARIF level | extra |
/// |--------------------|-------------|-------|
/// | `error`            | `error`     | |
/// | `security-warning` | `error`     | `properties.security-severity` ``securitySeverity`` and tag `security` |
/// | `warning`          | `warning`   | |
/// | `suggestion`       | `note`      | |
///
/// Each finding is a result with `ruleId`/`ruleIndex`, `level`, `message.text`, one location (the file as a
/// URI reference against `%SRCROOT%`, percent-encoded per RFC 3986, see ``Options/baseDirectory``; the region
/// when the finding has a line; the JSON path as a logical location), `partialFingerprints`
/// (`ramguardFingerprint/v1`), `relatedLocations`, and for a suppressed finding one `external` suppression
/// (`accepted`, with the reason as justification; a baselined one also has `baselineState: unchanged`).
///
/// Columns: ramguard counts columns in Unicode scalars (code points), 1-based, end exclusive — exactly SARIF's
/// `unicodeCodePoints` column kind, which the run declares in `columnKind` (SARIF's default would be UTF-16
/// code units, which differ for characters outside the Basic Multilingual Plane such as emoji).
///
/// Findings' quoted source lines (``FindingInfo/snippet``) are not part of the log: a region points at the
/// file itself (so `lint` and `audit` do not quote them for this format).
///
/// Reports without findings (check, explain, diff) give a valid log with no rules and no results.
/// Output is deterministic: keys sorted, no timestamps other than the report's own.
public struct SARIFReportEncoder: Sendable {
    public struct Options: Sendable, Hashable {
        /// The repository root. Absolute file paths inside it are written relative to it (against
        /// `%SRCROOT%`, which `run.originalUriBaseIds` then maps to this directory); absolute paths outside it
        /// become `file://` URIs. Relative paths are always taken as relative to the root. Only an absolute
        /// directory is used.
        public var baseDirectory: String?
        /// `tool.driver.informationUri`: where users read about ramguard. Omitted when nil.
        public var informationUri: String?
        /// Pretty-printed (default) or one line.
        public var pretty: Bool

        public init(baseDirectory: String? = nil, informationUri: String? = nil, pretty: Bool = true) {
            self.baseDirectory = baseDirectory
            self.informationUri = informationUri
            self.pretty = pretty
        }
    }

    /// `properties.security-severity` of `security-warning` rules: GitHub ranks 7.0–8.9 as "high".
    public static let securitySeverity = "8.0"
    /// The `partialFingerprints` key of ramguard's finding fingerprint.
    public static let fingerprintKey = "ramguardFingerprint/v1"

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The SARIF log as UTF-8 JSON with a final newline.
    ///
    /// Results, which can number in the hundreds of thousands, are written by ``FindingsJSONWriter`` in
    /// exactly Foundation's layout and spliced in place of the empty array Foundation wrote.
    public func encode(_ report: Report) -> [UInt8] {
        let bytes = ReportBytes()
        encode(report, to: bytes)
        return bytes.bytes
    }

    /// Writes the log to `sink` as it is encoded, the same bytes ``encode(_:)`` returns; results are
    /// streamed in chunks encoded on every core (see ``ReportSink``).
    public func encode(_ report: Report, to sink: any ReportSink) {
        let parts = self.parts(report)
        guard !parts.findings.isEmpty else {
            sink.write(foundationEncode(parts.log))
            return
        }
        let encoded = foundationEncode(parts.log)
        // `"results"` is written once, as a key (a string value holding it would have escaped quotes).
        let empty = Array((options.pretty ? "\"results\" : [\n\n      ]" : "\"results\":[]").utf8)
        guard let at = Self.firstRange(of: empty, in: encoded) else {
            sink.write(foundationEncode(log(report)))
            return
        }
        sink.write(encoded[..<at])
        sink.write(Array((options.pretty ? "\"results\" : " : "\"results\":").utf8))
        FindingsJSONWriter(pretty: options.pretty).writeSARIFResults(
            findings: parts.findings, ruleIndex: parts.ruleIndex, depth: 3, to: sink, artifact: parts.artifact)
        sink.write(encoded[(at + empty.count)...])
    }

    /// Foundation's encoding of the whole log, with a final newline.
    func foundationEncode(_ sarif: SARIFLog) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = options.pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, ints, bools and arrays cannot fail.
        guard let data = try? encoder.encode(sarif) else { return Array("{}\n".utf8) }
        return [UInt8](data) + [0x0A]
    }

    /// For tests: the whole log through Foundation, the reference the fast path must equal.
    func referenceEncode(_ report: Report) -> [UInt8] { foundationEncode(log(report)) }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let head = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == head, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    public func encodeString(_ report: Report) -> String {
        String(decoding: encode(report), as: UTF8.self)
    }

    /// A validation diagnostic as a finding: same code, severity, message, remedy and place.
    static func finding(_ d: DiagnosticInfo) -> FindingInfo {
        let l = d.location
        return FindingInfo(
            code: d.code, severity: d.severity == "error" ? "error" : "warning", title: d.name, help: d.remedy,
            message: d.message, remedy: d.remedy, file: l.file, line: l.line, column: l.column, endLine: l.endLine,
            endColumn: l.endColumn, path: l.path, fingerprint: fingerprint([d.code, l.file, l.path, d.message]))
    }

    /// FNV-1a (64 bit) of the parts, as 16 hex digits: stable across runs, unlike `Hasher`.
    static func fingerprint(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// SARIF `level` of a ramguard severity.
    public static func level(_ severity: String) -> String {
        switch severity {
        case "error", "security-warning": "error"
        case "warning": "warning"
        default: "note"
        }
    }

    /// The log without its results, and what the results are made of.
    private struct Parts {
        var log: SARIFLog
        var findings: [FindingInfo]
        var ruleIndex: [String: Int]
        var artifact: @Sendable (String) -> SARIFLog.ArtifactLocation
    }

    /// The whole log, results included (the reference the streamed encoding must equal).
    private func log(_ report: Report) -> SARIFLog {
        var parts = self.parts(report)
        parts.log.runs[0].results = parts.findings.map { finding in
            result(finding, ruleIndex: parts.ruleIndex[finding.code] ?? 0, location: parts.artifact)
        }
        return parts.log
    }

    private func parts(_ report: Report) -> Parts {
        // Verbs without lint findings (`check`, `explain`, `diff`) still report the validation errors and
        // warnings of the policies they read: code scanning should point at those too.
        let findings = report.findings ?? (report.errors + report.warnings).map(Self.finding)
        let uris = SARIFArtifactURI(baseDirectory: options.baseDirectory)

        // Read by index, field by field: iterating copied each of a tree's 150,000 findings whole.
        // A finding's code is looked up after comparing it with the previous one's (findings of a file
        // repeat a few codes).
        var firstByCode: [String: Int] = [:]
        var lastCode: String?
        for index in findings.indices where findings[index].code != lastCode {
            lastCode = findings[index].code
            if firstByCode[findings[index].code] == nil { firstByCode[findings[index].code] = index }
        }
        let codes = firstByCode.keys.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.compactMap { firstByCode[$0] }.map { rule(findings[$0]) }

        // One URI per file, not per finding: a tree's findings repeat the same few thousand paths, and
        // come grouped by file, so the previous finding's file is checked before the table (and a related
        // location's file against its finding's, which it mostly is).
        var locations: [String: SARIFLog.ArtifactLocation] = [:]
        var lastFile: String?
        for index in findings.indices {
            let file = findings[index].file
            if file != lastFile, locations[file] == nil { locations[file] = uris.location(file) }
            lastFile = file
            for related in findings[index].related where related.file != file && locations[related.file] == nil {
                locations[related.file] = uris.location(related.file)
            }
        }
        let table = locations
        let run = SARIFLog.Run(
            tool: .init(driver: .init(name: report.tool.name, version: report.tool.version,
                                      informationUri: options.informationUri, rules: rules)),
            originalUriBaseIds: uris.sourceRootLocation.map { [SARIFArtifactURI.sourceRoot: $0] },
            invocations: [.init(executionSuccessful: true, endTimeUtc: report.generatedAt)],
            results: [],
            properties: .init(command: report.command, decision: report.decision, gateFailed: report.gate?.failed,
                              gateReasons: report.gate?.reasons)
        )
        return Parts(log: SARIFLog(runs: [run]), findings: findings, ruleIndex: ruleIndex,
                     artifact: { table[$0] ?? uris.location($0) })
    }

    private func rule(_ f: FindingInfo) -> SARIFLog.ReportingDescriptor {
        let security = f.severity == "security-warning"
        var help = f.help
        if !f.remedy.isEmpty { help += help.isEmpty ? "Remedy: \(f.remedy)" : "\n\nRemedy: \(f.remedy)" }
        return .init(
            id: f.code, name: Self.ruleName(f.title, fallback: f.code),
            shortDescription: .init(text: f.title), fullDescription: .init(text: f.help.isEmpty ? f.title : f.help),
            help: .init(text: help.isEmpty ? f.title : help),
            defaultConfiguration: .init(level: Self.level(f.severity)),
            properties: security ? .init(tags: ["security"], securitySeverity: Self.securitySeverity) : nil
        )
    }

    private func result(_ f: FindingInfo, ruleIndex: Int, location artifact: (String) -> SARIFLog.ArtifactLocation) -> SARIFLog.Result {
        let location = SARIFLog.Location(
            physicalLocation: .init(artifactLocation: artifact(f.file),
                                    region: Self.region(line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn)),
            logicalLocations: f.path.isEmpty ? nil : [.init(fullyQualifiedName: f.path)]
        )
        let related = f.related.enumerated().map { index, r in
            SARIFLog.Location(
                id: index + 1,
                physicalLocation: .init(artifactLocation: artifact(r.file),
                                        region: Self.region(line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn)),
                logicalLocations: r.path.isEmpty ? nil : [.init(fullyQualifiedName: r.path)],
                message: .init(text: r.message)
            )
        }
        let suppressions = f.suppressed.map { s in
            [SARIFLog.Suppression(kind: "external", status: "accepted", justification: s.reason, properties: .init(ramguardKind: s.kind))]
        }
        return .init(
            ruleId: f.code, ruleIndex: ruleIndex, level: Self.level(f.severity), message: .init(text: f.message),
            locations: [location], partialFingerprints: [Self.fingerprintKey: f.fingerprint],
            relatedLocations: related.isEmpty ? nil : related, suppressions: suppressions,
            baselineState: f.suppressed?.kind == "baseline" ? "unchanged" : nil,
            properties: .init(severity: f.severity, remedy: f.remedy)
        )
    }

    /// A SARIF region, or nil when the line is unknown (SARIF regions need a 1-based start line). Positions
    /// that are not positive are dropped rather than written invalid.
    static func region(line: Int?, column: Int?, endLine: Int?, endColumn: Int?) -> SARIFLog.Region? {
        guard let line, line >= 1 else { return nil }
        func positive(_ v: Int?) -> Int? { v.flatMap { $0 >= 1 ? $0 : nil } }
        return .init(startLine: line, startColumn: positive(column), endLine: positive(endLine), endColumn: positive(endColumn))
    }

    /// `Wildcard action grants everything` → `WildcardActionGrantsEverything` (SARIF rule names are
    /// identifier-like); `fallback` when nothing alphanumeric is left.
    static func ruleName(_ title: String, fallback: String) -> String {
        let words = title.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty ? fallback : name
    }
}
