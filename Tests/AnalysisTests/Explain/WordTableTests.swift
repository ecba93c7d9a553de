@testable import Analysis
import Testing

/// The packed exploration's table: what a dictionary would answer, through growth and collisions.
@Suite struct WordTableTests {
    @Test func answersAsADictionary() {
        var rng = RandomPolicies.SplitMix64(state: 64)
        for words in [1, 10, 100, 5_000] {
            var table = WordTable<UInt64>(capacity: 4)
            var pairs = WordTable<PackedPair>(capacity: 4)
            var reference: [UInt64: Int] = [:]
            for n in 0..<words {
                // Small words and words differing in the high bits only, so that slots collide.
                let w = rng.chance(50) ? UInt64(rng.int(words)) : UInt64(rng.int(64)) << 58
                let pair = PackedPair(low: w, high: w >> 3)
                #expect(table.find(w, orInsert: n) == reference[w])
                #expect(pairs.find(pair, orInsert: n) == reference[w])
                if reference[w] == nil { reference[w] = n }
            }
            #expect(table.count == reference.count && pairs.count == reference.count)
        }
    }
}
