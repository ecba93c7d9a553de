import Analysis
import Foundation
import RAMPolicy
@testable import RamguardKit
import Reporting
import Testing

/// The report's findings: grouped by file (a path given twice under its first file), each file's counted
/// findings, then suppressed, then baselined ones, in document order — exactly what making every
/// ``FindingInfo`` first and sorting them stably gives.
@Suite struct FindingReportingTests {
    static let text = "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"vod:*\", \"Resource\": \"*\"}\n  ]\n}"

    /// A finding of `code` at `line`:`column` (no span when `line` is 0), with a related location when
    /// `related`.
    static func finding(_ code: FindingCode, _ file: String, _ line: Int, _ column: Int, _ tag: String,
                        related: Bool = false) -> Finding {
        let span = line == 0 ? nil : SourceSpan(start: SourceLocation(line: line, column: column, offset: 0),
                                                end: SourceLocation(line: line + (column % 3 == 0 ? 2 : 0), column: column + 4, offset: 0))
        return Finding(code: code, message: "message \(tag)", file: file, span: span, path: "Statement[0].\(tag)",
                       related: related ? [RelatedLocation(file: file, span: span, path: "Statement[1]", message: "see \(tag)")] : [],
                       fingerprint: "fingerprint-\(tag)")
    }

    static func file(_ path: String, _ findings: [Finding]) -> LintedFile {
        let result = PolicyValidator(options: ValidationOptions(kind: .identity, strict: false))
            .validate(PolicySource(name: path, text: text))
        return LintedFile(path: path, kind: .identity, text: text, result: result, findings: findings, isValid: result.isValid)
    }

    /// Every finding as the report shows it, made all at once, and the counts (as the non-JSON formats get them).
    static func infos(_ outcome: LintPass.Outcome, gate: FindingGate = FindingGate(threshold: nil, codes: []),
                      quoting: Bool = true) -> (infos: [FindingInfo], counts: FindingReporting.FindingCounts) {
        let (findings, counts) = FindingReporting.placed(outcome, gate: gate, quoting: quoting)
        return (findings.allFindings(), counts)
    }

    /// The plain reading of one finding: ``FindingReporting/info(_:into:lines:suppressed:)`` of a value.
    static func info(_ finding: Finding, lines: inout LineIndex?, suppressed: SuppressionInfo?) -> FindingInfo {
        withUnsafePointer(to: finding) { finding in
            withUnsafeTemporaryAllocation(of: FindingInfo.self, capacity: 1) { slot in
                FindingReporting.info(finding, into: slot.baseAddress!, lines: &lines, suppressed: suppressed)
                return slot.baseAddress!.move()
            }
        }
    }

    /// The order as it was made before: every finding made by value, then a stable sort of each group.
    static func reference(_ outcome: LintPass.Outcome) -> [FindingInfo] {
        var groups: [(path: String, members: [Int])] = []
        for (index, file) in outcome.files.enumerated() {
            if let at = groups.firstIndex(where: { $0.path == file.path }) { groups[at].members.append(index) } else { groups.append((file.path, [index])) }
        }
        let perFile = outcome.perFile + [outcome.unattributed]
        groups.append(("", [outcome.files.count]))
        var out: [FindingInfo] = []
        for group in groups {
            var lines = group.members[0] < outcome.files.count ? LineIndex(outcome.files[group.members[0]].text) : nil
            var infos: [FindingInfo] = []
            for m in group.members { infos += perFile[m].kept.map { Self.info($0, lines: &lines, suppressed: nil) } }
            for m in group.members {
                infos += perFile[m].suppressed.map {
                    Self.info($0.finding, lines: &lines, suppressed: SuppressionInfo(kind: "config", reason: $0.reason))
                }
            }
            for m in group.members {
                infos += perFile[m].baselined.map {
                    Self.info($0, lines: &lines, suppressed: SuppressionInfo(kind: "baseline", reason: "recorded in the baseline"))
                }
            }
            infos.sort { a, b in
                let x = (a.line ?? 0, a.column ?? 0), y = (b.line ?? 0, b.column ?? 0)
                return x != y ? x < y : a.code < b.code
            }
            out += infos
        }
        return out
    }

