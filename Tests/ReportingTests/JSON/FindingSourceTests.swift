import Foundation
@testable import Reporting
import Testing

/// Findings made while the report is written give the bytes of the report holding them.
@Suite("FindingSource")
struct FindingSourceTests {
    /// A source over an array, counting the findings it makes.
    final class ArraySource: FindingSource, @unchecked Sendable {
        let findings: [FindingInfo]
        private let lock = NSLock()
        private var made: [Range<Int>] = []

        init(_ findings: [FindingInfo]) {
            self.findings = findings
        }

        var count: Int { findings.count }

        func makeFindings(_ range: Range<Int>, into destination: UnsafeMutablePointer<FindingInfo>) {
            lock.withLock { made.append(range) }
            for index in range { (destination + (index - range.lowerBound)).initialize(to: findings[index]) }
        }

        /// The ranges asked for, sorted.
        var ranges: [Range<Int>] { lock.withLock { made.sorted { $0.lowerBound < $1.lowerBound } } }
    }

    static func findings(_ count: Int) -> [FindingInfo] {
        (0..<count).map { i in
            var f = FindingInfo(code: "Code\(i % 4)", severity: FindingInfo.severities[i % 4], title: "title \(i % 4)", help: "help",
                                message: i % 9 == 0 ? AnalysisSamples.hostile : "finding \(i) with a message long enough for the heap",
                                remedy: "r", file: "policies/p\(i / 7).json", line: i % 5 == 0 ? nil : i + 1, column: 3,
                                path: "Statement[\(i)]", fingerprint: String(i, radix: 16),
                                snippet: [SourceLine(line: i + 1, text: "  \"Action\": \"vod:*\"")])
            if i % 11 == 0 { f.suppressed = SuppressionInfo(kind: "config", reason: "legacy") }
            return f
        }
    }

    @Test("the same bytes as the report holding the findings, on one core and on all, and every finding made once",
          arguments: [0, 1, 300, ChunkedArrayWriter.minimumParallelCount + 777])
    func sameBytes(count: Int) {
        let findings = Self.findings(count)
        for base in [AnalysisSamples.lint, AnalysisSamples.audit, AnalysisSamples.empty] {
            for pretty in [true, false] {
                var holding = base
                holding.findings = findings
                var without = base
                without.findings = nil
                let source = ArraySource(findings)
                let bytes = ReportBytes()
                JSONReportEncoder(pretty: pretty).encode(without, findings: source, to: bytes)
                #expect(bytes.bytes == JSONReportEncoder(pretty: pretty).encode(holding))
                // The source's findings take the place of any the report holds.
                let twice = ReportBytes()
                JSONReportEncoder(pretty: pretty).encode(holding, findings: ArraySource(findings), to: twice)
                #expect(twice.bytes == bytes.bytes)
                // Each finding was made exactly once: the ranges asked for tile 0..<count.
                var next = 0
                for range in source.ranges {
                    #expect(range.lowerBound == next)
                    next = range.upperBound
                }
                #expect(next == count)
            }
        }
    }

    @Test("all findings, made on every core, in order")
    func allFindings() {
        let findings = Self.findings(5_000)
        #expect(ArraySource(findings).allFindings() == findings)
        #expect(ArraySource([]).allFindings().isEmpty)
    }
}
