/// Hashing and comparing short byte strings (action names, context keys and values) without making
/// `String`s: the evaluator's plan cache and the batch reader's interner both key on raw request bytes.
public enum ByteHash {
    /// Reads `n` (0...7) bytes as a little-endian word, without touching the bytes after them.
    @inlinable @inline(__always)
    public static func loadPartial(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var w: UInt64 = 0
        var o = 0
        if n & 4 != 0 {
            w = UInt64(p.loadUnaligned(as: UInt32.self))
            o = 4
        }
        if n & 2 != 0 {
            w |= UInt64(p.loadUnaligned(fromByteOffset: o, as: UInt16.self)) << UInt64(o * 8)
            o += 2
        }
        if n & 1 != 0 { w |= UInt64(p.load(fromByteOffset: o, as: UInt8.self)) << UInt64(o * 8) }
        return w
    }

    /// 64-bit hash of `n` bytes, 8 at a time (the last word overlaps the one before it).
    @inlinable @inline(__always)
    public static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        let raw = UnsafeRawPointer(p)
        if n >= 8 {
            var i = 0
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                i += 8
            }
            if i < n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
            }
        } else {
            h = (h ^ loadPartial(raw, n)) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 32
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 29
        return h
    }

    /// Whether `n` bytes at `a` and `b` are equal (short strings: a few word compares, no call).
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n < 8 { return loadPartial(a, n) == loadPartial(b, n) }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        return i == n
            || a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }
}
