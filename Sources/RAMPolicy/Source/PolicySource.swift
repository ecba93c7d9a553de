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
    public func lines(covering span: SourceSpan, limit: Int = 12) -> [(number: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        var number = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if number > span.end.line || result.count >= limit { break }
            if number >= span.start.line {
                result.append((number, line.hasSuffix("\r") ? line.dropLast() : line))
            }
            number += 1
        }
        return result
    }
}
