internal import CLibXML2
import VOD

/// Reads an XML response body into a ``VOD/FlatXMLDocument`` with libxml2, safely.
///
/// The input is untrusted (it is whatever came back over the wire), so: the size is bounded, any document
/// containing a DOCTYPE is refused before parsing (no DTD means no entity can be declared, which rules out
/// XXE and entity-expansion bombs whatever libxml2's own defences do), and the parser runs with no network
/// access, no entity substitution and no DTD loading (`cxml_safe_parse_options`). Pass ``read(_:)`` as
/// the `xmlReader` of ``VOD/AlibabaErrorBody/parse(_:xmlReader:)`` or
/// ``VOD/SubmitWorkflowJobResponse/parse(_:xmlReader:)``.
public enum XMLBodyReader {
    /// 1 MiB: far more than any API body.
    public static let maximumBytes = 1 << 20

    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses `bytes` into the root's name, its text children and one level of nested groups.
    public static func read(_ bytes: [UInt8]) throws(Failure) -> FlatXMLDocument {
        guard !bytes.isEmpty else { throw Failure(message: "the XML body is empty") }
        guard bytes.count <= maximumBytes else {
            throw Failure(message: "the XML body is \(bytes.count) bytes, more than the \(maximumBytes)-byte limit; not parsed")
        }
        if containsDoctype(bytes) {
            throw Failure(message: "the XML body has a DOCTYPE; refused (no API body needs one, and it could declare entities)")
        }
        LibXML2Setup.ensureInitialized()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlReadMemory(pointer, Int32(buffer.count), nil, nil, cxml_safe_parse_options())
            }
        }
        guard let document else {
            throw Failure(message: "the body is not well-formed XML")
        }
        defer { xmlFreeDoc(document) }
        guard document.pointee.intSubset == nil else {
            throw Failure(message: "the XML body has a DOCTYPE; refused")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw Failure(message: "the XML body has no root element")
        }
        var values: [String: String] = [:]
        var groups: [String: [String: String]] = [:]
        for child in elementChildren(of: root) {
            let name = self.name(of: child)
            let grandchildren = elementChildren(of: child)
            if grandchildren.isEmpty {
                if values[name] == nil { values[name] = text(of: child) }
            } else if groups[name] == nil {
                var group: [String: String] = [:]
                for grandchild in grandchildren where group[self.name(of: grandchild)] == nil {
                    group[self.name(of: grandchild)] = text(of: grandchild)
                }
                groups[name] = group
            }
        }
        return FlatXMLDocument(rootName: name(of: root), values: values, groups: groups)
    }

    private static func elementChildren(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The concatenated text and CDATA children (no entity references can occur: DOCTYPEs are refused).
    private static func text(of node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content {
                text += String(cString: content)
            }
            child = current.pointee.next
        }
        return text
    }

    /// Whether `<!DOCTYPE` (any case) occurs anywhere in the bytes.
    private static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!doctype".utf8)
        guard bytes.count >= needle.count else { return false }
        outer: for start in 0...(bytes.count - needle.count) where bytes[start] == UInt8(ascii: "<") {
            for offset in 1..<needle.count {
                var byte = bytes[start + offset]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != needle[offset] { continue outer }
            }
            return true
        }
        return false
    }
}
