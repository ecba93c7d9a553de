/// A set of cells of one ``KeySpace``, as a bit set.
///
/// Every question the analysis asks about values (intersection, complement, emptiness, containment)
/// becomes a word-wise bit operation once a key's value space is cut into finitely many cells.
struct CellSet: Sendable, Hashable, Comparable {
    private(set) var words: [UInt64]
    /// How many cells the key space has (the universe of this set).
    let count: Int

    init(count: Int) {
        self.count = count
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    init<S: Sequence>(count: Int, cells: S) where S.Element == Int {
        self.init(count: count)
        for c in cells { insert(c) }
    }

    static func all(_ count: Int) -> CellSet {
        var s = CellSet(count: count)
        for i in 0..<s.words.count { s.words[i] = ~0 }
        s.trim()
        return s
    }

    private mutating func trim() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~UInt64(0) >> UInt64(extra) }
    }

    func contains(_ cell: Int) -> Bool {
        guard cell >= 0, cell < count else { return false }
        return words[cell / 64] >> UInt64(cell % 64) & 1 == 1
    }

    mutating func insert(_ cell: Int) {
        guard cell >= 0, cell < count else { return }
        words[cell / 64] |= 1 << UInt64(cell % 64)
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
    var isFull: Bool { self == CellSet.all(count) }
    var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    var elements: [Int] { (0..<count).filter(contains) }
    var first: Int? { (0..<count).first(where: contains) }

    func intersection(_ other: CellSet) -> CellSet {
        var s = self
        for i in 0..<min(words.count, other.words.count) { s.words[i] &= other.words[i] }
        return s
    }

    func union(_ other: CellSet) -> CellSet {
        var s = self
        for i in 0..<min(words.count, other.words.count) { s.words[i] |= other.words[i] }
        return s
    }

    func subtracting(_ other: CellSet) -> CellSet {
        var s = self
        for i in 0..<min(words.count, other.words.count) { s.words[i] &= ~other.words[i] }
        return s
    }

    var complement: CellSet { CellSet.all(count).subtracting(self) }

    func isSubset(of other: CellSet) -> Bool { subtracting(other).isEmpty }

    /// An arbitrary but fixed order, so that normalised constraints compare equal.
    static func < (a: CellSet, b: CellSet) -> Bool { a.words.lexicographicallyPrecedes(b.words) }
}
