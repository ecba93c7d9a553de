internal import CLibXML2
import XMLKit

/// A thin, checked layer over one `xmlTextWriterPtr`, shared by the XML encoders (report, JUnit). Not Sendable
/// and never stored: it exists only during one ``XMLTextWriter/document(_:)`` call. Every value passes through
/// ``XMLReportEncoder/escapeNonXMLCharacters(_:)`` before libxml2 sees it; element and attribute names are
/// ASCII literals from this file.
struct XMLTextWriter {
    let handle: xmlTextWriterPtr
    /// The memory buffer the writer flushes into.
    let buffer: xmlBufferPtr
    /// Escaped texts placed between the buffer's bytes rather than copied into it (``escapedText(_:)``).
    let splices: Splices

    /// Pieces of text and the buffer offset they go at, in document order.
    final class Splices {
        var entries: [(offset: Int, pieces: [[UInt8]])] = []
    }

    /// Runs `body` with a writer on a fresh memory buffer and returns the finished UTF-8 document.
    ///
    /// - Throws: ``XMLEncodingError`` only when libxml2 fails (out of memory) or `body` throws.
    static func document(_ body: (XMLTextWriter) throws(XMLEncodingError) -> Void) throws(XMLEncodingError) -> [UInt8] {
        joined(try documentParts(body))
    }

    /// Consecutive parts of a document as one array.
    static func joined(_ parts: [[UInt8]]) -> [UInt8] {
        guard parts.count > 1 else { return parts.first ?? [] }
        var document: [UInt8] = []
        document.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { document += part }
        return document
    }

    /// The document of ``document(_:)`` in consecutive parts: the writer's buffer, cut where large
    /// escaped texts go, and those texts' pieces as they were given. For writing a large document to a
    /// file without copying its largest texts again.
    static func documentParts(_ body: (XMLTextWriter) throws(XMLEncodingError) -> Void) throws(XMLEncodingError) -> [[UInt8]] {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw .resourceUnavailable("an output buffer")
        }
        defer { xmlBufferFree(buffer) }
        // libxml2 2.9's default scheme grows a buffer to the exact size needed, one `realloc` per 4 KB the
        // writer flushes: for a report of tens of megabytes that moved the whole buffer's pages thousands
        // of times. Doubling keeps the number of moves logarithmic.
        xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
        guard let handle = xmlNewTextWriterMemory(buffer, 0) else {
            throw .resourceUnavailable("a text writer")
        }
        let splices = Splices()
        do {
            // Freeing the writer flushes it into the buffer, so it must happen before the buffer is read.
            defer { xmlFreeTextWriter(handle) }
            try body(XMLTextWriter(handle: handle, buffer: buffer, splices: splices))
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        let bytes = UnsafeBufferPointer(start: content, count: max(0, Int(xmlBufferLength(buffer))))
        var parts: [[UInt8]] = []
        var at = 0
        for (offset, pieces) in splices.entries {
            if offset > at { parts.append(Array(bytes[at..<offset])) }
            parts += pieces
            at = offset
        }
        if at < bytes.count || parts.isEmpty { parts.append(Array(bytes[at...])) }
        return parts
    }

    /// Elements written inside an open `<parent>` element, by a writer of their own: the bytes its
    /// children are written as in a document that has `<parent>` open (at depth 1, with two-space
    /// indentation), in parts (``documentParts(_:)``), starting with the indentation of the first one's
    /// start tag.
    ///
    /// Encoders write large documents' independent parts on every core this way and put the parts in
    /// place of raw content (``raw(_:)``) written by the document's own writer; the result is the document
    /// one writer would make (the callers' tests check it).
    static func fragment(inside parent: String, _ body: (XMLTextWriter) throws(XMLEncodingError) -> Void) throws(XMLEncodingError) -> [[UInt8]] {
        var declaration = 0
        var parts = try documentParts { (writer) throws(XMLEncodingError) in
            // A document of its own (libxml2 writes non-ASCII attribute text as character references
            // unless the document declares its encoding), without its declaration.
            try writer.startDocument()
            declaration = try writer.flushedCount()
            try writer.startElement(parent)
            try body(writer)
        }
        // The writer closes the parent's start tag and breaks the line when the first child starts.
        let opening = Array("<\(parent)>\n".utf8)
        guard let first = parts.first, first.count >= declaration, first[declaration...].starts(with: opening) else {
            if parts.count == 1, parts[0].count >= declaration, parts[0][declaration...].elementsEqual("<\(parent)".utf8) { return [] }
            throw .writeFailed("xmlTextWriterStartElement", at: "the children of <\(parent)>")
        }
        parts[0] = Array(first[(declaration + opening.count)...])
        if parts[0].isEmpty { parts.removeFirst() }
        return parts
    }

