@testable import Analysis
import Testing

/// The spellings of condition keys, looked up by comparison while few and by hashing past the limit.
@Suite struct SpellingIndexTests {
    @Test func everySpellingFindsItsSlotBeforeAndAfterTheLimit() {
        var index = SpellingIndex()
        let spellings = (0..<(3 * SpellingIndex.linearLimit)).map { "svc:Key\($0 % 7 == 0 ? "A" : "a")\($0)" }
        for (n, spelling) in spellings.enumerated() {
            #expect(index.slot(of: spelling) == nil)
            index.insert(spelling, slot: n / 2)
            for (m, earlier) in spellings[...n].enumerated() { #expect(index.slot(of: earlier) == m / 2, "\(earlier) after \(n + 1)") }
        }
        #expect(index.slot(of: "svc:keya1") == nil, "spellings are compared exactly; folding is the space's business")
    }
}
