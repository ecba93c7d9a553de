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
    public func lines(covering span: SourceSpan, limit: Int = 12) -> [(number: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        let utf8 = text.utf8
        var number = 1
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
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
