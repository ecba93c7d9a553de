package import CLibXML2

/// Reads untrusted XML (for example the `<Error>` bodies Alibaba Cloud APIs return) into a plain
/// ``XMLElementNode`` tree.
///
/// Why not FoundationXML: it resolves external entities by default and repairs malformed input instead of
/// failing. This reader uses libxml2 directly with the safe options: no network access, no entity
/// substitution, no DTD loading. On top of that it refuses any document with a DOCTYPE at all — it stops the
/// parser the moment a DOCTYPE is seen, before a single entity is declared — which rules out XXE and
/// "billion laughs" whatever libxml2's own defences do. Input is size-bounded and libxml2 bounds nesting
/// depth (256). Errors carry libxml2's line and column.
///
/// The reader is a value and can be used from any thread: every libxml2 handle lives only inside one call.
public struct SafeXMLReader: Sendable {
    /// 1 MiB: far more than any API error body, small enough that a hostile one cannot cost much.
    public static let defaultMaxBytes = 1 << 20

    /// Documents longer than this (in bytes) are rejected with ``XMLReadError/Kind/tooLarge`` without parsing.
    public var maxBytes: Int

    public init(maxBytes: Int = SafeXMLReader.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// Parses `bytes` (UTF-8 unless the XML declaration or a byte-order mark says otherwise) into its root element.
    public func parse(_ bytes: [UInt8]) throws(XMLReadError) -> XMLElementNode {
        let result = LibXML2.withSafeDocument(bytes, maxBytes: maxBytes) { (doc) -> XMLElementNode? in
            guard let root = xmlDocGetRootElement(doc) else { return nil }
            return Self.node(from: root, in: doc)
        }
        switch result {
        case .success(let root?):
            return root
        case .success(nil):
            throw XMLReadError(kind: .malformed, message: "The XML document has no root element.", line: 1, column: 1)
        case .failure(let error):
            throw error
        }
    }

    /// Parses the UTF-8 form of `text`.
    public func parse(_ text: String) throws(XMLReadError) -> XMLElementNode {
        try parse(Array(text.utf8))
    }

    /// Converts one libxml2 element and its subtree. Recursion depth is bounded by libxml2's own depth limit.
    private static func node(from element: xmlNodePtr, in doc: xmlDocPtr) -> XMLElementNode {
        let name = element.pointee.name.map { String(cString: $0) } ?? ""
        let namespaceURI = element.pointee.ns.flatMap { ns in ns.pointee.href.map { String(cString: $0) } }

        var attributes: [String: String] = [:]
        var attribute = element.pointee.properties
        while let current = attribute {
            var key = current.pointee.name.map { String(cString: $0) } ?? ""
            if let prefix = current.pointee.ns?.pointee.prefix {
                key = String(cString: prefix) + ":" + key
            }
            var value = ""
            if let raw = xmlNodeListGetString(doc, current.pointee.children, 1) {
                value = String(cString: raw)
                cxml_free(raw)
            }
            attributes[key] = value
            attribute = current.pointee.next
        }

        var text = ""
        var children: [XMLElementNode] = []
        var child = element.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(node(from: current, in: doc))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    text += String(cString: content)
                }
            default:
                break  // comments and processing instructions carry no data for us
            }
            child = current.pointee.next
        }
        // Indentation between child elements is formatting, not data.
        if !children.isEmpty, text.unicodeScalars.allSatisfy({ [" ", "\t", "\n", "\r"].contains($0) }) {
            text = ""
        }
        return XMLElementNode(
            name: name, namespaceURI: namespaceURI, attributes: attributes, text: text, children: children,
            line: Int(xmlGetLineNo(element))
        )
    }
}

/// One element of a document read by ``SafeXMLReader``: plain Sendable data, no libxml2 pointers.
public struct XMLElementNode: Sendable, Hashable {
    /// The local name (without prefix).
    public var name: String
    /// The element's namespace, `nil` when it has none.
    public var namespaceURI: String?
    /// Attribute values keyed by name (`prefix:name` for prefixed attributes); namespace declarations are not attributes.
    public var attributes: [String: String]
    /// The element's own character data (text and CDATA children concatenated, entities resolved). When the
    /// element has child elements and this text is only whitespace, it is formatting and is reported as "".
    public var text: String
    /// Child elements in document order.
    public var children: [XMLElementNode]
    /// 1-based line of the start tag, for error messages (0 if unknown).
    public var line: Int

