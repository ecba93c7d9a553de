/// A set of cells of one ``KeySpace``, as a bit set.
///
/// Every question the analysis asks about values (intersection, complement, emptiness, containment)
/// becomes a word-wise bit operation once a key's value space is cut into finitely many cells.
///
/// The first 64 cells live inline and only cells past them in an array: nearly every key space has
/// fewer than 64 cells, and the region algebra builds and compares these sets in its innermost loops,
/// where an array per set made allocation and reference counting most of the cost.
struct CellSet: Sendable, Hashable, Comparable {
    /// Cells 0..<64.
    private var low: UInt64 = 0
    /// Cells 64 and up, 64 to a word; empty when `count` ≤ 64.
    private var high: [UInt64]
    /// How many cells the key space has (the universe of this set).
    let count: Int

    init(count: Int) {
        self.count = count
        high = count > 64 ? Array(repeating: 0, count: (count - 1) / 64) : []
    }

    init<S: Sequence>(count: Int, cells: S) where S.Element == Int {
        self.init(count: count)
        for c in cells { insert(c) }
    }

    static func all(_ count: Int) -> CellSet {
        var s = CellSet(count: count)
        s.low = count >= 64 ? ~0 : (UInt64(1) << UInt64(max(count, 0))) &- 1
        if !s.high.isEmpty {
            for i in s.high.indices { s.high[i] = ~0 }
            let extra = (s.high.count + 1) * 64 - count
            if extra > 0 { s.high[s.high.count - 1] &= ~UInt64(0) >> UInt64(extra) }
        }
        return s
    }

    /// The number of 64-bit words of the bit set (0 for an empty universe).
    private var wordCount: Int { count > 0 ? high.count + 1 : 0 }

    func contains(_ cell: Int) -> Bool {
        guard cell >= 0, cell < count else { return false }
        if cell < 64 { return low >> UInt64(cell) & 1 == 1 }
        return high[(cell - 64) / 64] >> UInt64(cell % 64) & 1 == 1
    }

    mutating func insert(_ cell: Int) {
        guard cell >= 0, cell < count else { return }
        if cell < 64 {
            low |= 1 << UInt64(cell)
        } else {
            high[(cell - 64) / 64] |= 1 << UInt64(cell % 64)
        }
    }

    var isEmpty: Bool { low == 0 && (high.isEmpty || high.allSatisfy { $0 == 0 }) }
    var isFull: Bool { self == CellSet.all(count) }
    var cardinality: Int { high.reduce(low.nonzeroBitCount) { $0 + $1.nonzeroBitCount } }

    var elements: [Int] { (0..<count).filter(contains) }
    var first: Int? {
        if low != 0 { return low.trailingZeroBitCount }
        for (i, w) in high.enumerated() where w != 0 { return 64 * (i + 1) + w.trailingZeroBitCount }
        return nil
    }

    func intersection(_ other: CellSet) -> CellSet {
        var s = self
        if wordCount > 0 && other.wordCount > 0 { s.low &= other.low }
        if !high.isEmpty { for i in 0..<min(high.count, other.high.count) { s.high[i] &= other.high[i] } }
        return s
    }

    func union(_ other: CellSet) -> CellSet {
        var s = self
        if wordCount > 0 && other.wordCount > 0 { s.low |= other.low }
        if !high.isEmpty { for i in 0..<min(high.count, other.high.count) { s.high[i] |= other.high[i] } }
        return s
    }

    func subtracting(_ other: CellSet) -> CellSet {
        var s = self
        if wordCount > 0 && other.wordCount > 0 { s.low &= ~other.low }
        if !high.isEmpty { for i in 0..<min(high.count, other.high.count) { s.high[i] &= ~other.high[i] } }
        return s
    }

    var complement: CellSet { CellSet.all(count).subtracting(self) }

    func isSubset(of other: CellSet) -> Bool {
        if high.isEmpty { return wordCount == 0 || other.wordCount == 0 ? isEmpty : low & ~other.low == 0 }
        return subtracting(other).isEmpty
    }

    /// `!intersection(other).isEmpty`, without building the intersection.
    func intersects(_ other: CellSet) -> Bool {
        if high.isEmpty {
            if wordCount == 0 { return false }
            return other.wordCount == 0 ? low != 0 : low & other.low != 0
        }
        return !intersection(other).isEmpty
    }

    /// An arbitrary but fixed order, so that normalised constraints compare equal: the words of the
    /// bit set in lexicographic order.
    static func < (a: CellSet, b: CellSet) -> Bool {
        let na = a.wordCount, nb = b.wordCount
        if na == 0 || nb == 0 { return na < nb }
        if a.low != b.low { return a.low < b.low }
        return a.high.lexicographicallyPrecedes(b.high)
    }
}
