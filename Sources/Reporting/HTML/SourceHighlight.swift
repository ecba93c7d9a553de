/// Which part of a quoted source line a span covers, so renderers can mark it.
///
/// Spans are ramguard's: 1-based line and column counted in Unicode scalars, end exclusive. A span without an
/// end covers the rest of its start line; a missing column means the whole line.
struct SourceHighlight {
    var line: Int?
    var column: Int?
    var endLine: Int?
    var endColumn: Int?

    /// The 0-based, half-open range of Unicode scalars of `text` (line `number`) inside the span, or nil
    /// when the span does not touch this line. An empty span on a non-empty line marks one character.
    func range(number: Int, text: String) -> Range<Int>? {
        guard let line else { return nil }
        let last = endLine ?? line
        guard number >= line, number <= last else { return nil }
        let count = text.unicodeScalars.count
        let lower = number == line ? min(max((column ?? 1) - 1, 0), count) : 0
        var upper = count
        if number == last, let endColumn {
            upper = min(max(endColumn - 1, lower), count)
        }
        if upper == lower {
            guard lower < count, number == line else { return nil }
            upper = lower + 1
        }
        return lower..<upper
    }

    /// `text` split into the part before, inside and after the span on line `number`.
    func split(number: Int, text: String) -> (before: String, marked: String, after: String)? {
        guard let range = range(number: number, text: text) else { return nil }
        let scalars = Array(text.unicodeScalars)
        func string(_ slice: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(slice)) }
        return (string(scalars[0..<range.lowerBound]), string(scalars[range]), string(scalars[range.upperBound...]))
    }
}
