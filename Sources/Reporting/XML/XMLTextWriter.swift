internal import CLibXML2
import XMLKit

/// A thin, checked layer over one `xmlTextWriterPtr`, shared by the XML encoders (report, JUnit). Not Sendable
/// and never stored: it exists only during one ``XMLTextWriter/document(_:)`` call. Every value passes through
/// ``XMLReportEncoder/escapeNonXMLCharacters(_:)`` before libxml2 sees it; element and attribute names are
/// ASCII literals from this file.
struct XMLTextWriter {
    let handle: xmlTextWriterPtr

    /// Runs `body` with a writer on a fresh memory buffer and returns the finished UTF-8 document.
    ///
    /// - Throws: ``XMLEncodingError`` only when libxml2 fails (out of memory) or `body` throws.
    static func document(_ body: (XMLTextWriter) throws(XMLEncodingError) -> Void) throws(XMLEncodingError) -> [UInt8] {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw .resourceUnavailable("an output buffer")
        }
        defer { xmlBufferFree(buffer) }
        guard let handle = xmlNewTextWriterMemory(buffer, 0) else {
            throw .resourceUnavailable("a text writer")
        }
        do {
            // Freeing the writer flushes it into the buffer, so it must happen before the buffer is read.
            defer { xmlFreeTextWriter(handle) }
            try body(XMLTextWriter(handle: handle))
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        let count = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: max(0, count)))
    }

    func startDocument() throws(XMLEncodingError) {
        try check(xmlTextWriterSetIndent(handle, 1), "xmlTextWriterSetIndent", "the document")
        try check(xmlTextWriterSetIndentString(handle, "  "), "xmlTextWriterSetIndentString", "the document")
        try check(xmlTextWriterStartDocument(handle, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument", "the XML declaration")
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
    /// parser's line-end normalisation) — and written with `xmlTextWriterWriteRaw`, which keeps the writer's
    /// state and indentation handling identical to `xmlTextWriterWriteString`.
    func text(_ value: String) throws(XMLEncodingError) {
        guard !value.isEmpty else { return }
        if value.utf8.count >= Self.parallelTextBytes {
            for piece in Self.escapedPieces(value) {
                try check(xmlTextWriterWriteRaw(handle, piece), "xmlTextWriterWriteRaw", "element text")
            }
            return
        }
        let safe = Self.escapeCharacterData(XMLReportEncoder.escapeNonXMLCharacters(value))
        try check(xmlTextWriterWriteRaw(handle, safe), "xmlTextWriterWriteRaw", "element text")
    }

    /// From this size on, a text is escaped in pieces on every core (see ``escapedPieces(_:)``).
    static let parallelTextBytes = 1 << 20

    /// `value` escaped as ``text(_:)`` escapes it, in consecutive pieces escaped on every core.
    ///
    /// A JUnit report of a large tree lists its 150,000 findings in a few `<failure>` and `<system-out>`
    /// texts of tens of megabytes, and escaping them on one core kept the other idle. Both escapes map
    /// each Unicode scalar on its own, so cutting the text between scalars (never before a `10xxxxxx`
    /// byte) and joining the escaped pieces gives the bytes of one escape; written one after the other
    /// with `xmlTextWriterWriteRaw`, they are one text node.
    static func escapedPieces(_ value: String) -> [String] {
        var value = value
        let pieces: [String] = value.withUTF8 { bytes in
            let parts = 16
            var bounds = [0]
            for part in 1..<parts {
                var cut = bytes.count * part / parts
                while cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut += 1 }
                if cut > bounds[bounds.count - 1], cut < bytes.count { bounds.append(cut) }
            }
            bounds.append(bytes.count)
            return (0..<(bounds.count - 1)).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[bounds[$0]..<bounds[$0 + 1]]), as: UTF8.self) }
        }
        return ParallelMap.each(count: pieces.count) { index in
            escapeCharacterData(XMLReportEncoder.escapeNonXMLCharacters(pieces[index]))
        }
    }

    static func escapeCharacterData(_ text: String) -> String {
        var text = text
        // Byte by byte: the four characters are ASCII, so no multi-byte sequence can hold one.
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x0D })
            else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for b in bytes[first...] {
                switch b {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case 0x0D: out.append(contentsOf: "&#13;".utf8)
                default: out.append(b)
                }
            }
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    private func check(_ result: Int32, _ call: String, _ context: String) throws(XMLEncodingError) {
        if result < 0 {
            throw .writeFailed(call, at: context)
        }
    }
}
