internal import CLibXML2

/// Writes Alibaba Cloud's XML bodies with libxml2's `xmlTextWriter`: an XML declaration, a root element,
/// text children, and optionally one nested group, e.g.
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <Error><RequestId>…</RequestId><HostId>…</HostId><Code>…</Code><Message>…</Message></Error>
/// ```
///
/// libxml2 escapes `&`, `<`, `>` (and quotes) in text; characters XML cannot carry at all are replaced
/// first (``LibXML2Setup/escapeNonXMLCharacters(_:)``). Element names are literals from this module.
struct XMLBodyWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The document as UTF-8 bytes.
    static func document(
        root: String,
        fields: [(name: String, value: String)],
        group: (name: String, fields: [(name: String, value: String)])? = nil
    ) throws(Failure) -> [UInt8] {
        LibXML2Setup.ensureInitialized()
        guard let buffer = xmlBufferCreate() else { throw Failure(description: "libxml2 could not allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            throw Failure(description: "libxml2 could not create a text writer")
        }
        do {
            // Freeing the writer flushes it into the buffer, so it must happen before the buffer is read.
            defer { xmlFreeTextWriter(writer) }
            try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
            try check(xmlTextWriterStartElement(writer, root), "xmlTextWriterStartElement")
            for field in fields {
                try element(writer, field.name, field.value)
            }
            if let group {
                try check(xmlTextWriterStartElement(writer, group.name), "xmlTextWriterStartElement")
                for field in group.fields {
                    try element(writer, field.name, field.value)
                }
                try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
            }
            try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
            try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        var bytes = Array(UnsafeBufferPointer(start: content, count: Int(max(0, xmlBufferLength(buffer)))))
        // xmlTextWriterEndDocument ends with a newline after the root; the gateway's bodies have none.
        while bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        return bytes
    }

    private static func element(_ writer: xmlTextWriterPtr, _ name: String, _ value: String) throws(Failure) {
        let safe = LibXML2Setup.escapeNonXMLCharacters(value)
        try check(xmlTextWriterWriteElement(writer, name, safe), "xmlTextWriterWriteElement")
    }

    private static func check(_ result: Int32, _ call: String) throws(Failure) {
        if result < 0 { throw Failure(description: "libxml2 \(call) failed") }
    }
}
