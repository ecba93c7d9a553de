/// Numbers distinct texts in the order they are first seen: a small open-addressing table hashed with
/// FNV-1a over the UTF-8 bytes.
///
/// The linter interns every action entry of a document. `[String: Int]` cost more than the analysis it
/// saved (a seeded SipHash per lookup, and rehashing as the table grew from empty); the caller knows
/// how many texts at most will be added, so this table is sized once and a lookup is one pass over the
/// bytes and, on a hit, one comparison.
struct TextIndex {
    /// Per slot: 1 + the text's number, or 0 when empty.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private(set) var texts: [String] = []

    /// A table for about `expected` texts (it grows if more are added).
    init(expected: Int) {
        var size = 16
        while size < 2 * expected { size *= 2 }
        slots = Array(repeating: 0, count: size)
        hashes.reserveCapacity(expected)
        texts.reserveCapacity(expected)
    }

    var count: Int { texts.count }

    /// The number of `text`, and whether it was added by this call.
    mutating func insert(_ text: String) -> (number: Int, inserted: Bool) {
        var h = FNV1a64()
        h.combine(utf8: text)
        let hash = h.value
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let n = Int(slots[slot]) - 1
            if hashes[n] == hash && texts[n] == text { return (n, false) }
            slot = (slot + 1) & mask
        }
        let n = texts.count
        slots[slot] = Int32(n + 1)
        hashes.append(hash)
        texts.append(text)
        if 2 * texts.count > slots.count { grow() }
        return (n, true)
    }

    /// Doubles the table (keeps it at most half full, so probes stay short).
    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n + 1)
        }
    }
}