    public init(
        name: String, namespaceURI: String? = nil, attributes: [String: String] = [:], text: String = "",
        children: [XMLElementNode] = [], line: Int = 0
    ) {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
    }

    /// The first child element with this local name.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    /// All child elements with this local name, in document order.
    public func children(named name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    /// The text of the first child element with this local name (`<Code>x</Code>` → `"x"`).
    public func childText(_ name: String) -> String? {
        child(name)?.text
    }
}

/// Why an XML document was refused by ``SafeXMLReader`` (or could not be parsed for validation).
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case malformed, doctypeForbidden, tooLarge, resourceUnavailable
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Not well-formed XML (or not namespace-well-formed); `line`/`column` say where libxml2 gave up.
        public static let malformed = Kind(.malformed)
        /// The document has a DOCTYPE. Untrusted XML never needs one and it is the door to XXE and entity bombs.
        public static let doctypeForbidden = Kind(.doctypeForbidden)
        /// The document is longer than the reader's byte limit; it was not parsed.
        public static let tooLarge = Kind(.tooLarge)
        /// libxml2 could not allocate a parser.
        public static let resourceUnavailable = Kind(.resourceUnavailable)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// What is wrong, in libxml2's words where it has them.
    public var message: String
    /// 1-based line of the problem, when known.
    public var line: Int?
    /// 1-based column of the problem, when known.
    public var column: Int?

    public init(kind: Kind, message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        switch (line, column) {
        case let (line?, column?): "line \(line), column \(column): \(message)"
        case let (line?, nil): "line \(line): \(message)"
        default: message
        }
    }
}

