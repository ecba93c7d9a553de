/// Numbers distinct texts in the order they are first seen: a small open-addressing table hashed
/// eight UTF-8 bytes at a time.
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

    /// Empties the table for about `expected` texts, keeping its storage when it is the right size or
    /// up to four times it (clearing is cheaper than allocating and freeing the table again).
    mutating func reset(expected: Int) {
        var size = 16
        while size < 2 * expected { size *= 2 }
        if slots.count >= size && slots.count <= 4 * size {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            slots = Array(repeating: 0, count: size)
        }
        hashes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
    }

    /// The hash a table files `text` under, for a caller that looks the same text up in two tables.
    ///
    /// A multiply-and-shift over 8-byte words with a final mix of the high bits into the low ones
    /// (which pick the slot): every action entry of every document is hashed, and FNV-1a's multiply
    /// per byte was most of a lookup. Only this process's tables use it, so it need not be stable.
    static func hash(_ text: String) -> UInt64 {
        // The text's own storage when it has one (no copy of the string to make and release).
        if let h = text.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0) }) { return h }
        var copy = text
        return copy.withUTF8 { hash(bytes: $0) }
    }

    /// ``hash(_:)`` of UTF-8 bytes.
    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < raw.count {
            tail |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* multiplier
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }

    /// The number of `text` (whose ``hash(_:)`` is `hash`), or nil when it has not been added.
    func find(_ text: String, hash: UInt64) -> Int? {
        probe(text, hash: hash).number
    }

    /// The number of `text`, and whether it was added by this call.
    mutating func insert(_ text: String) -> (number: Int, inserted: Bool) {
        insert(text, hash: Self.hash(text))
    }

    /// ``insert(_:)`` with the text's ``hash(_:)`` already computed.
    mutating func insert(_ text: String, hash: UInt64) -> (number: Int, inserted: Bool) {
        let (found, slot) = probe(text, hash: hash)
        if let found { return (found, false) }
        let n = texts.count
        slots[slot] = Int32(n + 1)
        hashes.append(hash)
        texts.append(text)
        if 2 * texts.count > slots.count { grow() }
        return (n, true)
    }

    /// The number of `text` if it was added, and otherwise the empty slot where it would go.
    @inline(__always)
    private func probe(_ text: String, hash: UInt64) -> (number: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let n = Int(slots[slot]) - 1
            if hashes[n] == hash && texts[n] == text { return (n, slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
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
