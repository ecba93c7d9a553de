import RAMPolicy

/// ASCII case folding on bytes, for comparisons that should not allocate a lower-cased copy.
enum ASCIIFold {
    @inline(__always)
    static func byte(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Case-insensitive equality as `Glob.fold` defines it, without allocating for ASCII text.
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var ascii = true
        for (x, y) in zip(a.utf8, b.utf8) {
            if x >= 0x80 || y >= 0x80 { ascii = false; break }
            if byte(x) != byte(y) { return false }
        }
        return ascii || Glob.fold(a) == Glob.fold(b)
    }
}
