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
/// away with it). A thread's interner starts over once it holds ``maxTexts`` texts or
/// ``maxArenaBytes`` bytes, so memory stays bounded whatever the input.
///
/// A tree's values are many and varied (addresses, instants, bucket names), so a thread's table
/// outgrows the processor's nearest caches and each lookup waits for memory: that wait was most of the
/// validator's real time. Everything a lookup reads besides the text's bytes (hash, length, the
/// `String`, the passed checks, the path-name code) therefore sits in the one 32-byte slot it probes,
/// instead of in four arrays, each a cache miss of its own.
struct TextInterner {
    private struct Entry {
        /// The low half of the text's ``ByteHash`` (it also picks the slot).
        var hash: UInt32
        /// The text's length in bytes (-1: empty slot).
        var length: Int32
        /// Where the text's bytes start in `arena`.
        var offset: Int32
        /// The checks the text passed (``markPassed(_:)``).
        var passed: UInt8
        /// The text's ``PathName`` code as a path name (0: not asked yet; see ``lastCode(_:)``).
        var code: UInt8
        /// The text (the empty string in an empty slot).
        var text: String

        static let empty = Entry(hash: 0, length: -1, offset: 0, passed: 0, code: 0, text: "")
    }

    /// Bounds of one thread's interner (checked between documents, by ``take()``).
    static let maxTexts = 1 << 16
    static let maxArenaBytes = 1 << 22

    private var entries: UnsafeMutablePointer<Entry>?
    private var mask = 0
    /// Occupied slots.
    private var used = 0
    /// The texts' bytes, one after another.
    private var arena: UnsafeMutablePointer<UInt8>?
    private var arenaCount = 0
    private var arenaCapacity = 0
    /// The slot of the text ``text(_:offset:count:)`` returned last, or -1 when it was not interned.
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
            let e = entries + i
            if e.pointee.length < 0 { break }
            if e.pointee.hash == h32 && Int(e.pointee.length) == count && ByteHash.equal(arena! + Int(e.pointee.offset), p, count) {
                lastSlot = i
                return e.pointee.text
            }
            i = (i + 1) & mask
        }
        return insert(p, at: i, hash: h32, count: count)
    }

    private mutating func insert(_ p: UnsafePointer<UInt8>, at i: Int, hash: UInt32, count: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        if arena == nil || arenaCount + count > arenaCapacity { growArena(count) }
        (arena! + arenaCount).update(from: p, count: count)
        entries![i] = Entry(hash: hash, length: Int32(count), offset: Int32(arenaCount), passed: 0, code: 0, text: text)
        arenaCount += count
        lastSlot = i
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
        fresh.initialize(repeating: .empty, count: newCount)
        let newMask = newCount - 1
        if let old = entries {
            for k in 0..<oldCount {
                if old[k].length < 0 {
                    (old + k).deinitialize(count: 1)
                    continue
                }
                var i = Int(old[k].hash) & newMask
                while fresh[i].length >= 0 { i = (i + 1) & newMask }
                // Moved, not copied: no reference counting while growing.
                (fresh + i).pointee = (old + k).move()
            }
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

    /// Records that the last text returned passed `check`, so an equal value later (in this document
    /// or a later one) skips it: the check's answer depends on the text alone, and a passing check
    /// reports nothing.
    @inline(__always)
    mutating func markPassed(_ check: UInt8) {
        guard lastSlot >= 0, let entries else { return }
        entries[lastSlot].passed |= check
    }

    /// The ``PathName`` code of the last text returned (`compute` gives it from the text), asked once
    /// per text: condition keys repeat across statements and files, and finding a name in the table
    /// hashes it again.
    @inline(__always)
    mutating func lastCode(_ compute: () -> UInt8) -> UInt8 {
        guard lastSlot >= 0, let entries else { return compute() }
        if entries[lastSlot].code == 0 { entries[lastSlot].code = compute() }
        return entries[lastSlot].code
    }

    /// Releases the tables (the texts live on in the policies that hold them).
    mutating func free() {
        if let entries {
            entries.deinitialize(count: mask + 1)
            entries.deallocate()
        }
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
