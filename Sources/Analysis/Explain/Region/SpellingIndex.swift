/// The condition keys as written, each with the slot of its key in a ``ConditionSpace``.
///
/// An identity's statements test a handful of keys, each written the same way nearly every time:
/// comparing a condition's key with the few spellings seen (equal strings compare by their bytes,
/// unequal ones mostly by their length) costs less than hashing it, which every condition did twice
/// (building the space, and translating the statement into a box). Past ``linearLimit`` spellings
/// the index hashes, so that a policy with thousands of keys stays linear.
struct SpellingIndex: Sendable {
    private var spellings: [String] = []
    private var slots: [Int] = []
    private var table: [String: Int]?

    static let linearLimit = 16

    func slot(of spelling: String) -> Int? {
        if let table { return table[spelling] }
        for i in spellings.indices where spellings[i] == spelling { return slots[i] }
        return nil
    }

    /// Records a spelling not yet in the index.
    mutating func insert(_ spelling: String, slot: Int) {
        if table != nil {
            table?[spelling] = slot
            return
        }
        spellings.append(spelling)
        slots.append(slot)
        if spellings.count > Self.linearLimit {
            table = Dictionary(uniqueKeysWithValues: zip(spellings, slots))
            spellings = []
            slots = []
        }
    }
}