    @Test func groupedAndInDocumentOrderWithTiesKeptInTheirPlace() {
        let codes = Array(FindingCode.all.prefix(3))
        let a = "a.json", b = "b.json"
        // Ties on the position (same code too) keep their order: counted, suppressed, baselined, and the
        // first file of a path before the second.
        let outcome = LintPass.Outcome(
            files: [Self.file(a, []), Self.file(b, []), Self.file(a, [])],
            perFile: [
                LintPass.FileFindings(
                    kept: [Self.finding(codes[2], a, 4, 7, "k1", related: true), Self.finding(codes[0], a, 4, 7, "k2"),
                           Self.finding(codes[1], a, 0, 0, "k3"), Self.finding(codes[0], a, 2, 3, "k4"),
                           Self.finding(codes[0], a, 4, 7, "k5")],
                    suppressed: [(Self.finding(codes[0], a, 4, 7, "s1"), "accepted"), (Self.finding(codes[1], a, 1, 1, "s2"), "old")],
                    baselined: [Self.finding(codes[0], a, 4, 7, "b1"), Self.finding(codes[2], a, 9, 1, "b2")]),
                LintPass.FileFindings(kept: [Self.finding(codes[1], b, 3, 2, "k6"), Self.finding(codes[0], b, 3, 1, "k7")]),
                LintPass.FileFindings(kept: [Self.finding(codes[0], a, 4, 7, "k8"), Self.finding(codes[0], a, 1, 5, "k9", related: true)],
                                      baselined: [Self.finding(codes[1], a, 4, 2, "b3")]),
            ],
            unattributed: LintPass.FileFindings(kept: [Self.finding(codes[1], "c.json", 5, 5, "u1"), Self.finding(codes[0], "c.json", 2, 2, "u2")]))
        let infos = Self.infos(outcome).infos
        let expected = Self.reference(outcome)
        #expect(infos == expected)
        // The reference is not the order the findings were given in, so the test checks the sort.
        #expect(infos.map(\.path) != outcome.perFile.flatMap { $0.kept.map(\.path) })
        #expect(infos.first?.path == "Statement[0].k3")
        #expect(infos.filter { $0.file == a }.map(\.snippet.count).contains(3))
    }

    @Test("without quoting, findings are the same but carry no source lines; only JUnit and SARIF go without")
    func withoutQuoting() {
        let codes = Array(FindingCode.all.prefix(2))
        let outcome = LintPass.Outcome(
            files: [Self.file("a.json", [])],
            perFile: [LintPass.FileFindings(kept: [Self.finding(codes[0], "a.json", 4, 7, "k1"), Self.finding(codes[1], "a.json", 2, 3, "k2")])],
            unattributed: LintPass.FileFindings())
        let quoted = Self.infos(outcome).infos
        let unquoted = Self.infos(outcome, quoting: false).infos
        #expect(quoted.allSatisfy { !$0.snippet.isEmpty })
        #expect(unquoted.allSatisfy { $0.snippet.isEmpty })
        #expect(unquoted == quoted.map { var info = $0; info.snippet = []; return info })
        #expect(ReportFormat.allCases.filter { !$0.showsSourceQuotes } == [.junit, .sarif])
    }

