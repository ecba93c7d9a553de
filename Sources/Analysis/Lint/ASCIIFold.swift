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

    /// `Glob.fold(a) == Glob.fold(b)`, without a folded copy when both are ASCII. Unlike ``equal(_:_:)``
    /// it never decides on the lengths alone, as Unicode folding may change a length.
    static func foldedEqual(_ a: String, _ b: String) -> Bool {
        var x = a
        var y = b
        let answer = x.withUTF8 { xb in
            y.withUTF8 { yb -> Bool? in
                for c in xb where c >= 0x80 { return nil }
                for c in yb where c >= 0x80 { return nil }
                guard xb.count == yb.count else { return false }
                for (p, q) in zip(xb, yb) where byte(p) != byte(q) { return false }
                return true
            }
        }
        return answer ?? (Glob.fold(a) == Glob.fold(b))
    }

    /// `Glob.fold(s)` for a string the caller has found to be ASCII, in one pass over its bytes
    /// (`s` itself when it has no upper-case letter).
    static func fold(ascii s: String, hasUpperCase: Bool) -> String {
        guard hasUpperCase else { return s }
        var copy = s
        return copy.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, b) in bytes.enumerated() { out[i] = byte(b) }
                return bytes.count
            }
        }
    }

    /// `Glob.fold(s)`, one pass over the bytes for ASCII text (and no copy without upper-case letters).
    static func fold(_ s: String) -> String {
        var copy = s
        let shape = copy.withUTF8 { bytes -> (ascii: Bool, upper: Bool) in
            var upper = false
            for b in bytes {
                if b >= 0x80 { return (false, upper) }
                if b >= 0x41 && b <= 0x5A { upper = true }
            }
            return (true, upper)
        }
        return shape.ascii ? fold(ascii: s, hasUpperCase: shape.upper) : Glob.fold(s)
    }
}
