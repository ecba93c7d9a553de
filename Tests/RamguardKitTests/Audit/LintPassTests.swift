import Foundation
@testable import RamguardKit
import Testing

/// Findings are grouped by file after suppressions and the baseline, without hashing a path per finding.
@Suite struct LintPassTests {
    @Test func itemsFindTheirFileInOrderTheFirstOfADuplicateAndNoneForAnUnknownPath() {
        let paths = ["a.json", "b.json", "a.json", "c.json"]
        let items = ["a.json", "a.json", "b.json", "c.json", "c.json", "zzz.json", "b.json"]
        let indices = LintPass.fileIndices(items, { $0 }, paths: paths)
        // In order; "a.json" is given twice and groups under its first file; an unknown path gets
        // `paths.count`; a path behind the cursor is still found.
        #expect(indices.map(\.0) == [0, 0, 1, 3, 3, 4, 1])
        #expect(indices.map(\.1) == items)
    }

    /// Quoted lines: a line quoted alone is made once and shared, and reads exactly as when it is quoted
    /// with others (CRLF ends dropped, the last line without an end, lines past the end absent).
    @Test func lineIndexQuotesLinesAloneAndTogether() {
        let text = "{\r\n  \"Version\": \"1\",\n\n  \"Ä\": [\"é\"]\r\n}"
        var index = LineIndex(text)
        #expect(index.starts == [0, 3, 21, 22, 38])
        let together = index.lines(1...5, limit: 10)
        #expect(together.map(\.text) == ["{", "  \"Version\": \"1\",", "", "  \"Ä\": [\"é\"]", "}"])
        #expect(together.map(\.line) == [1, 2, 3, 4, 5])
        for number in 1...5 {
            let alone = index.lines(number...number, limit: 4)
            #expect(alone.map(\.text) == [together[number - 1].text])
            #expect(index.lines(number...number, limit: 4) == alone)
            // The same array, not an equal one: the JSON writer writes a shared quote once per chunk.
            let again = index.lines(number...number, limit: 4)
            #expect(again.withUnsafeBufferPointer { $0.baseAddress } == alone.withUnsafeBufferPointer { $0.baseAddress })
        }
        #expect(index.lines(6...6, limit: 4).isEmpty)
        #expect(index.lines(4...9, limit: 2).map(\.line) == [4, 5])
        #expect(index.lines(2...2, limit: 0).isEmpty)
        var empty = LineIndex("")
        #expect(empty.lines(1...1, limit: 4).map(\.text) == [""])
    }

    /// Every index is run exactly once, on any number of cores, and the results come back in index order
    /// (chunk boundaries, fewer items than chunks, a single worker).
    @Test(arguments: [0, 1, 2, 63, 64, 65, 1_000, 10_007])
    func parallelMapRunsEachIndexOnceInOrder(count: Int) {
        final class Calls: @unchecked Sendable {
            let lock = NSLock()
            var seen: [Int: Int] = [:]
            func note(_ index: Int) { lock.withLock { seen[index, default: 0] += 1 } }
        }
        for workers in [1, 2, 3] {
            let calls = Calls()
            let out = ParallelWork.map(count: count, workers: workers) { index in
                calls.note(index)
                return "item \(index)"
            }
            #expect(out == (0..<count).map { "item \($0)" })
            #expect(calls.seen.count == count && calls.seen.values.allSatisfy { $0 == 1 })
        }
    }
}
