/// A set of a document's distinct action patterns, by their number in the document's
/// ``ActionPatterns`` table, as a fixed 256-bit mask.
///
/// Statement comparisons ask "is some entry of that statement a cover of this pattern?" for every
/// pair of statements; with each pattern's covers and each statement's patterns as masks, that is a
/// few word operations instead of string comparisons. Fixed width, so that a mask is a plain value
/// that costs no allocation; documents with more distinct patterns than ``capacity`` (rare: that is
/// most of a document at the size limit) compare their entries as text instead.
struct PatternMask: Sendable, Equatable {
    private var w0: UInt64 = 0
    private var w1: UInt64 = 0
    private var w2: UInt64 = 0
    private var w3: UInt64 = 0

    /// The largest number of patterns a mask can hold.
    static let capacity = 256

    init() {}

    /// Adds pattern `i` (`0 ..< capacity`).
    @inline(__always)
    mutating func insert(_ i: Int) {
        let bit = UInt64(1) << UInt64(i & 63)
        switch i >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    @inline(__always)
    func contains(_ i: Int) -> Bool {
        let bit = UInt64(1) << UInt64(i & 63)
        switch i >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        default: return w3 & bit != 0
        }
    }

    /// True when the two sets have a pattern in common.
    func intersects(_ other: PatternMask) -> Bool {
        (w0 & other.w0) | (w1 & other.w1) | (w2 & other.w2) | (w3 & other.w3) != 0
    }

    var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }

    /// True when every member of this set is in `other`.
    func isSubset(of other: PatternMask) -> Bool {
        (w0 & ~other.w0) | (w1 & ~other.w1) | (w2 & ~other.w2) | (w3 & ~other.w3) == 0
    }

    mutating func formUnion(_ other: PatternMask) {
        w0 |= other.w0
        w1 |= other.w1
        w2 |= other.w2
        w3 |= other.w3
    }
}
