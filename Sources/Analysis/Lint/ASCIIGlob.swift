/// `*`/`?` glob matching over ASCII bytes, for patterns and subjects already folded as needed.
///
/// For ASCII text it answers exactly as `Glob(pattern, caseInsensitive: false).matches(subject)` (a
/// test compares them): there a `?` is one byte, and every shape `Glob` compiles (exact, prefix,
/// suffix, any) is a special case of the one loop. The linter compares every literal action with
/// the wildcards of its statement and of every statement that might cover it; compiling a `Glob` per
/// entry for that cost more than the comparisons.
enum ASCIIGlob {
    static func matches(_ pattern: String, _ subject: String) -> Bool {
        var p = pattern
        var s = subject
        return p.withUTF8 { pb in s.withUTF8 { sb in matches(pb, sb) } }
    }

    /// Iterative matching with single-star backtracking, as `Glob` matches general patterns.
    static func matches(_ p: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var t = 0, i = 0
        var starT = -1, starI = 0
        while i < s.count {
            if t < p.count {
                let c = p[t]
                if c == UInt8(ascii: "*") {
                    starT = t
                    starI = i
                    t += 1
                    continue
                }
                if c == UInt8(ascii: "?") || c == s[i] {
                    t += 1
                    i += 1
                    continue
                }
            }
            if starT >= 0 {
                t = starT + 1
                starI += 1
                i = starI
            } else {
                return false
            }
        }
        while t < p.count, p[t] == UInt8(ascii: "*") { t += 1 }
        return t == p.count
    }
}
