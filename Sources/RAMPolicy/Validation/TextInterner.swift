/// The `String`s made for policy values, found again by their bytes: policies repeat their actions,
/// resources, condition keys and values (`vod:SubmitWorkflowJob`, `*`, `acs:SourceIp`, `true`,
/// `2001:db8::/32`) across statements and, in a tree of policies, across files. Making a `String`
/// validates its bytes (and allocates above 15 bytes), and each value's check (action shape, ARN shape,
/// IP range, instant) depends on its text alone; a repeated value costs a hash, a compare and a copy
/// (a retain), and its checks run once (``markPassed(_:)``).
///
/// One interner per thread outlives the documents it validates (``take()``/``put(_:)``): with one per
/// document, each file of a tree made its texts and ran its checks again, and allocated and freed the
/// tables. The texts' bytes are copied into an arena the table compares with (a document's bytes go
/// away with it). The probe table holds plain data and the texts sit in their own buffer in insertion
/// order, so growing moves no `String`s. A thread's interner starts over once it holds
/// ``maxTexts`` texts or ``maxArenaBytes`` bytes, so memory stays bounded whatever the input.
struct TextInterner {
    private struct Entry {
        /// The low half of the text's ``ByteHash`` (it also picks the slot).
        var hash: UInt32
        /// The text's bytes: offset in `arena` and length.
        var offset: Int32
        var length: Int32
        /// The text's index in `texts` (-1: empty slot).
        var text: Int32
    }

    /// Bounds of one thread's interner (checked between documents, by ``take()``).
    static let maxTexts = 1 << 16
    static let maxArenaBytes = 1 << 22

    private var entries: UnsafeMutablePointer<Entry>?
    private var mask = 0
    /// The interned texts, `used` of them, and the checks each passed (``markPassed(_:)``).
    private var texts: UnsafeMutablePointer<String>?
    private var passed: UnsafeMutablePointer<UInt8>?
    /// Each text's ``PathName`` code as a path name (0: not asked yet; see ``lastCode(_:)``).
    private var codes: UnsafeMutablePointer<UInt8>?
    private var used = 0
    /// The texts' bytes, one after another.
    private var arena: UnsafeMutablePointer<UInt8>?
    private var arenaCount = 0
    private var arenaCapacity = 0
    /// The index of the text ``text(_:offset:count:)`` returned last, or -1 when it was not interned.
    private(set) var lastSlot = -1

    /// Texts interned so far.
    var count: Int { used }

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
            if e.hash == h32 && Int(e.length) == count && ByteHash.equal(arena! + Int(e.offset), p, count) {
                lastSlot = Int(e.text)
                return texts![Int(e.text)]
            }
            i = (i + 1) & mask
        }
        return insert(p, at: i, hash: h32, count: count)
    }

    private mutating func insert(_ p: UnsafePointer<UInt8>, at i: Int, hash: UInt32, count: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        if arena == nil || arenaCount + count > arenaCapacity { growArena(count) }
        (arena! + arenaCount).update(from: p, count: count)
        entries![i] = Entry(hash: hash, offset: Int32(arenaCount), length: Int32(count), text: Int32(used))
        arenaCount += count
        (texts! + used).initialize(to: text)
        passed![used] = 0
        codes![used] = 0
        lastSlot = used
        used += 1
        return text
    }

    private mutating func growArena(_ needed: Int) {
        var capacity = max(4096, arenaCapacity * 2)
        while capacity < arenaCount + needed { capacity *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        if let old = arena {
            fresh.update(from: old, count: arenaCount)
            old.deallocate()
        }
        arena = fresh
        arenaCapacity = capacity
    }

    private mutating func grow() {
        let oldCount = entries == nil ? 0 : mask + 1
        let newCount = max(256, oldCount * 2)
        let fresh = UnsafeMutablePointer<Entry>.allocate(capacity: newCount)
        fresh.initialize(repeating: Entry(hash: 0, offset: 0, length: 0, text: -1), count: newCount)
        let newMask = newCount - 1
        // At most half the slots are used, so the texts need half as many places.
        let freshTexts = UnsafeMutablePointer<String>.allocate(capacity: newCount / 2)
        let freshPassed = UnsafeMutablePointer<UInt8>.allocate(capacity: newCount / 2)
        let freshCodes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCount / 2)
        if let old = entries, let oldTexts = texts, let oldPassed = passed, let oldCodes = codes {
            for k in 0..<oldCount where old[k].text >= 0 {
                var i = Int(old[k].hash) & newMask
                while fresh[i].text >= 0 { i = (i + 1) & newMask }
                fresh[i] = old[k]
            }
            freshTexts.moveInitialize(from: oldTexts, count: used)
            freshPassed.update(from: oldPassed, count: used)
            freshCodes.update(from: oldCodes, count: used)
            old.deallocate()
            oldTexts.deallocate()
            oldPassed.deallocate()
            oldCodes.deallocate()
        }
        entries = fresh
        texts = freshTexts
        passed = freshPassed
        codes = freshCodes
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

    /// Records that the last text returned passed `check`, so an equal value later (in this document
    /// or a later one) skips it: the check's answer depends on the text alone, and a passing check
    /// reports nothing.
    @inline(__always)
    mutating func markPassed(_ check: UInt8) {
        guard lastSlot >= 0, let passed else { return }
        passed[lastSlot] |= check
    }

    /// The ``PathName`` code of the last text returned (`compute` gives it from the text), asked once
    /// per text: condition keys repeat across statements and files, and finding a name in the table
    /// hashes it again.
    @inline(__always)
    mutating func lastCode(_ compute: () -> UInt8) -> UInt8 {
        guard lastSlot >= 0, let codes else { return compute() }
        if codes[lastSlot] == 0 { codes[lastSlot] = compute() }
        return codes[lastSlot]
    }

    /// Releases the tables (the texts live on in the policies that hold them).
    mutating func free() {
        if let texts {
            texts.deinitialize(count: used)
            texts.deallocate()
        }
        passed?.deallocate()
        codes?.deallocate()
        entries?.deallocate()
        arena?.deallocate()
        self = TextInterner()
    }
}

extension TextInterner {
    /// The calling thread's interner, moved out of its thread-local place (which is left empty until
    /// ``put(_:)``, so a nested validation on the same thread would simply start its own). Starts over
    /// when the interner has outgrown its bounds.
    static func take() -> TextInterner {
        let slot = ThreadScratch.slot()
        var interner = slot.pointee.texts
        slot.pointee.texts = TextInterner()
        if interner.used > maxTexts || interner.arenaCount > maxArenaBytes { interner.free() }
        interner.lastSlot = -1
        return interner
    }

    /// Gives the interner back to the calling thread for its next document.
    static func put(_ interner: TextInterner) {
        let slot = ThreadScratch.slot()
        slot.pointee.texts.free()
        slot.pointee.texts = interner
    }
}
