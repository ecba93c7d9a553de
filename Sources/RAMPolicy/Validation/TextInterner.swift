/// The `String`s made for one document's values, found again by their bytes: a policy repeats its
/// actions, resources and condition values (`vod:SubmitWorkflowJob`, `2027-07-01T00:00:00Z`) across
/// statements, and making a `String` of more than 15 bytes allocates (and the policy's teardown frees
/// it again). A repeated value now costs a hash, a compare and a retain.
///
/// Only strings written without escapes are interned (their text is exactly their bytes); shorter
/// ones are stored inline in the `String` and cost no allocation. One interner per document, owned by
/// the validator's context, freed with ``free()``.
struct TextInterner {
    private struct Entry {
        var hash: UInt64
        /// Byte offset and length in the document (-1: empty slot).
        var offset: Int32
        var length: Int32
        /// Checks this text passed (``markPassed(_:)``): they are functions of the text alone.
        var passed: UInt8
        var text: String
    }

    private var entries: UnsafeMutablePointer<Entry>?
    private var mask = 0
    private var used = 0
    /// The slot of the text ``text(_:offset:count:)`` returned last, or -1 when it was not interned.
    /// Valid until the next call (the table may grow then).
    private(set) var lastSlot = -1

    /// Strings of at most this many UTF-8 bytes are stored inline by `String` (nothing to share).
    static let inlineBytes = 15

    /// The text of the `count` bytes at `offset` in `source` (valid UTF-8, no escapes).
    @inline(__always)
    mutating func text(_ source: UnsafePointer<UInt8>, offset: Int, count: Int) -> String {
        let p = source + offset
        guard count > Self.inlineBytes else {
            lastSlot = -1
            return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        }
        return interned(source, p, offset: offset, count: count)
    }

    private mutating func interned(_ source: UnsafePointer<UInt8>, _ p: UnsafePointer<UInt8>, offset: Int, count: Int) -> String {
        if entries == nil || (used + 1) * 2 > mask + 1 { grow() }
        let entries = entries!
        let h = ByteHash.hash(p, count)
        var i = Int(truncatingIfNeeded: h) & mask
        while entries[i].length >= 0 {
            let e = entries + i
            if e.pointee.hash == h && Int(e.pointee.length) == count
                && ByteHash.equal(source + Int(e.pointee.offset), p, count) {
                lastSlot = i
                return e.pointee.text
            }
            i = (i + 1) & mask
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        entries[i].hash = h
        entries[i].offset = Int32(offset)
        entries[i].length = Int32(count)
        entries[i].passed = 0
        entries[i].text = text
        used += 1
        lastSlot = i
        return text
    }

    private mutating func grow() {
        let oldCount = entries == nil ? 0 : mask + 1
        let newCount = max(64, oldCount * 2)
        let fresh = UnsafeMutablePointer<Entry>.allocate(capacity: newCount)
        fresh.initialize(repeating: Entry(hash: 0, offset: 0, length: -1, passed: 0, text: ""), count: newCount)
        let newMask = newCount - 1
        if let old = entries {
            for k in 0..<oldCount where old[k].length >= 0 {
                var i = Int(truncatingIfNeeded: old[k].hash) & newMask
                while fresh[i].length >= 0 { i = (i + 1) & newMask }
                fresh[i] = old[k]
            }
            old.deinitialize(count: oldCount)
            old.deallocate()
        }
        entries = fresh
        mask = newMask
    }

    /// Marks a text made elsewhere (a decoded escaped string) as the last one: nothing is known of it.
    @inline(__always)
    mutating func forgetLast() { lastSlot = -1 }

    /// Whether the last text returned already passed `check` (a bit; see ``markPassed(_:)``).
    @inline(__always)
    func lastPassed(_ check: UInt8) -> Bool {
        guard lastSlot >= 0, let entries else { return false }
        return entries[lastSlot].passed & check != 0
    }

    /// Records that the last text returned passed `check`, so an equal value later in the document
    /// skips it (the check's answer depends on the text alone, and a passing check reports nothing).
    @inline(__always)
    mutating func markPassed(_ check: UInt8) {
        guard lastSlot >= 0, let entries else { return }
        entries[lastSlot].passed |= check
    }

    /// Releases the table (the texts live on in the policy).
    mutating func free() {
        guard let entries else { return }
        entries.deinitialize(count: mask + 1)
        entries.deallocate()
        self.entries = nil
        used = 0
        lastSlot = -1
    }
}
