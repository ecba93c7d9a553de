@testable import Analysis
import Testing

/// The string cells found with one vector lane per pattern (up to eight patterns) and with one array
/// word per pattern (more) against the general exploration over sets of positions.
@Suite struct StringPartitionTests {
    @Test func everyExplorationFindsTheSameCells() throws {
        var rng = RandomPolicies.SplitMix64(state: 31)
        let letters: [Character] = ["a", "B", "k", "K", "*", "?", ":", "/", "v", "-"]
        for _ in 0..<150 {
            // 1–12 patterns: both sides of the eight-lane limit.
            let patterns = (0..<1 + rng.int(12)).map { _ -> StringPattern in
                let text = String((0..<rng.int(6)).map { _ in rng.pick(letters) })
                return StringPattern(kind: rng.pick([.exact, .ignoreCase, .like]), text: text)
            }
            let fast: StringPartition, general: StringPartition
            do {
                fast = try StringPartition(patterns: patterns, key: "k")
                general = try StringPartition(patterns: patterns, key: "k", bitParallel: false)
            } catch {
                continue  // too many states either way
            }
            #expect(fast.vectors == general.vectors, "\(patterns)")
            #expect(fast.witnesses == general.witnesses, "\(patterns)")
        }
    }
}
