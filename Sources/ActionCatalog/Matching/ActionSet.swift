/// A set of actions of one catalogue, as a bit per action (in catalogue order).
///
/// Linting compares what statements grant (is one statement's action list covered by another's?);
/// with sets of bits that is a few word operations instead of string comparisons, and a cached set
/// is shared by every statement that writes the same pattern.
public struct ActionSet: Sendable, Hashable {
    var words: [UInt64]

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// The empty set for a catalogue of `capacity` actions.
    public static func empty(capacity: Int) -> ActionSet { ActionSet(capacity: capacity) }

    mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    public func contains(_ index: Int) -> Bool {
        let w = index >> 6
        return w < words.count && words[w] & (1 << UInt64(index & 63)) != 0
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public func isSubset(of other: ActionSet) -> Bool {
        for (i, w) in words.enumerated() {
            let o = i < other.words.count ? other.words[i] : 0
            if w & ~o != 0 { return false }
        }
        return true
    }

    public func union(_ other: ActionSet) -> ActionSet {
        var result = self
        result.formUnion(other)
        return result
    }

    public func intersection(_ other: ActionSet) -> ActionSet {
        var result = self
        for i in result.words.indices { result.words[i] &= i < other.words.count ? other.words[i] : 0 }
        return result
    }

    public mutating func formUnion(_ other: ActionSet) {
        if other.words.count > words.count {
            words += Array(repeating: 0, count: other.words.count - words.count)
        }
        for (i, w) in other.words.enumerated() { words[i] |= w }
    }

    /// The indices in the set, ascending (catalogue order).
    public var indices: [Int] {
        var result: [Int] = []
        for (i, w) in words.enumerated() {
            var bits = w
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                result.append(i * 64 + b)
                bits &= bits - 1
            }
        }
        return result
    }
}
