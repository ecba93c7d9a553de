import ActionCatalog
import Analysis
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RAMPolicy
import Reporting

/// Turns lint results into the report's plain data: findings with quoted source, the summary, the gate.
enum FindingReporting {
    /// Lines quoted around a finding: its own lines, at most this many.
    static let snippetLines = 4

    /// The report of a lint pass, and, when `settings` stream findings, the source of its findings (which
    /// the report then does not hold). Findings carry no quoted source lines unless `settings` quote them.
    static func report(command: String, outcome: LintPass.Outcome, gate: FindingGate, configPath: String?,
                       identities: Int, started: DispatchTime, settings: LintSettings = LintSettings()) -> (Report, ReportFindings?) {
        let (findings, counts) = placed(outcome, gate: gate, quoting: settings.quotesSource)
        let streamed = settings.streamsFindings && findings.count > 0
        let infos = streamed ? nil : findings.allFindings()
        PhaseClock.mark(streamed ? "place findings" : "quote findings")

        let failingCount = counts.failing
        var reasons: [String] = []
        if failingCount > 0 {
            reasons.append("\(failingCount) finding\(failingCount == 1 ? "" : "s") at --fail-on \(gate.description): "
                + counts.failingByCode.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }
        var report = Report(tool: ToolInfo(version: RamguardVersion.current), generatedAt: Timestamp.rfc3339(),
                            command: command, decision: failingCount == 0 ? "Pass" : "Fail")
        report.findings = infos
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        report.summary = SummaryInfo(files: outcome.files.count, identities: identities, findings: counts.severities,
                                     suppressed: counts.suppressed, baselined: counts.baselined, checks: [:], durationMs: elapsed)
        report.gate = GateInfo(threshold: gate.threshold?.rawValue, failOn: gate.codes.sorted(), failed: failingCount > 0,
                               reasons: reasons)
        if let configPath { report.gate?.reasons.append("suppressions from \(configPath)") }
        if let error = ActionCatalog.vod.loadError {
            // Never silently weaker: the rules that need the catalogue did not run.
            report.gate?.reasons.append("the VOD action catalogue could not be loaded (\(error)); UnknownAction, ServiceWildcard and the other catalogue rules were skipped")
        }
        // By index: iterating copied each of 10,000 files whole (text, result, findings retained, then released).
        let files = outcome.files
        report.errors = files.indices.flatMap { files[$0].result.diagnostics.filter { $0.severity == .error } }.map(DiagnosticInfo.init)
        report.assumptions = Report.mergeAssumptions(files.indices.map { files[$0].result.assumptions })
        return (report, streamed ? findings : nil)
    }

    /// What the summary and the gate count, per severity and code.
    struct FindingCounts: Sendable {
        /// Counted (neither suppressed nor baselined) findings, in the order of ``FindingInfo/severities``
        /// (a tuple: a group's counts allocate nothing unless the gate fails on one of its findings).
        var bySeverity: (Int, Int, Int, Int) = (0, 0, 0, 0)
        var suppressed = 0
        var baselined = 0
        /// Counted findings the gate fails on, in all and by code.
        var failing = 0
        var failingByCode: [String: Int] = [:]

        mutating func add(_ other: FindingCounts) {
            bySeverity = (bySeverity.0 + other.bySeverity.0, bySeverity.1 + other.bySeverity.1,
                          bySeverity.2 + other.bySeverity.2, bySeverity.3 + other.bySeverity.3)
            suppressed += other.suppressed
            baselined += other.baselined
            failing += other.failing
            if !other.failingByCode.isEmpty { failingByCode.merge(other.failingByCode, uniquingKeysWith: +) }
        }

        /// Counts one counted finding of `severity`.
        mutating func count(_ severity: FindingSeverity) {
            switch severity {
            case .error: bySeverity.0 += 1
            case .securityWarning: bySeverity.1 += 1
            case .warning: bySeverity.2 += 1
            case .suggestion: bySeverity.3 += 1
            }
        }

        /// The counted findings by severity name, as the summary shows them (severities with none left out).
        var severities: [String: Int] {
            var out: [String: Int] = [:]
            for (name, n) in zip(FindingInfo.severities, [bySeverity.0, bySeverity.1, bySeverity.2, bySeverity.3]) where n > 0 {
                out[name] = n
            }
            return out
        }

    }

    /// The report's findings in report order, to be made on demand (``ReportFindings``), and the
    /// summary's and the gate's counts, made in the same parallel pass: counted afterwards, on the one
    /// thread left running, they were a serial step over 150,000 findings.
    ///
    /// Report order: grouped by file (files in the order given; a path given twice groups under its
    /// first file), each file's counted findings, then suppressed, then baselined ones, in document order.
    /// With `quoting` false no source line is quoted (every ``FindingInfo/snippet`` is empty).
    static func placed(_ outcome: LintPass.Outcome, gate: FindingGate, quoting: Bool) -> (findings: ReportFindings, counts: FindingCounts) {
        let files = outcome.files
        var first: [String: Int] = [:]
        var groups: [[Int]] = []
        var groupOf: [Int: Int] = [:]
        // By index: iterating copied each file whole (its text, result and findings retained, then released).
        for index in files.indices {
            let path = files[index].path
            if let owner = first[path] {
                groups[groupOf[owner] ?? 0].append(index)
            } else {
                first[path] = index
                groupOf[index] = groups.count
                groups.append([index])
            }
        }
        // Findings naming no file read come last, unquoted, in a group of their own.
        let perFile = outcome.perFile + [outcome.unattributed]
        groups.append([files.count])
        var offsets: [Int] = []
        offsets.reserveCapacity(groups.count + 1)
        var total = 0
        for members in groups {
            offsets.append(total)
            for m in members { total += perFile[m].kept.count + perFile[m].suppressed.count + perFile[m].baselined.count }
        }
        offsets.append(total)
        let frozenGroups = groups
        let frozenOffsets = offsets
        // The records point into `perFile`'s arrays, which the result keeps alive and unchanged.
        let perGroup = withExtendedLifetime(perFile) {
            ParallelWork.map(count: frozenGroups.count) { group in
                var counts = FindingCounts()
                let placed = documentOrder(of: frozenGroups[group], in: perFile, count: frozenOffsets[group + 1] - frozenOffsets[group])
                for source in placed {
                    switch source.suppression {
                    case .none:
                        let finding = source.finding
                        counts.count(finding.pointee.severity)
                        if gate.fails(code: finding.pointee.code.id, severity: finding.pointee.severity) {
                            counts.failing += 1
                            counts.failingByCode[finding.pointee.code.id, default: 0] += 1
                        }
                    case .config:
                        counts.suppressed += 1
                    case .baseline:
                        counts.baselined += 1
                    }
                }
                return (placed, counts)
            }
        }
        var counts = FindingCounts()
        var records: [PlacedFinding] = []
        records.reserveCapacity(total)
        for part in perGroup {
            counts.add(part.1)
            records += part.0
        }
        let findings = ReportFindings(files: files, perFile: perFile, records: records, groupStarts: offsets,
                                      groupFiles: groups.map { $0[0] }, quoting: quoting)
        return (findings, counts)
    }

    /// A finding of a group as the report places it, read where it lies.
    struct PlacedFinding: @unchecked Sendable {
        enum Suppression {
            case none
            /// Silenced by the configuration, for the reason at this address.
            case config(UnsafePointer<String>)
            case baseline
        }

        /// Sort keys: the start, 0 when the finding has no span.
        var line: Int
        var column: Int
        var finding: UnsafePointer<Finding>
        var suppression: Suppression
    }

    /// The findings of one group (`members`, the indices in `files` of the files of one path): each
    /// file's counted findings, then suppressed, then baselined ones, sorted stably by start (line,
    /// column), then code — document order, so output is stable across runs.
    ///
    /// Only these small records are sorted, before any ``FindingInfo`` is made: sorting the report's
    /// findings themselves moved 240-byte values around and compared them through their optionals. The
    /// records point into the arrays of `files`, which must stay alive and unchanged while they are used.
    static func documentOrder(of members: [Int], in files: [LintPass.FileFindings], count: Int) -> [PlacedFinding] {
        var placed: [PlacedFinding] = []
        placed.reserveCapacity(count)
        func add(_ finding: UnsafePointer<Finding>, _ suppression: PlacedFinding.Suppression) {
            let start = finding.pointee.span?.start
            placed.append(PlacedFinding(line: start?.line ?? 0, column: start?.column ?? 0, finding: finding, suppression: suppression))
        }
        for m in members {
            let kept = files[m].kept.withUnsafeBufferPointer { $0 }
            for index in kept.indices { add(kept.baseAddress! + index, .none) }
        }
        for m in members {
            let suppressed = files[m].suppressed.withUnsafeBufferPointer { $0 }
            for index in suppressed.indices {
                let entry = suppressed.baseAddress! + index
                add(entry.pointer(to: \.finding)!, .config(entry.pointer(to: \.reason)!))
            }
        }
        for m in members {
            let baselined = files[m].baselined.withUnsafeBufferPointer { $0 }
            for index in baselined.indices { add(baselined.baseAddress! + index, .baseline) }
        }
        placed.sort { a, b in
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            return a.finding.pointee.code.id < b.finding.pointee.code.id
        }
        return placed
    }


    /// Makes the ``FindingInfo`` of the finding at `pointer`, read in place, at `destination`
    /// (uninitialised): a finding passed by value out of its array was copied whole (a dozen strings
    /// retained, then released) for each of a tree's 150,000 findings, and so was the result on its way
    /// into the report's array.
    static func info(_ pointer: UnsafePointer<Finding>, into destination: UnsafeMutablePointer<FindingInfo>,
                     lines: inout LineIndex?, suppressed: SuppressionInfo?) {
        let span = pointer.pointee.span
        var snippet: [SourceLine] = []
        if let span { snippet = lines?.lines(span.start.line...max(span.start.line, span.end.line), limit: snippetLines) ?? [] }
        // Most findings relate to nothing: no array to build.
        let related = pointer.pointee.related.isEmpty ? [] : pointer.pointee.related.map {
            RelatedLocationInfo(message: $0.message, file: $0.file, line: $0.span?.start.line, column: $0.span?.start.column,
                                endLine: $0.span?.end.line, endColumn: $0.span?.end.column, path: $0.path)
        }
        FindingInfo.initialize(
            destination,
            code: pointer.pointee.code.id, severity: pointer.pointee.severity.rawValue, title: pointer.pointee.code.title,
            help: pointer.pointee.code.help, message: pointer.pointee.message, remedy: pointer.pointee.remedy,
            file: pointer.pointee.file, line: span?.start.line, column: span?.start.column, endLine: span?.end.line,
            endColumn: span?.end.column, path: pointer.pointee.path, fingerprint: pointer.pointee.fingerprint,
            snippet: snippet, related: related, suppressed: suppressed)
    }

    static func policyInfo(_ file: LintedFile) -> PolicyInfo {
        let layer: String = switch file.kind {
        case .control: "control"
        case .session: "session"
        case .trust: "trust"
        default: "identity"
        }
        return PolicyInfo(file: file.path, layer: layer, statementCount: file.result.statementCount,
                          characters: file.result.characterCount, valid: file.isValid)
    }
}

/// The byte offsets where each line of a text starts, to quote lines without walking Characters.
///
/// Reads the text's own UTF-8 storage: a tree's 10,000 files are quoted, and copying each into an array
/// first cost as much as finding the lines. Line ends are found with `memchr`, and a line quoted alone
/// (most findings sit on one line, several on the same one) is made into a string once and shared; the
/// JSON writer then writes the shared quote once per chunk (``RepeatedStringCache``). The shared quotes
/// are found through a slot per line that holds a plain integer: a table of an optional array per line
/// cost more to tear down, line by line, than to fill.
struct LineIndex {
    let text: String
    let starts: [Int]
    /// Per line (index = line - 1): 1 + the index in ``single`` of its one-line quote, 0 before it is made.
    private var slots: [Int32]
    /// The one-line quotes made so far.
    private var single: [[SourceLine]] = []

