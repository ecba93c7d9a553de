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
    /// Walks the text's contiguous UTF-8 bytes, not Characters or string indices: audits quote the
    /// statements of thousands of documents (stepping a `String.UTF8View` index byte by byte cost 20,000
    /// instructions a statement). Starts at the line of `span.start.offset` (a byte offset, as the parser
    /// records it) rather than at the top of the text; a span whose offset does not fit the text is found
    /// by counting lines.
    ///
    /// Each line is made straight from its bytes: a substring of the text, converted by the caller, cost
    /// twice as much per line (an audit quotes every statement that decides each identity's access).
    public func lines(covering span: SourceSpan, limit: Int = 12) -> [(number: Int, text: String)] {
        let quoted: [(number: Int, text: String)]? = text.utf8.withContiguousStorageIfAvailable { bytes in
            // (line number, first byte, end byte) of each quoted line, without its line end. Offsets at
            // line starts and ends lie on scalar boundaries (`\n`/`\r` are ASCII).
            Self.lineRanges(bytes, covering: span, limit: limit).map { number, from, to in
                (number, String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
            }
        }
        if let quoted { return quoted }
        var copy = text
        copy.makeContiguousUTF8()
        return PolicySource(name: name, text: copy).lines(covering: span, limit: limit)
    }

    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>, covering span: SourceSpan, limit: Int) -> [(Int, Int, Int)] {
        var result: [(Int, Int, Int)] = []
        let count = bytes.count
        let newline = UInt8(ascii: "\n")
        var number = 1
        var lineStart = 0
        var index = 0
        if span.start.line > 1, span.start.offset > 0, span.start.offset <= count {
            // Back from the offset to the start of its line.
            var at = span.start.offset
            while at > 0, bytes[at - 1] != newline { at -= 1 }
            if at > 0 {
                number = span.start.line
                lineStart = at
                index = at
            }
        }
        func take(_ end: Int) {
            var end = end
            if end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            result.append((number, lineStart, end))
        }
        while index < count {
            if number > span.end.line || result.count >= limit { return result }
            if bytes[index] == newline {
                if number >= span.start.line { take(index) }
                number += 1
                lineStart = index + 1
            }
            index += 1
        }
        if number >= span.start.line, number <= span.end.line, result.count < limit { take(count) }
        return result
    }
}
