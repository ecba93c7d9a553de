import Foundation

/// A tiny, fully deterministic pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// Property tests must replay exactly: the same seed gives the same cases on every platform and
/// toolchain, which `SystemRandomNumberGenerator` does not promise. Every failing case prints its seed.
struct SplitMix64: RandomNumberGenerator {
    private(set) var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen integer in `range` (modulo bias is irrelevant at these sizes).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0..<items.count)]
    }

    /// `count` distinct elements of `items` in random order (all of them if there are fewer).
    mutating func distinct<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var out: [T] = []
        while out.count < count, !pool.isEmpty {
            out.append(pool.remove(at: int(0..<pool.count)))
        }
        return out
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, int(0...i))
        }
        return a
    }
}

/// How many random cases each property runs, and from which seed.
///
/// `RAMGUARD_PROPERTY_CASES` and `RAMGUARD_PROPERTY_SEED` override the defaults, e.g. to run a long
/// soak (`RAMGUARD_PROPERTY_CASES=20000`) or to replay the seed a failure printed.
enum PropertyConfig {
    static let cases: Int = {
        if let s = ProcessInfo.processInfo.environment["RAMGUARD_PROPERTY_CASES"], let n = Int(s), n > 0 { return n }
        return 400
    }()

    static let seed: UInt64 = {
        if let s = ProcessInfo.processInfo.environment["RAMGUARD_PROPERTY_SEED"] {
            if s.hasPrefix("0x"), let n = UInt64(s.dropFirst(2), radix: 16) { return n }
            if let n = UInt64(s) { return n }
        }
        return 0x5241_4D67_7561_7264  // "RAMguard"
    }()

    /// The seed of case `index` of the property named `name`: independent streams per property, so
    /// adding a property never changes the cases of another.
    static func seed(for name: String, case index: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the name
        for b in name.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        var g = SplitMix64(seed: seed ^ h ^ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        return g.next()
    }
}