    @Test("findings made a range at a time, from any offset, are those made all at once")
    func rangesMatchTheWhole() {
        let codes = Array(FindingCode.all.prefix(3))
        let outcome = Self.outcome(count: 40, paths: 13) { n, path in
            LintPass.FileFindings(
                kept: (0..<(n % 4)).map { Self.finding(codes[$0 % 3], path, 1 + ($0 * 3) % 5, 1 + $0, "k\(n)-\($0)", related: $0 == 1) },
                suppressed: n % 3 == 0 ? [(Self.finding(codes[0], path, 2, 2, "s\(n)"), "reason \(n)")] : [],
                baselined: n % 5 == 0 ? [Self.finding(codes[1], path, 0, 0, "b\(n)")] : [])
        }
        let (source, _) = FindingReporting.placed(outcome, gate: FindingGate(threshold: nil, codes: []), quoting: true)
        let whole = source.allFindings()
        #expect(whole == Self.reference(outcome))
        #expect(whole.count > 40)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let start = Int.random(in: 0..<whole.count, using: &generator)
            let end = Int.random(in: start...whole.count, using: &generator)
            let part = [FindingInfo](unsafeUninitializedCapacity: end - start) { buffer, initialized in
                source.makeFindings(start..<end, into: buffer.baseAddress!)
                initialized = end - start
            }
            #expect(part == Array(whole[start..<end]))
        }
    }

    /// `count` files over `paths` paths (later ones repeat earlier paths), file `n` with the findings
    /// `findings(n, path)` makes.
    static func outcome(count: Int, paths: Int, unattributed: LintPass.FileFindings = LintPass.FileFindings(),
                        _ findings: (Int, String) -> LintPass.FileFindings) -> LintPass.Outcome {
        var files: [LintedFile] = []
        var perFile: [LintPass.FileFindings] = []
        for n in 0..<count {
            let path = "f\(n % paths).json"
            files.append(Self.file(path, []))
            perFile.append(findings(n, path))
        }
        return LintPass.Outcome(files: files, perFile: perFile, unattributed: unattributed)
    }

    /// Many files on every core: the same as made one by one.
    @Test func manyFilesOnEveryCore() {
        let codes = Array(FindingCode.all.prefix(4))
        let outcome = Self.outcome(count: 300, paths: 250) { n, path in
            LintPass.FileFindings(kept: (0..<(n % 7)).map {
                Self.finding(codes[($0 * 5 + n) % 4], path, ($0 * 3 + n) % 6, $0 % 2 + 1, "\(n)-\($0)", related: $0 == 2)
            })
        }
        #expect(Self.infos(outcome).infos == Self.reference(outcome))
    }

    /// The summary's and the gate's counts, made while quoting, equal those counted afterwards from the
    /// findings as the report shows them (and the gate asked of every counted finding).
    @Test func countsMadeWhileQuotingMatchTheFindings() {
        let codes = Array(FindingCode.all.prefix(6))
        let outcome = Self.outcome(count: 120, paths: 100,
                                   unattributed: LintPass.FileFindings(kept: [Self.finding(codes[1], "gone.json", 1, 1, "u")])) { n, path in
            let made = (0..<(n % 9)).map { Self.finding(codes[($0 * 7 + n) % codes.count], path, ($0 * 3 + n) % 6, $0 % 2 + 1, "\(n)-\($0)") }
            return LintPass.FileFindings(kept: Array(made.prefix(4)), suppressed: made.dropFirst(4).prefix(2).map { ($0, "accepted") },
                                         baselined: Array(made.dropFirst(6)))
        }
        for gate in [FindingGate(threshold: .warning), FindingGate(threshold: nil, codes: [codes[0].id, codes[3].id]),
                     FindingGate(threshold: nil)] {
            let (infos, counts) = Self.infos(outcome, gate: gate)
            let summary = SummaryInfo(files: outcome.files.count, identities: 0, findings: infos)
            #expect(counts.severities.merging(FindingInfo.severities.map { ($0, 0) }, uniquingKeysWith: { a, _ in a }) == summary.findings)
            #expect(counts.suppressed == summary.suppressed)
            #expect(counts.baselined == summary.baselined)
            let failing = (outcome.perFile + [outcome.unattributed]).flatMap(\.kept).filter(gate.fails(on:))
            #expect(counts.failing == failing.count)
            #expect(counts.failingByCode == Dictionary(grouping: failing, by: \.code.id).mapValues(\.count))
        }
        // The fixture has findings of each kind, so the counts are not trivially zero.
        let (_, counts) = Self.infos(outcome, gate: FindingGate(threshold: .suggestion))
        #expect(counts.suppressed > 0 && counts.baselined > 0 && counts.failing > 0)
    }
}