    init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        starts = text.utf8.withContiguousStorageIfAvailable { bytes in
            var starts = [0]
            guard let base = bytes.baseAddress else { return starts }
            starts.reserveCapacity(bytes.count / 32 + 1)
            var at = 0
            while at < bytes.count, let hit = memchr(base + at, Int32(UInt8(ascii: "\n")), bytes.count - at) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                starts.append(offset + 1)
                at = offset + 1
            }
            return starts
        } ?? [0]
        slots = Array(repeating: 0, count: starts.count)
    }

    /// Lines `range` (1-based), at most `limit`, without their line ends.
    mutating func lines(_ range: ClosedRange<Int>, limit: Int) -> [SourceLine] {
        let number = max(1, range.lowerBound)
        if range.upperBound <= number, number <= starts.count, limit > 0 {
            let slot = Int(slots[number - 1])
            if slot > 0 { return single[slot - 1] }
            let quoted = make(number...number, limit: 1)
            single.append(quoted)
            slots[number - 1] = Int32(truncatingIfNeeded: single.count)
            return quoted
        }
        return make(range, limit: limit)
    }

    private func make(_ range: ClosedRange<Int>, limit: Int) -> [SourceLine] {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [SourceLine] = []
            var number = max(1, range.lowerBound)
            out.reserveCapacity(max(0, min(limit, starts.count - number + 1)))
            while number <= range.upperBound, number <= starts.count, out.count < limit {
                let start = starts[number - 1]
                var end = number < starts.count ? starts[number] - 1 : bytes.count
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                out.append(SourceLine(line: number, text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)))
                number += 1
            }
            return out
        } ?? []
    }
}
