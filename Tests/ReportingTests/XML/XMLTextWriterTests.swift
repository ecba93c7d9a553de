@testable import Reporting
import Testing

@Suite("XMLTextWriter")
struct XMLTextWriterTests {
    /// Element text escaped the plain way, on strings: characters XML cannot carry first, then `&`, `<`,
    /// `>` and CR as character references.
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in XMLReportEncoder.escapeNonXMLCharacters(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Every byte `appendCharacterData` treats specially, next to plain ASCII and multi-byte characters.
    static let alphabet: [String] = ["a", "Z", " ", ":", "=", "?", "&", "<", ">", "\"", "\r", "\n", "\t", "\u{0}", "\u{1}",
                                     "\u{1F}", "\u{7F}", "é", "访", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "\u{F000}", "🛡️"]

    @Test("escaping bytes in one pass gives the bytes of escaping the string in two")
    func appendCharacterDataMatchesTheStringEscapes() {
        var generator = SystemRandomNumberGenerator()
        var cases = [XMLReportEncoderTests.hostileText, AnalysisSamples.hostile, "", "plain text with no markup at all, long enough for words"]
        for _ in 0..<2_000 {
            // Lengths around the eight-byte steps, special characters at every offset.
            let length = Int.random(in: 0...40, using: &generator)
            cases.append(String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! }.joined()))
        }
        for text in cases {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            var copy = text
            copy.withUTF8 { XMLTextWriter.appendCharacterData($0, to: &bytes) }
            let expected = "x" + Self.reference(text)
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(text.debugDescription)")
            var copy2 = text
            let flagged = copy2.withUTF8 { XMLTextWriter.mayNeedEscaping($0) }
            #expect(flagged || expected == "x" + text, "\(text.debugDescription)")
        }
    }

    @Test("the eight-byte test flags exactly the words holding a byte that needs escaping")
    func wordTest() {
        let special: Set<UInt8> = Set((0..<0x20).map(UInt8.init) + [0x26, 0x3C, 0x3E, 0xEF])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var word: UInt64 = 0
            var expected = false
            for index in 0..<8 {
                // Mostly bytes near the special ones, where the bit tricks could err.
                let byte = Bool.random(using: &generator) ? UInt8.random(in: 0x18...0x41, using: &generator) : UInt8.random(in: 0...255, using: &generator)
                expected = expected || special.contains(byte)
                word |= UInt64(byte) << (8 * UInt64(index))
            }
            #expect(XMLTextWriter.mayNeedEscaping(word) == expected, "word \(String(word, radix: 16))")
        }
    }

    @Test("a large escaped text is spliced in, not copied, and the document reads the same")
    func splicedText() throws {
        let pieces: [[UInt8]] = [Array(repeating: UInt8(ascii: "a"), count: XMLTextWriter.splicedTextBytes), Array("b&amp;c".utf8)]
        func write(_ text: JUnitText) throws -> [[UInt8]] {
            try XMLTextWriter.documentParts { (writer) throws(XMLEncodingError) in
                try writer.startDocument()
                try writer.startElement("root")
                try writer.element("big") { () throws(XMLEncodingError) in
                    switch text {
                    case .escaped(let pieces): try writer.escapedText(pieces)
                    case .lines(let lines): try writer.text(lines.joined(separator: "\n"))
                    }
                }
                try writer.textElement("after", "x")
                try writer.endElement("root")
                try writer.endDocument()
            }
        }
        let spliced = try write(.escaped(pieces))
        let plain = try write(.lines([String(repeating: "a", count: XMLTextWriter.splicedTextBytes) + "b&c"]))
        #expect(spliced.count == 4)
        #expect(spliced.joined().elementsEqual(plain.joined()))
        #expect(spliced[1] == pieces[0] && spliced[2] == pieces[1])
    }

    @Test("a fragment is the bytes its elements take inside the open parent, and empty when there are none")
    func fragment() throws {
        let whole = try XMLTextWriter.document { (writer) throws(XMLEncodingError) in
            try writer.startDocument()
            try writer.startElement("list")
            for name in ["a", "b"] {
                try writer.element("item") { () throws(XMLEncodingError) in
                    try writer.attribute("name", name)
                    try writer.textElement("text", "x < y")
                }
            }
            try writer.endElement("list")
            try writer.endDocument()
        }
        let parts = try XMLTextWriter.fragment(inside: "list") { (writer) throws(XMLEncodingError) in
            for name in ["a", "b"] {
                try writer.element("item") { () throws(XMLEncodingError) in
                    try writer.attribute("name", name)
                    try writer.textElement("text", "x < y")
                }
            }
        }
        let text = String(decoding: whole, as: UTF8.self)
        let fragment = String(decoding: parts.joined(), as: UTF8.self)
        #expect(fragment.hasPrefix("  <item name=\"a\">"))
        #expect(text.contains("<list>\n" + fragment + "</list>"))
        #expect(try XMLTextWriter.fragment(inside: "list") { _ in }.isEmpty)
    }
}
