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

    /// A span from the start of the first entry to the end of the last.
    static func span(of entries: [Located<String>]) -> SourceSpan? {
        guard let first = entries.first, let last = entries.last else { return nil }
        return SourceSpan(start: first.span.start, end: last.span.end)
    }
}
