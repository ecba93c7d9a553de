/// The `String`s made for one document's values, found again by their bytes: a policy repeats its
/// actions, resources and condition values (`vod:SubmitWorkflowJob`, `*`, `true`, `2001:db8::/32`)
/// across statements. Making a `String` validates its bytes (and allocates above 15 bytes), and each
/// value's check (action shape, ARN shape, IP range, instant) depends on its text alone; a repeated
/// value now costs a hash, a compare and a copy, and its checks run once (``markPassed(_:)``).
///
/// Every text written without escapes is interned, short ones too (their checks are what repeats).
/// The probe table holds plain data and the texts sit in their own buffer in insertion order, so
/// growing moves no `String`s and freeing destroys only the texts made. One interner per document,
/// owned by the validator's context, freed with ``free()``.
struct TextInterner {
    private struct Entry {
        /// The low half of the text's ``ByteHash`` (it also picks the slot).
        var hash: UInt32
        /// Byte offset and length in the document.
        var offset: Int32
        var length: Int32
        /// The text's index in `texts` (-1: empty slot).
        var text: Int32
    }

    private var entries: UnsafeMutablePointer<Entry>?
    private var mask = 0
    /// The interned texts, `used` of them, and the checks each passed (``markPassed(_:)``).
    private var texts: UnsafeMutablePointer<String>?
    private var passed: UnsafeMutablePointer<UInt8>?
    private var used = 0
    /// The index of the text ``text(_:offset:count:)`` returned last, or -1 when it was not interned.
    private(set) var lastSlot = -1

    /// The text of the `count` bytes at `offset` in `source` (valid UTF-8, no escapes).
    @inline(__always)
    mutating func text(_ source: UnsafePointer<UInt8>, offset: Int, count: Int) -> String {
        if entries == nil || (used + 1) * 2 > mask + 1 { grow() }
        let entries = entries!
        let p = source + offset
        let h = ByteHash.hash(p, count)
        let h32 = UInt32(truncatingIfNeeded: h)
        var i = Int(h32) & mask
        while true {
            let e = entries[i]
            if e.text < 0 { break }
            if e.hash == h32 && Int(e.length) == count && ByteHash.equal(source + Int(e.offset), p, count) {
                lastSlot = Int(e.text)
                return texts![Int(e.text)]
            }
            i = (i + 1) & mask
        }
        return insert(p, at: i, hash: h32, offset: offset, count: count)
    }

    private mutating func insert(_ p: UnsafePointer<UInt8>, at i: Int, hash: UInt32, offset: Int, count: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        entries![i] = Entry(hash: hash, offset: Int32(offset), length: Int32(count), text: Int32(used))
        (texts! + used).initialize(to: text)
        passed![used] = 0
        lastSlot = used
        used += 1
        return text
    }

    private mutating func grow() {
        let oldCount = entries == nil ? 0 : mask + 1
        let newCount = max(128, oldCount * 2)
        let fresh = UnsafeMutablePointer<Entry>.allocate(capacity: newCount)
        fresh.initialize(repeating: Entry(hash: 0, offset: 0, length: 0, text: -1), count: newCount)
        let newMask = newCount - 1
        // At most half the slots are used, so the texts need half as many places.
        let freshTexts = UnsafeMutablePointer<String>.allocate(capacity: newCount / 2)
        let freshPassed = UnsafeMutablePointer<UInt8>.allocate(capacity: newCount / 2)
        if let old = entries, let oldTexts = texts, let oldPassed = passed {
            for k in 0..<oldCount where old[k].text >= 0 {
                var i = Int(old[k].hash) & newMask
                while fresh[i].text >= 0 { i = (i + 1) & newMask }
                fresh[i] = old[k]
            }
            freshTexts.moveInitialize(from: oldTexts, count: used)
            freshPassed.update(from: oldPassed, count: used)
            old.deallocate()
            oldTexts.deallocate()
            oldPassed.deallocate()
        }
        entries = fresh
        texts = freshTexts
        passed = freshPassed
        mask = newMask
    }

    /// Marks a text made elsewhere (a decoded escaped string) as the last one: nothing is known of it.
    @inline(__always)
    mutating func forgetLast() { lastSlot = -1 }

    /// Whether the last text returned already passed `check` (a bit; see ``markPassed(_:)``).
    @inline(__always)
    func lastPassed(_ check: UInt8) -> Bool {
        guard lastSlot >= 0, let passed else { return false }
        return passed[lastSlot] & check != 0
    }

    /// Records that the last text returned passed `check`, so an equal value later in the document
    /// skips it (the check's answer depends on the text alone, and a passing check reports nothing).
    @inline(__always)
    mutating func markPassed(_ check: UInt8) {
        guard lastSlot >= 0, let passed else { return }
        passed[lastSlot] |= check
    }

    /// Releases the table (the texts live on in the policy).
    mutating func free() {
        guard let entries, let texts, let passed else { return }
        texts.deinitialize(count: used)
        texts.deallocate()
        passed.deallocate()
        entries.deallocate()
        self.entries = nil
        self.texts = nil
        self.passed = nil
        used = 0
        lastSlot = -1
    }
}
