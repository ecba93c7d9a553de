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

    var hex: String {
        var v = value
        return String(unsafeUninitializedCapacity: 16) { out in
            for i in (0..<16).reversed() {
                let d = UInt8(truncatingIfNeeded: v & 0xF)
                out[i] = d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
                v >>= 4
            }
            return 16
        }
    }
}
