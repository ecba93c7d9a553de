import RAMPolicy

/// Small text helpers for messages (no Foundation formatters on the hot path).
enum Formatting {
    /// `5812` → `5,812`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `a`, `a and b`, `a, b and 3 more`.
    static func list(_ items: [String], limit: Int = 3) -> String {
        if items.count <= 1 { return items.first ?? "" }
        if items.count <= limit { return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }

    /// The parts joined, in a string allocated once at its final size. Findings' messages are built
    /// from a handful of pieces; string interpolation grew its buffer (allocating and copying) several
    /// times per message, which made building the messages cost more than the rules that found them.
    /// Fixed parameters rather than a variadic list, which would allocate an array (and count
    /// references) per message; the bytes are copied into the new string's buffer, as `String.append`
    /// cost a few hundred instructions per piece.
    static func concat(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "",
                       _ f: String = "", _ g: String = "") -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count + f.utf8.count + g.utf8.count
        return String(unsafeUninitializedCapacity: count) { out in
            var at = 0
            put(a, into: out, at: &at)
            put(b, into: out, at: &at)
            put(c, into: out, at: &at)
            put(d, into: out, at: &at)
            put(e, into: out, at: &at)
            put(f, into: out, at: &at)
            put(g, into: out, at: &at)
            return at
        }
    }

    /// Copies the UTF-8 bytes of `text` to `out[at...]` and advances `at`.
    @inline(__always)
    private static func put(_ text: String, into out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        guard !text.isEmpty else { return }
        var copy = text
        copy.withUTF8 { bytes in
            (out.baseAddress! + at).update(from: bytes.baseAddress!, count: bytes.count)
            at += bytes.count
        }
    }

    /// A span from the start of the first entry to the end of the last.
    static func span(of entries: [Located<String>]) -> SourceSpan? {
        guard let first = entries.first, let last = entries.last else { return nil }
        return SourceSpan(start: first.span.start, end: last.span.end)
    }
}
