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
}
