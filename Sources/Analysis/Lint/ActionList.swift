/// The action patterns of one statement, in the order of its entries: a window on the list of every
/// entry of its document.
///
/// A document's statements share one list, so making a statement's facts allocates nothing for its
/// entries and freeing them releases one reference instead of one per entry.
struct ActionList: RandomAccessCollection {
    private let base: [ActionFacts]
    private let offset: Int
    let count: Int

    /// Entries `offset ..< offset + count` of `base`.
    init(_ base: [ActionFacts], offset: Int, count: Int) {
        precondition(offset >= 0 && count >= 0 && offset + count <= base.count, "window outside the list")
        self.base = base
        self.offset = offset
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// `body` of the entries in place (reading a field of an entry there copies nothing, where
    /// ``subscript(_:)`` copies the entry and counts a reference each way).
    func withUnsafeFacts<R>(_ body: (UnsafeBufferPointer<ActionFacts>) -> R) -> R {
        base.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<(offset + count)])) }
    }

    subscript(i: Int) -> ActionFacts {
        precondition(i >= 0 && i < count, "index outside the statement's entries")
        return base[offset + i]
    }
}
