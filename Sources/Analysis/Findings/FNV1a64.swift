/// The 64-bit Fowler–Noll–Vo hash, FNV-1a variant: tiny, stable across runs and platforms.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    mutating func combine(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* Self.prime
    }

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for b in bytes { combine(byte: b) }
    }

    mutating func combine(separator: UInt8) { combine(byte: separator) }

    /// The bytes of `text` (from its contiguous storage when it has one, which native strings do).
    mutating func combine(utf8 text: String) {
        var copy = text
        copy.withUTF8 { for b in $0 { combine(byte: b) } }
    }

    /// The bytes of a JSON path with its array indices (the text inside `[…]`) left out, as
    /// fingerprints hash it.
    mutating func combine(pathWithoutIndices path: String) {
        var copy = path
        copy.withUTF8 { bytes in
            var depth = 0
            for b in bytes {
                if b == UInt8(ascii: "[") { depth += 1; combine(byte: b); continue }
                if b == UInt8(ascii: "]") { depth -= 1 }
                if depth == 0 { combine(byte: b) }
            }
        }
    }

    /// Space, tab, LF or CR, which fingerprints leave out of a snippet: one comparison for the bytes
    /// above space (nearly all of a snippet) and a bit test for the rest.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        let spaces: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D
        return b <= 0x20 && (spaces >> UInt64(b)) & 1 != 0
    }

    /// ``value`` as 16 lower-case hex digits: each half's nibbles spread to one byte each and turned
    /// into digits with word operations (every finding has a fingerprint, and a loop per digit was a
    /// fifth of making one).
    var hex: String {
        String(unsafeUninitializedCapacity: 16) { out in
            let raw = UnsafeMutableRawBufferPointer(out)
            raw.storeBytes(of: Self.hexDigits(UInt32(truncatingIfNeeded: value >> 32)), toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: Self.hexDigits(UInt32(truncatingIfNeeded: value)), toByteOffset: 8, as: UInt64.self)
            return 16
        }
    }

    /// The 8 hex digits of `half`, most significant first, as the bytes of a word in memory order.
    @inline(__always)
    static func hexDigits(_ half: UInt32) -> UInt64 {
        // Nibble i (from the most significant) into byte i, counting bytes in memory order.
        var n = UInt64(half.byteSwapped)
        n = (n | n << 16) & 0x0000_FFFF_0000_FFFF
        n = (n | n << 8) & 0x00FF_00FF_00FF_00FF
        // Each byte now holds two nibbles, high then low in value order: the high one goes first.
        n = ((n >> 4) & 0x000F_000F_000F_000F) | ((n & 0x000F_000F_000F_000F) << 8)
        // A digit above 9 gets the distance from '9' + 1 to 'a' added.
        let letters = ((n &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return (n &+ 0x3030_3030_3030_3030 &+ letters &* 39).littleEndian
    }
}
