import RAMPolicy
import Testing

/// Quoting statements for reports: the lines a span covers, found from the span's byte offset.
@Suite struct PolicySourceTests {
    /// The lines `first...last` of `text`, split the plain way, without `\r`.
    func naive(_ text: String, _ first: Int, _ last: Int, limit: Int) -> [String] {
        // By bytes: "\r\n" is one Character, so a Character split would not cut it.
        let all = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        return Array(all[(first - 1)..<min(last, all.count)].prefix(limit))
    }

    @Test(arguments: ["\n", "\r\n"])
    func everyStatementIsQuotedFromItsOwnLines(newline: String) throws {
        let text = [
            "{", "  \"Version\": \"1\",", "  \"Statement\": [",
            "    {\"Effect\": \"Allow\", \"Action\": \"vod:Get*\", \"Resource\": \"*\"},",
            "    {", "      \"Effect\": \"Deny\",", "      \"Action\": [\"vod:Delete*\", \"vod:SubmitWorkflowJob\"],",
            "      \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"acs:SecureTransport\": \"false\"}}", "    },",
            "    {\"Effect\": \"Allow\", \"Sid\": \"Ü-策略\", \"Action\": \"vod:Describe*\", \"Resource\": \"*\"}", "  ]", "}",
        ].joined(separator: newline)
        let policy = try #require(validate(text).policy)
        let source = PolicySource(name: "p.json", text: text)
        #expect(policy.statements.count == 3)
        for s in policy.statements {
            for limit in [1, 2, 12] {
                let quoted = source.lines(covering: s.span, limit: limit)
                #expect(quoted.map(\.number) == Array(s.span.start.line...s.span.end.line).prefix(limit).map { $0 })
                #expect(quoted.map { String($0.text) } == naive(text, s.span.start.line, s.span.end.line, limit: limit))
            }
        }
    }

    @Test func aSpanWhoseOffsetDoesNotFitIsFoundByLine() {
        let text = "a\nb\nc\nd"
        let source = PolicySource(name: "x", text: text)
        // Offset 0 with line 3 (a hand-made span): counted from the top.
        let span = SourceSpan(start: SourceLocation(line: 3, column: 1, offset: 0), end: SourceLocation(line: 4, column: 2, offset: 0))
        #expect(source.lines(covering: span).map { String($0.text) } == ["c", "d"])
        let beyond = SourceSpan(start: SourceLocation(line: 2, column: 1, offset: 99), end: SourceLocation(line: 2, column: 2, offset: 100))
        #expect(source.lines(covering: beyond).map { String($0.text) } == ["b"])
    }
}