    func startDocument() throws(XMLEncodingError) {
        try indent()
        try check(xmlTextWriterStartDocument(handle, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument", "the XML declaration")
    }

    /// Two spaces per level, each start and end tag of an element with children on its own line.
    func indent() throws(XMLEncodingError) {
        try check(xmlTextWriterSetIndent(handle, 1), "xmlTextWriterSetIndent", "the document")
        try check(xmlTextWriterSetIndentString(handle, "  "), "xmlTextWriterSetIndentString", "the document")
    }

    /// `text` as it is, as element content (it must already be escaped).
    func raw(_ text: String) throws(XMLEncodingError) {
        try check(xmlTextWriterWriteRaw(handle, text), "xmlTextWriterWriteRaw", "element text")
    }

    /// How many bytes the document has so far, everything written flushed into the buffer.
    func flushedCount() throws(XMLEncodingError) -> Int {
        try check(xmlTextWriterFlush(handle), "xmlTextWriterFlush", "the document")
        return Int(xmlBufferLength(buffer))
    }

    func endDocument() throws(XMLEncodingError) {
        try check(xmlTextWriterEndDocument(handle), "xmlTextWriterEndDocument", "the end of the document")
    }

    /// The root element with its default namespace declaration written first (`xmlTextWriterStartElementNS`
    /// would put `xmlns` after all other attributes, which is harder to read).
    func startRootElement(_ name: String, namespace: String) throws(XMLEncodingError) {
        try check(xmlTextWriterStartElement(handle, name), "xmlTextWriterStartElement", "<\(name)>")
        try check(xmlTextWriterWriteAttribute(handle, "xmlns", namespace), "xmlTextWriterWriteAttribute", "the namespace declaration")
    }

    /// A start tag without a namespace declaration (for documents in no namespace, such as JUnit XML).
    func startElement(_ name: String) throws(XMLEncodingError) {
        try check(xmlTextWriterStartElement(handle, name), "xmlTextWriterStartElement", "<\(name)>")
    }

    func endElement(_ name: String) throws(XMLEncodingError) {
        try check(xmlTextWriterEndElement(handle), "xmlTextWriterEndElement", "</\(name)>")
    }

    /// `<name …>body</name>`; the body writes attributes first, then children.
    func element(_ name: String, _ body: () throws(XMLEncodingError) -> Void) throws(XMLEncodingError) {
        try check(xmlTextWriterStartElement(handle, name), "xmlTextWriterStartElement", "<\(name)>")
        try body()
        try endElement(name)
    }

    /// `<name>text</name>` (or `<name/>` for empty text).
    func textElement(_ name: String, _ value: String) throws(XMLEncodingError) {
        try element(name) { () throws(XMLEncodingError) in try text(value) }
    }

    func attribute(_ name: String, _ value: String) throws(XMLEncodingError) {
        let safe = XMLReportEncoder.escapeNonXMLCharacters(value)
        try check(xmlTextWriterWriteAttribute(handle, name, safe), "xmlTextWriterWriteAttribute", "attribute \(name)")
    }

    /// Writes the attribute only when there is a value: optional model properties are omitted when `nil`.
    func attribute(_ name: String, _ value: String?) throws(XMLEncodingError) {
        if let value {
            try attribute(name, value)
        }
    }

    /// Element content. `xmlTextWriterWriteString` would also turn every `"` into `&quot;`, which makes the
    /// JSON source lines in a report hard to read, so the text is escaped here instead — exactly the
    /// characters character data requires: `&`, `<`, `>` (so `]]>` cannot occur) and CR (so it survives the
    /// parser's line-end normalisation), and characters XML cannot carry as `\u{hex}`
    /// (``appendCharacterData(_:to:)``) — and written with `xmlTextWriterWriteRawLen`, which keeps the
    /// writer's state and indentation handling identical to `xmlTextWriterWriteString`.
    func text(_ value: String) throws(XMLEncodingError) {
        guard !value.isEmpty else { return }
        var value = value
        let result: Int32 = value.withUTF8 { bytes in
            // Most texts need no escape: written from the string's own bytes.
            guard Self.mayNeedEscaping(bytes) else {
                return xmlTextWriterWriteRawLen(handle, bytes.baseAddress, Int32(clamping: bytes.count))
            }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            Self.appendCharacterData(bytes, to: &escaped)
            return escaped.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(handle, $0.baseAddress, Int32(clamping: $0.count)) }
        }
        try check(result, "xmlTextWriterWriteRawLen", "element text")
    }

    /// Element content already escaped as ``text(_:)`` escapes it (see ``appendCharacterData(_:to:)``),
    /// written piece after piece as one text node. Empty pieces are skipped, so a text with no bytes
    /// leaves the element empty (`<name/>`), as ``text(_:)`` does.
    ///
    /// Texts from ``splicedTextBytes`` on are not copied into libxml2's buffer: the writer is told that
    /// content was written (which closes the start tag and keeps the end tag on the same line, as any
    /// text does) and the pieces are placed at that point of the document (``documentParts(_:)``).
    func escapedText(_ pieces: [[UInt8]]) throws(XMLEncodingError) {
        let pieces = pieces.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return }
        if pieces.reduce(0, { $0 + $1.count }) >= Self.splicedTextBytes {
            let none: [UInt8] = [0]
            let result = none.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(handle, $0.baseAddress, 0) }
            try check(result, "xmlTextWriterWriteRawLen", "element text")
            splices.entries.append((try flushedCount(), pieces))
            return
        }
        for piece in pieces {
            let result = piece.withUnsafeBufferPointer { bytes in
                xmlTextWriterWriteRawLen(handle, bytes.baseAddress, Int32(clamping: bytes.count))
            }
            try check(result, "xmlTextWriterWriteRawLen", "element text")
        }
    }

    /// From this size on, an escaped text is spliced into the document rather than copied into the buffer.
    static let splicedTextBytes = 1 << 16

    /// Appends `bytes` (UTF-8) to `out` escaped as element text: characters XML cannot carry as
    /// `\u{hex}` (as ``XMLReportEncoder/escapeNonXMLCharacters(_:)`` writes them), then `&`, `<`, `>` and CR
    /// as character references — in one pass over the bytes, with no string made.
    ///
    /// For encoders that assemble large texts from many small fields on every core (a JUnit report's
    /// 150,000 finding lines): escaping each field into the text's bytes costs a fraction of building the
    /// lines as strings and escaping their join.
    static func appendCharacterData(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var run = 0
        var index = 0
        let count = bytes.count
        let base = bytes.baseAddress
        while index < count {
            // Eight bytes at a time while none of them needs work (most text is plain).
            if index + 8 <= count, let base, !Self.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let b = bytes[index]
            // Every byte that needs work is below 0x3F or is 0xEF (the lead byte of U+FFFE and U+FFFF).
            if b > 0x3E, b != 0xEF { index += 1; continue }
            let replacement: StaticString?
            var skip = 1
            var hex: UInt32?
            switch b {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case 0x0D: replacement = "&#13;"
            case 0x09, 0x0A: replacement = nil
            case 0..<0x20:
                replacement = nil
                hex = UInt32(b)
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                replacement = nil
                hex = 0xFFFE + UInt32(bytes[index + 2] - 0xBE)
                skip = 3
            default: replacement = nil
            }
            guard replacement != nil || hex != nil else { index += 1; continue }
            if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
            if let replacement {
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            } else if let hex {
                out.append(contentsOf: "\\u{".utf8)
                out.append(contentsOf: String(hex, radix: 16).utf8)
                out.append(UInt8(ascii: "}"))
            }
            index += skip
            run = index
        }
        if run < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count])) }
    }

    /// Whether any of the eight bytes in `word` is a control character (below 0x20, which includes tab,
    /// line feed and CR), `&`, `<`, `>` or 0xEF — the bytes ``appendCharacterData(_:to:)`` looks at. With
    /// the usual bit tricks: a byte below `n` (`n` ≤ 0x80) sets its high bit in `(x - n…n) & ~x`, and a
    /// byte equal to `c` is a zero byte of `x ^ c…c`. Exact for "any", which is all that is asked.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return (word &- ones &* 0x20) & ~word & highs != 0
            || hasZero(word ^ (ones &* 0x26)) || hasZero(word ^ (ones &* 0x3C))
            || hasZero(word ^ (ones &* 0x3E)) || hasZero(word ^ (ones &* 0xEF))
    }

    /// Whether any byte of `bytes` may need ``appendCharacterData(_:to:)``'s escaping (tabs and line
    /// feeds count, though they are kept: it only decides whether to look closer).
    static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index + 8 <= bytes.count {
            if mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { return true }
            index += 8
        }
        while index < bytes.count {
            let b = bytes[index]
            if b < 0x20 || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == 0xEF { return true }
            index += 1
        }
        return false
    }

    private func check(_ result: Int32, _ call: String, _ context: String) throws(XMLEncodingError) {
        if result < 0 {
            throw .writeFailed(call, at: context)
        }
    }
}
