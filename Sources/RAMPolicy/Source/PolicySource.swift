/// The text of one policy document and the name users know it by (usually a path).
///
/// The text is kept so that reports can quote the statements that decided a request.
public struct PolicySource: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The lines `span` covers, for quoting in reports (at most `limit` lines).
    ///
    /// Walks UTF-8 bytes, not Characters: audits quote statements of thousands of documents.
    /// Starts at the line of `span.start.offset` (a byte offset, as the parser records it) rather than at
    /// the top of the text; a span whose offset does not fit the text is found by counting lines.
    public func lines(covering span: SourceSpan, limit: Int = 12) -> [(number: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        let utf8 = text.utf8
        var number = 1
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        if span.start.line > 1, span.start.offset > 0, span.start.offset <= utf8.count {
            // Back from the offset to the start of its line.
            var at = utf8.index(utf8.startIndex, offsetBy: span.start.offset)
            while at > utf8.startIndex, utf8[utf8.index(before: at)] != UInt8(ascii: "\n") { at = utf8.index(before: at) }
            if at > utf8.startIndex {
                number = span.start.line
                lineStart = at
                index = at
            }
        }
        func take(_ end: String.Index) {
            var line = text[lineStart..<end]
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            result.append((number, line))
        }
        while index < utf8.endIndex {
            if number > span.end.line || result.count >= limit { return result }
            if utf8[index] == UInt8(ascii: "\n") {
                if number >= span.start.line { take(index) }
                number += 1
                lineStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if number >= span.start.line, number <= span.end.line, result.count < limit { take(utf8.endIndex) }
        return result
    }
}
