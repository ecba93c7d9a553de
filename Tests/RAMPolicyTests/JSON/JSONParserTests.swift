import RAMPolicy
import Testing

struct JSONParserTests {
    let parser = JSONParser()

    @Test func recordsLineColumnAndOffsetOfEveryValue() throws {
        let text = "{\n  \"a\": [1, \"x\"],\n\t\"b\": {\"c\": null}\n}"
        let value = try #require(parser.parse(text).value)
        let members = try #require(value.members)
        #expect(members[0].keySpan.start == RAMPolicy.SourceLocation(line: 2, column: 3, offset: 4))
        guard case .array(let items) = members[0].value.kind else { Issue.record("not an array"); return }
        #expect(items[1].span.start.line == 2)
        #expect(items[1].span.start.column == 12)
        #expect(items[1].span.end.column == 15)
        #expect(members[1].keySpan.start.line == 3)
        #expect(members[1].keySpan.start.column == 2)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let text = "{\"ключ\": \"值🙂\", \"k\": 1}"
        let value = try #require(parser.parse(text).value)
        let k = try #require(value.members?[1])
        // {"ключ": "值🙂", "k": 1} — "k" is the 16th character.
        #expect(k.keySpan.start.column == 16)
        #expect(k.keySpan.start.offset > 16)
        #expect(value.members?[0].value.stringValue == "值🙂")
    }

    @Test(arguments: [
        ("[1,2,]", "trailing comma before ']'"),
        ("{\"a\":1,}", "trailing comma before '}'"),
        ("{\"a\":01}", "leading zeros"),
        ("// c\n{}", "expected a JSON value"),
        ("{\"a\":\"x\ty\"}", "control character"),
        ("{\"a\":\"\\ud800\"}", "lone high surrogate"),
        ("{\"a\":\"\\udc00\"}", "lone low surrogate"),
        ("{\"a\":\"\\x\"}", "invalid escape"),
        ("{\"a\":tru}", "invalid literal"),
        ("{\"a\":1} x", "after the end"),
        ("", "found end of input"),
        ("{\"a\":\"abc", "unterminated string"),
        ("{\"a\" 1}", "expected ':'"),
        ("[1 2]", "expected ',' or ']'"),
        ("1.", "expected a digit after '.'"),
        ("-", "expected a digit"),
        ("1e", "exponent"),
    ])
    func rejectsWhatRFC8259Rejects(text: String, message: String) {
        let result = parser.parse(text)
        #expect(result.value == nil)
        #expect(result.error?.message.contains(message) == true, "\(String(describing: result.error))")
    }

    @Test func reportsTheErrorPosition() throws {
        let result = parser.parse("{\n  \"a\": [1,\n  2,]\n}")
        let error = try #require(result.error)
        #expect(error.location.line == 3)
        #expect(error.location.column == 5)
    }

    @Test func rejectsInvalidUTF8WithItsPosition() throws {
        let bytes: [UInt8] = Array("{\"a\": \"x".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let result = bytes.withUnsafeBufferPointer { parser.parse(bytes: $0) }
        let error = try #require(result.error)
        #expect(error.message.contains("UTF-8"))
        #expect(error.location.column == 9)
        // Overlong encoding and surrogates encoded in UTF-8 are not UTF-8 either.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let b = [0x22] + bad + [0x22]
            #expect(b.withUnsafeBufferPointer { parser.parse(bytes: $0).error } != nil)
        }
    }

    @Test func collectsDuplicateKeysWithBothPositions() throws {
        let result = parser.parse("{\"a\": 1, \"b\": 2, \"a\": 3}")
        #expect(result.value != nil)
        let dup = try #require(result.duplicateKeys.first)
        #expect(dup.key == "a")
        #expect(dup.firstSpan.start.column == 2)
        #expect(dup.span.start.column == 18)
    }

    @Test func duplicateKeysInLargeObjectsAreFoundToo() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        let result = parser.parse("{" + members.joined(separator: ",") + "}")
        #expect(result.duplicateKeys.map(\.key) == ["k7"])
    }

    @Test func decodesEscapes() throws {
        let value = try #require(parser.parse(#"["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]"#).value)
        guard case .array(let items) = value.kind else { Issue.record(); return }
        #expect(items[0].stringValue == "\"\\/\u{8}\u{c}\n\r\té😀")
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = parser.parse(deep)
        #expect(result.value == nil)
        #expect(result.error?.message.contains("nesting deeper than 64") == true)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(parser.parse(ok).value != nil)
    }

    @Test func boundsInputSize() {
        let small = JSONParser(limits: JSONParserLimits(maxDepth: 64, maxBytes: 10))
        #expect(small.parse("[1,2,3,4,5,6]").error?.message.contains("limit is 10 bytes") == true)
    }

    @Test func skipsAByteOrderMark() throws {
        let value = try #require(parser.parse("\u{FEFF}{\"a\": 1}").value)
        #expect(value.members?.first?.keySpan.start.column == 2)
    }

    @Test func keepsNumberTextExactly() throws {
        let value = try #require(parser.parse("[-0.5e+10, 12345678901234567890]").value)
        guard case .array(let items) = value.kind, case .number(let a) = items[0].kind, case .number(let b) = items[1].kind else {
            Issue.record(); return
        }
        #expect(a == "-0.5e+10")
        #expect(b == "12345678901234567890")
    }
}
