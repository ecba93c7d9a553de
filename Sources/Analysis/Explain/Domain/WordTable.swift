/// A map from packed automaton states (or their answers) to small integers, by open addressing: what
/// ``StringPartition``'s packed exploration asks of every state it reaches.
///
/// The standard `Set` and `Dictionary` hash each word with SipHash behind a generic `Hasher`; a
/// state here is one or two words whose bits are already well spread, so a multiplicative hash of
/// ``PackedWord/mixed`` and a linear probe over two flat arrays do the same at a fraction of the cost.
/// Only insertion and lookup are needed (an exploration never forgets a state).
struct WordTable<Word: PackedWord> {
    private var keys: [Word]
    /// Per slot: the value stored, or -1 for an empty slot.
    private var values: [Int32]
    /// log2 of the slot count.
    private var bits: Int
    private(set) var count = 0

    /// Room for `capacity` entries before the first growth.
    init(capacity: Int) {
        bits = 4
        while (1 << bits) < 2 * capacity { bits += 1 }
        keys = [Word](repeating: .zero, count: 1 << bits)
        values = [Int32](repeating: -1, count: 1 << bits)
    }

    /// The value stored for `key`; nil when there was none, after storing `value` for it.
    mutating func find(_ key: Word, orInsert value: Int) -> Int? {
        let mask = (1 << bits) - 1
        var slot = Int(truncatingIfNeeded: (key.mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while values[slot] >= 0 {
            if keys[slot] == key { return Int(values[slot]) }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = Int32(value)
        count += 1
        if 2 * count > 1 << bits { grow() }
        return nil
    }

    /// Twice the slots, every entry placed again.
    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        bits += 1
        keys = [Word](repeating: .zero, count: 1 << bits)
        values = [Int32](repeating: -1, count: 1 << bits)
        count = 0
        for slot in oldValues.indices where oldValues[slot] >= 0 { _ = find(oldKeys[slot], orInsert: Int(oldValues[slot])) }
    }
}
