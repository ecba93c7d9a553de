@testable import Reporting
import Testing

/// Fields read in place give exactly the bytes the value holds: small strings (inside the value), large
/// ones (in their storage), literals, empty strings and arrays, and non-ASCII text.
@Suite struct BorrowedFieldTests {
    static let texts = [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", String(repeating: "x", count: 15), String(repeating: "y", count: 16),
        "ünïcödé ✓", "Statement[12].Action[3]", "a \"quoted\" line\n\twith escapes \\", String(repeating: "long ", count: 100),
    ]

    @Test(arguments: texts)
    func stringBytesAreTheValuesUTF8(_ text: String) {
        // A copy made at run time, so large texts are native strings, not literals.
        var native = text
        native.append("")
        for value in [text, native, String(text.reversed())] {
            let bytes = withUnsafePointer(to: value) { field in BorrowedField.withUTF8(field) { Array($0) } }
            #expect(bytes == Array(value.utf8))
        }
    }

    @Test func literalAndIdentity() {
        let literal = "a literal long enough to be stored outside the value"
        let bytes = withUnsafePointer(to: literal) { BorrowedField.withUTF8($0) { Array($0) } }
        #expect(bytes == Array(literal.utf8))
        // The identity is the value's two words: equal for copies of one string, different for another.
        let copy = literal
        let other = String(literal.dropFirst())
        let id = withUnsafePointer(to: literal) { BorrowedField.identity($0) }
        #expect(withUnsafePointer(to: copy) { BorrowedField.identity($0) } == id)
        #expect(withUnsafePointer(to: other) { BorrowedField.identity($0) } != id)
    }

    @Test func elementsAreTheArraysOwn() {
        let lines = [SourceLine(line: 1, text: "one"), SourceLine(line: 2, text: "two")]
        withUnsafePointer(to: lines) { field in
            let elements = BorrowedField.elements(field)
            #expect(Array(elements) == lines)
            #expect(elements.baseAddress == lines.withUnsafeBufferPointer { $0.baseAddress })
        }
        let empty: [SourceLine] = []
        withUnsafePointer(to: empty) { #expect(BorrowedField.elements($0).isEmpty) }
    }
}
