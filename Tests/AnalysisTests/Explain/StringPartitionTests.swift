@testable import Analysis
import Testing

/// The string cells found with every pattern packed into one word (when they fit), with one vector lane
/// per pattern (up to sixteen patterns) and with one array word per pattern (more) against the general
/// exploration over sets of positions.
@Suite struct StringPartitionTests {
    @Test func everyExplorationFindsTheSameCells() throws {
        var rng = RandomPolicies.SplitMix64(state: 31)
        let letters: [Character] = ["a", "B", "k", "K", "*", "?", ":", "/", "v", "-"]
        for _ in 0..<400 {
            // 1–12 patterns: both sides of the eight-lane limit.
            let patterns = (0..<1 + rng.int(12)).map { _ -> StringPattern in
                let text = String((0..<rng.int(6)).map { _ in rng.pick(letters) })
                return StringPattern(kind: rng.pick([.exact, .ignoreCase, .like]), text: text)
            }
            let fast: StringPartition, lanes: StringPartition, general: StringPartition
            do {
                fast = try StringPartition(patterns: patterns, key: "k")
                lanes = try StringPartition(patterns: patterns, key: "k", packed: false)
                general = try StringPartition(patterns: patterns, key: "k", bitParallel: false)
            } catch {
                continue  // too many states either way
            }
            #expect(fast.vectors == general.vectors, "\(patterns)")
            #expect(fast.witnesses == general.witnesses, "\(patterns)")
            #expect(lanes.vectors == general.vectors, "\(patterns)")
            #expect(lanes.witnesses == general.witnesses, "\(patterns)")
        }
    }

    /// The two-word state against bit-by-bit arithmetic on 128 positions, across the word boundary.
    @Test func packedPairShiftsAcrossItsWords() {
        var rng = RandomPolicies.SplitMix64(state: 7)
        func bits(_ p: PackedPair) -> [Bool] { (0..<128).map { i in i < 64 ? p.low >> UInt64(i) & 1 == 1 : p.high >> UInt64(i - 64) & 1 == 1 } }
        for _ in 0..<500 {
            let w = rng.next() >> UInt64(rng.int(64)), offset = rng.int(128)
            let placed = PackedPair(w, shiftedBy: offset)
            let expected = (0..<128).map { i in i >= offset && i - offset < 64 && w >> UInt64(i - offset) & 1 == 1 }
            #expect(bits(placed) == expected, "\(w) << \(offset)")
            let p = PackedPair(low: rng.next(), high: rng.next())
            #expect(bits(p.shiftedUp) == [false] + bits(p).dropLast())
            let q = PackedPair(low: rng.next(), high: rng.next())
            #expect(bits(p & q) == zip(bits(p), bits(q)).map { $0 && $1 })
            #expect(bits(p | q) == zip(bits(p), bits(q)).map { $0 || $1 })
        }
    }
}
