import RAMPolicy
import Foundation

/// A per-thread table from short byte strings to dense ids `0..<count`, so that a batch worker turns the
/// bytes of an action, a condition key or a context value into a `String` (or a parsed value) once, not
/// once per line.
///
/// Open addressing with linear probing over a power-of-two table; the bytes live in one arena. The
/// table never grows: when it is full, `insert` fails and the caller either clears it or goes without.
/// Not `Sendable`: each worker owns its tables.
final class ByteInterner {
    private struct Slot {
        var hash: UInt64
        var offset: Int32
        var length: Int32
        /// -1 for an empty slot.
        var id: Int32
    }

    /// The most ids the table hands out before `insert` fails.
    let limit: Int
    /// Longer byte strings are never interned.
    let maxLength: Int
    private let slots: UnsafeMutablePointer<Slot>
    private let slotMask: Int
    private let arena: UnsafeMutablePointer<UInt8>
    private let arenaCapacity: Int
    private var arenaCount = 0
    /// Where each id's bytes are in the arena (offset, length).
    private let spans: UnsafeMutablePointer<(offset: Int32, length: Int32)>
    private(set) var count = 0

    init(limit: Int, maxLength: Int) {
        self.limit = limit
        self.maxLength = maxLength
        var capacity = 16
        while capacity < limit * 2 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(hash: 0, offset: 0, length: 0, id: -1), count: capacity)
        slotMask = capacity - 1
        arenaCapacity = limit * min(maxLength, 48) + maxLength
        arena = .allocate(capacity: arenaCapacity)
        spans = .allocate(capacity: limit)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
        spans.deallocate()
    }

    /// Whether `id` (any value: unknown ids never match) stands for these bytes. Lets a caller that
    /// predicts the id (the same key as on the previous line) skip hashing.
    @inline(__always)
    func matches(_ id: Int32, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard id >= 0, Int(id) < count else { return false }
        let span = spans[Int(id)]
        return Int(span.length) == n && ByteHash.equal(arena + Int(span.offset), p, n)
    }

    /// Whether fewer than `reserve` more entries (of average length) are sure to fit: time to clear.
    func isNearlyFull(reserve: Int) -> Bool {
        count + reserve >= limit || arenaCount + reserve * 32 >= arenaCapacity
    }

    /// Forgets every entry (ids start again at 0).
    func removeAll() {
        guard count > 0 else { return }
        for i in 0...slotMask { slots[i].id = -1 }
        count = 0
        arenaCount = 0
    }


    /// The id of these bytes, or -1; `slot` receives where an insert would go.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt64, slot: inout Int) -> Int32 {
        var i = Int(truncatingIfNeeded: h) & slotMask
        while true {
            let s = slots[i]
            if s.id < 0 {
                slot = i
                return -1
            }
            if s.hash == h, Int(s.length) == n, ByteHash.equal(arena + Int(s.offset), p, n) { return s.id }
            i = (i + 1) & slotMask
        }
    }

    /// The id of these bytes, interning them if new (`inserted` tells). -1 when too long or full.
    @inline(__always)
    func intern(_ p: UnsafePointer<UInt8>, _ n: Int, inserted: inout Bool) -> Int32 {
        inserted = false
        guard n <= maxLength else { return -1 }
        let h = ByteHash.hash(p, n)
        var slot = 0
        let id = find(p, n, h, slot: &slot)
        if id >= 0 { return id }
        guard count < limit, arenaCount + n <= arenaCapacity else { return -1 }
        (arena + arenaCount).update(from: p, count: n)
        let newID = Int32(count)
        slots[slot] = Slot(hash: h, offset: Int32(arenaCount), length: Int32(n), id: newID)
        spans[count] = (Int32(arenaCount), Int32(n))
        arenaCount += n
        count += 1
        inserted = true
        return newID
    }
}

/// A growable byte buffer written without bounds checks; the caller frees it.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() { count = 0 }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    @inline(__always)
    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let p = b.baseAddress else { return }
        append(p, b.count)
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(s.utf8Start, s.utf8CodeUnitCount)
    }

    /// Appends a non-negative integer in decimal.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        reserve(20)
        var v = UInt(bitPattern: value)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
            v = 0 &- v
        }
        var digits = 1
        var t = v
        while t >= 10 {
            t /= 10
            digits += 1
        }
        var i = count + digits - 1
        repeat {
            base[i] = UInt8(truncatingIfNeeded: v % 10) | 0x30
            v /= 10
            i -= 1
        } while v > 0
        count += digits
    }
}

/// A per-thread map from 64-bit keys to `Int32` values (open addressing, linear probing, no growth).
final class WordTable {
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<Int32>
    private let mask: Int
    let limit: Int
    private(set) var count = 0

    init(limit: Int) {
        self.limit = limit
        var capacity = 16
        while capacity < limit * 2 { capacity <<= 1 }
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: -1, count: capacity)
        keys.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    func removeAll() {
        guard count > 0 else { return }
        for i in 0...mask { values[i] = -1 }
        count = 0
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        var i = Int(truncatingIfNeeded: h) & mask
        while values[i] >= 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// The value stored under `key`, or -1.
    @inline(__always)
    func get(_ key: UInt64) -> Int32 { values[slot(key)] }

    /// Stores `value` (≥ 0) under a new `key`; false when the table is full.
    @inline(__always)
    func insert(_ key: UInt64, _ value: Int32) -> Bool {
        guard count < limit else { return false }
        let i = slot(key)
        if values[i] < 0 { count += 1 }
        keys[i] = key
        values[i] = value
        return true
    }
}