/// Process-wide libxml2 set-up and the one safe way this module parses XML.
package enum LibXML2 {
    /// `xmlInitParser()` is not safe to race; a `static let` initialiser runs exactly once, thread-safely.
    /// `xmlCleanupParser()` is never called: other code in the process may still be using libxml2.
    private static let initialized: Void = { xmlInitParser() }()

    package static func ensureInitialized() {
        _ = initialized
    }

    /// No network, no entity substitution, no DTD loading, errors kept in the context, CDATA as text, line
    /// numbers above 65535 kept.
    package static var safeParseOptions: Int32 {
        cxml_safe_parse_options() | Int32(bitPattern: XML_PARSE_BIG_LINES.rawValue)
    }

    /// Parses `bytes` with ``safeParseOptions``, refusing DOCTYPEs and oversized input, and runs `body` on the
    /// document. The document is freed when this returns; `body` must not let it (or any node) escape.
    ///
    /// A parse failure is returned as `.failure`; errors thrown by `body` propagate unchanged.
    package static func withSafeDocument<Value, Failure: Error>(
        _ bytes: [UInt8], maxBytes: Int, _ body: (xmlDocPtr) throws(Failure) -> Value
    ) throws(Failure) -> Result<Value, XMLReadError> {
        ensureInitialized()
        let limit = min(maxBytes, Int(Int32.max))
        guard bytes.count <= limit else {
            return .failure(XMLReadError(
                kind: .tooLarge,
                message: "The XML document is \(bytes.count) bytes, more than the limit of \(limit) bytes; it was not parsed. Raise the limit only for trusted input."
            ))
        }
        guard !bytes.isEmpty else {
            return .failure(XMLReadError(kind: .malformed, message: "The XML document is empty.", line: 1, column: 1))
        }
        guard let parser = xmlNewParserCtxt() else {
            return .failure(XMLReadError(kind: .resourceUnavailable, message: "libxml2 could not allocate a parser context (out of memory?)."))
        }
        defer { xmlFreeParserCtxt(parser) }
        guard let sax = parser.pointee.sax else {
            return .failure(XMLReadError(kind: .resourceUnavailable, message: "libxml2 created a parser context without a SAX handler (out of memory?)."))
        }

        // Two SAX hooks, on the handler struct that belongs to this context only (libxml2 copies the defaults
        // per context). `internalSubset` fires when `<!DOCTYPE name …` has been read, before the internal
        // subset (and so any entity declaration) is parsed: it records where and stops the parser. `serror`
        // receives every error of this parse (so nothing goes to a process-wide handler) and keeps the first
        // one, which is where the document actually went wrong; libxml2's "last error" is often only the
        // resulting "premature end of data". The observer reaches these non-capturing C callbacks through
        // `_private`, libxml2's slot for application data; `userData` is the parser context itself.
        let observer = ParseObserver()
        let observerRef = Unmanaged.passRetained(observer)
        defer { observerRef.release() }
        parser.pointee._private = observerRef.toOpaque()
        sax.pointee.internalSubset = { context, _, _, _ in
            guard let context else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            if let observer = ParseObserver.of(parser) {
                observer.doctypeSeen = true
                if let input = parser.pointee.input {
                    observer.doctypeLine = Int(input.pointee.line)
                    observer.doctypeColumn = Int(input.pointee.col)
                }
            }
            xmlStopParser(parser)
        }
        sax.pointee.serror = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let observer = ParseObserver.of(parser), observer.firstError == nil else { return }
            observer.firstError = LibXML2.readError(from: error.pointee)
        }

        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), "input.xml", nil, safeParseOptions)
            }
        }
        let stoppedByUs = observer.doctypeSeen || parser.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue)
        guard let doc = parsed, !stoppedByUs, parser.pointee.wellFormed != 0, parser.pointee.nsWellFormed != 0,
              doc.pointee.intSubset == nil, doc.pointee.extSubset == nil
        else {
            if let parsed { xmlFreeDoc(parsed) }
            if stoppedByUs || parsed?.pointee.intSubset != nil || parsed?.pointee.extSubset != nil {
                return .failure(XMLReadError(
                    kind: .doctypeForbidden,
                    message: "The XML document has a DOCTYPE declaration; documents with a DOCTYPE are refused because DTDs enable entity expansion attacks (XXE, billion laughs).",
                    line: observer.doctypeLine, column: observer.doctypeColumn
                ))
            }
            return .failure(observer.firstError ?? lastError(of: parser))
        }
        defer { xmlFreeDoc(doc) }
        return .success(try body(doc))
    }

    /// The parser context's last error as an ``XMLReadError`` (copied: the context is freed afterwards).
    package static func lastError(of parser: xmlParserCtxtPtr) -> XMLReadError {
        guard let error = xmlCtxtGetLastError(parser), error.pointee.code != 0 else {
            return XMLReadError(kind: .malformed, message: "The XML document is not well-formed.")
        }
        return readError(from: error.pointee)
    }

    /// A libxml2 parser error as a ``XMLReadError/Kind/malformed`` error, with its line and column (`int2`).
    package static func readError(from error: xmlError) -> XMLReadError {
        XMLReadError(
            kind: .malformed,
            message: message(of: error, fallback: "The XML document is not well-formed (libxml2 error \(error.code))."),
            line: error.line > 0 ? Int(error.line) : nil,
            column: error.int2 > 0 ? Int(error.int2) : nil
        )
    }

    /// libxml2's message without its trailing newline.
    package static func message(of error: xmlError, fallback: String) -> String {
        guard let raw = error.message else { return fallback }
        var text = String(cString: raw)
        while let last = text.unicodeScalars.last, last == "\n" || last == " " || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        return text.isEmpty ? fallback : text
    }
}

/// What the SAX callbacks in ``LibXML2/withSafeDocument(_:maxBytes:_:)`` saw: a DOCTYPE (and where), and
/// the first error. Used on one thread only, inside that call.
private final class ParseObserver {
    var doctypeSeen = false
    var doctypeLine: Int?
    var doctypeColumn: Int?
    var firstError: XMLReadError?

    /// The observer stored in the parser context's `_private` slot.
    static func of(_ parser: xmlParserCtxtPtr) -> ParseObserver? {
        parser.pointee._private.map { Unmanaged<ParseObserver>.fromOpaque($0).takeUnretainedValue() }
    }
}
