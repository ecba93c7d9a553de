@testable import Reporting
import RAMPolicy
import Testing

/// ``StatementRef/quote(_:covering:)`` finds lines from the span's byte offset with `memchr`: it must quote
/// exactly the lines a plain split of the text gives, for every span of awkward texts.
@Suite struct StatementRefQuoteTests {
    static let texts = [
        "",
        "one line, no end",
        "{\r\n  \"Version\": \"1\",\n\n  \"Ä\": [\"é\"]\r\n}",
        "a\nb\nc\nd\n",
        "\n\n\n",
        (1...20).map { "    \"Action\": \"vod:Get\($0)\"," }.joined(separator: "\n"),
    ]

    /// The byte offset where line `number` (1-based) starts, or the text's length past its last line.
    static func offset(ofLine number: Int, in text: String) -> Int {
        var line = 1
        for (index, byte) in text.utf8.enumerated() where line < number && byte == 0x0A {
            line += 1
            if line == number { return index + 1 }
        }
        return number <= 1 ? 0 : text.utf8.count
    }

    /// Lines `first...last` of `text` (at most 12), split the plain way by bytes, without `\r`.
    static func naive(_ text: String, _ first: Int, _ last: Int) -> [SourceLine] {
        let all = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        guard first - 1 < all.count else { return [] }
        return (first...min(last, all.count)).prefix(12).map { SourceLine(line: $0, text: all[$0 - 1]) }
    }

    @Test func quotesWhatAPlainSplitQuotes() {
        for text in Self.texts {
            let source = PolicySource(name: "p.json", text: text)
            let lineCount = text.utf8.filter { $0 == 0x0A }.count + 1
            for first in 1...(lineCount + 1) {
                for last in first...(lineCount + 2) {
                    // An offset inside the first line (as the parser records it, for a line the text has),
                    // offsets that do not fit the text, and a zero offset on a later line.
                    let lineStart = Self.offset(ofLine: first, in: text)
                    let bytes = Array(text.utf8)
                    let inLine = lineStart < bytes.count && bytes[lineStart] != 0x0A ? lineStart + 1 : lineStart
                    for startOffset in (first <= lineCount ? [inLine] : []) + [text.utf8.count + 5, 0] {
                        let span = SourceSpan(start: SourceLocation(line: first, column: 2, offset: startOffset),
                                              end: SourceLocation(line: last, column: 1, offset: Self.offset(ofLine: last, in: text)))
                        let expected = Self.naive(text, first, last)
                        #expect(StatementRef.quote(source, covering: span) == expected, "\(text.debugDescription) \(span)")
                        #expect(source.lines(covering: span).map { SourceLine(line: $0.number, text: $0.text) } == expected)
                    }
                }
            }
        }
    }

    @Test func quotesAtMostTwelveLines() {
        let text = Self.texts.last!
        let span = SourceSpan(start: SourceLocation(line: 2, column: 1, offset: Self.offset(ofLine: 2, in: text)),
                              end: SourceLocation(line: 20, column: 1, offset: text.utf8.count))
        let quoted = StatementRef.quote(PolicySource(name: "p.json", text: text), covering: span)
        #expect(quoted.map(\.line) == Array(2...13))
        #expect(quoted.first?.text == "    \"Action\": \"vod:Get2\",")
    }
}
