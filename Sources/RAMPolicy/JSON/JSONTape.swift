/// A parsed JSON document stored flat: one array of fixed-size nodes in document order. String and
/// number nodes point back into the source bytes instead of holding a `String`.
///
/// The validator walks policies through this form. A tree of enums costs an allocation per container
/// and a reference count per node, and tearing it down was a third of validation time; a tape costs one
/// array. Creating a `String` for every JSON string (keys included) was the next largest cost, so a
/// string is materialised only when someone asks for it (``TapeView/string(_:)``): keys such as
/// `"Effect"` are compared as bytes and never become `String`s. Only strings with escapes are decoded
/// while scanning (into `strings`), since their text differs from their bytes. ``JSONParser`` still
/// offers the tree (``JSONValue``) for everything that is not hot.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, number, bool, null, key
    }

    struct Node {
        var kind: Kind
        /// For `bool`: 1 for true. For `string` and `key`: ``JSONTape/escaped`` and ``JSONTape/nonASCII``.
        var flag: UInt8 = 0
        var startOffset: Int32
        var startLine: Int32
        var startColumn: Int32
        var endOffset: Int32 = 0
        var endLine: Int32 = 0
        var endColumn: Int32 = 0
        /// Nodes in this subtree, itself included (to skip it).
        var size: Int32 = 1
        /// Members (objects) or elements (arrays).
        var count: Int32 = 0
        /// For an escaped `string` or `key`: its decoded text's index into `strings`; otherwise -1.
        var string: Int32 = -1
    }

    /// A string or key written with at least one escape (its text is in `strings`).
    static let escaped: UInt8 = 1
    /// A string or key with a byte ≥ 0x80 (compared as `String`s, which compare canonically).
    static let nonASCII: UInt8 = 2

    /// The nodes, grown by hand: appending to an `Array` checked uniqueness and capacity (and each
    /// later field write checked bounds and uniqueness again) on every node of every document.
    private(set) var nodes: UnsafeMutablePointer<Node>
    private(set) var count = 0
    private var capacity: Int
    /// Owns `nodes` (frees them when the last copy of the tape goes away). Copies share the nodes, so
    /// only the one tape being scanned may append (growing moves them); a finished tape is read only.
    /// A finished tape's storage may be handed to the next tape (``init(capacity:reusing:)``) once
    /// nothing reads the finished one any more.
    let storage: Storage
    /// Decoded escaped strings only.
    var strings: [String] = []
    /// UTF-8 continuation bytes in the source text (set once the whole document has parsed).
    var continuationBytes = 0

    /// The node buffer, kept apart from the tape so that one buffer can serve a thread's documents one
    /// after another (``takeStorage()``): a fresh buffer per document (about five bytes per source byte)
    /// was first touched, page by page, while scanning, and those page faults were most of the scan's
    /// real time in a tree of ten thousand files.
    final class Storage {
        var base: UnsafeMutablePointer<Node>
        var capacity: Int
        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }
        deinit { base.deallocate() }
    }

    /// A tape with room for `capacity` nodes (it grows past them), in `storage`'s buffer when one is
    /// given (its nodes are overwritten; the buffer is replaced by a larger one when it is too small).
    init(capacity: Int, reusing storage: Storage? = nil) {
        let c = max(16, capacity)
        let buffer = storage ?? Storage(capacity: c)
        if buffer.capacity < c {
            buffer.base.deallocate()
            buffer.base = .allocate(capacity: c)
            buffer.capacity = c
        }
        self.storage = buffer
        nodes = buffer.base
        self.capacity = buffer.capacity
    }

    /// Appends a node and returns its index.
    @inline(__always)
    mutating func append(_ node: Node) -> Int {
        if count == capacity { grow() }
        let i = count
        (nodes + i).initialize(to: node)
        count = i &+ 1
        return i
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Node>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: nodes, count: count)
        nodes.deallocate()
        storage.base = bigger
        nodes = bigger
        capacity *= 2
        storage.capacity = capacity
    }
}

extension JSONTape {
    /// Buffers above this many nodes (2.5 MB) are not kept for the thread's next document, so what a
    /// thread holds between documents stays bounded whatever it has read.
    static let maxKeptNodes = 1 << 16

    /// The calling thread's node buffer, moved out of its place (left empty until ``putStorage(_:)``, so
    /// a nested parse on the same thread starts its own), or nil when the thread has none.
    static func takeStorage() -> Storage? {
        let slot = ThreadScratch.slot()
        let storage = slot.pointee.tape
        slot.pointee.tape = nil
        return storage
    }

    /// Gives a finished tape's buffer back to the calling thread for its next document (unless it is
    /// larger than ``maxKeptNodes``). No tape may read the buffer afterwards.
    static func putStorage(_ storage: Storage) {
        guard storage.capacity <= maxKeptNodes else { return }
        ThreadScratch.slot().pointee.tape = storage
    }
}

/// The tape's storage while it is being read: plain pointers, so walking it costs no reference
/// counting and no exclusivity checks. Valid only inside ``JSONTape/withView(bytes:_:)`` (and only while
/// the source bytes the tape was parsed from are alive).
struct TapeView {
    let nodes: UnsafePointer<JSONTape.Node>
    let strings: UnsafePointer<String>
    /// The source text the tape was parsed from.
    let bytes: UnsafePointer<UInt8>

    /// The text of a `string`, `key` or `number` node, created now.
    func string(_ index: Int) -> String {
        let n = nodes[index]
        if n.string >= 0 { return strings[Int(n.string)] }
        let range = Self.content(n)
        return String(decoding: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// The bytes a node's text is written with: between the quotes for strings and keys.
    @inline(__always)
    static func content(_ n: JSONTape.Node) -> Range<Int> {
        // A string's node spans its two quotes, so the bounds are ordered; no checks on the hot path.
        n.kind == .number ? Range(uncheckedBounds: (Int(n.startOffset), Int(n.endOffset)))
            : Range(uncheckedBounds: (Int(n.startOffset) &+ 1, Int(n.endOffset) &- 1))
    }

    /// Whether a `string` or `key` node's text equals `literal` (ASCII), as `String` `==` would say.
    @inline(__always)
    func text(_ index: Int, is literal: StaticString) -> Bool {
        let n = nodes[index]
        guard n.flag == 0 else { return string(index) == literal.description }
        let range = Self.content(n)
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        var i = 0
        while i < range.count {
            if bytes[range.lowerBound + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    /// The bytes of a plain (unescaped, ASCII) `string` or `key` node, or nil for other strings.
    @inline(__always)
    func plainBytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        let n = nodes[index]
        guard n.flag == 0 else { return nil }
        let range = Self.content(n)
        return UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count)
    }

    /// Whether two `string`/`key` nodes have equal text, as `String` `==` would say: byte equality when
    /// both are plain ASCII, otherwise the `String`s are compared.
    func equalText(_ a: Int, _ b: Int) -> Bool {
        let x = nodes[a], y = nodes[b]
        guard x.flag == 0 && y.flag == 0 else { return string(a) == string(b) }
        let rx = Self.content(x), ry = Self.content(y)
        return rx.count == ry.count && ByteHash.equal(bytes + rx.lowerBound, bytes + ry.lowerBound, rx.count)
    }
}

extension JSONTape {
    /// Runs `body` over a view of the tape; `bytes` must be the text the tape was parsed from.
    func withView<R>(bytes: UnsafeBufferPointer<UInt8>, _ body: (TapeView) -> R) -> R {
        withExtendedLifetime(storage) {
            strings.withUnsafeBufferPointer { s in
                // Empty arrays and buffers may have no base address; nothing is read through them then.
                let dummy = UnsafeMutablePointer<String>.allocate(capacity: 0)
                defer { dummy.deallocate() }
                let noBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
                defer { noBytes.deallocate() }
                return body(TapeView(nodes: UnsafePointer(nodes), strings: s.baseAddress ?? UnsafePointer(dummy),
                                     bytes: bytes.baseAddress ?? UnsafePointer(noBytes)))
            }
        }
    }
}

/// A borrowed view of one node of a ``JSONTape``, with the part of ``JSONValue``'s API the validator uses.
struct TapeValue {
    let tape: TapeView
    let index: Int

    enum Kind {
        case object(TapeMembers)
        case array(TapeElements)
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    @inline(__always)
    var node: JSONTape.Node { tape.nodes[index] }

    /// The node's kind with its content; strings and numbers are materialised.
    var kind: Kind {
        let n = node
        switch n.kind {
        case .object: return .object(TapeMembers(tape: tape, index: index))
        case .array: return .array(TapeElements(tape: tape, index: index))
        case .string, .key: return .string(tape.string(index))
        case .number: return .number(tape.string(index))
        case .bool: return .bool(n.flag == 1)
        case .null: return .null
        }
    }

    /// The members when this is an object (nothing is materialised).
    var objectMembers: TapeMembers? {
        node.kind == .object ? TapeMembers(tape: tape, index: index) : nil
    }

    /// The elements when this is an array.
    var arrayElements: TapeElements? {
        node.kind == .array ? TapeElements(tape: tape, index: index) : nil
    }

    var isString: Bool { node.kind == .string }

    var span: SourceSpan {
        let n = node
        return SourceSpan(
            start: SourceLocation(line: Int(n.startLine), column: Int(n.startColumn), offset: Int(n.startOffset)),
            end: SourceLocation(line: Int(n.endLine), column: Int(n.endColumn), offset: Int(n.endOffset)))
    }

    var typeName: String {
        switch node.kind {
        case .object: "object"
        case .array: "array"
        case .string, .key: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    var stringValue: String? {
        node.kind == .string ? tape.string(index) : nil
    }
}

/// One `"key": value` pair of a tape object; the key is materialised only when read.
struct TapeMember {
    let tape: TapeView
    let keyIndex: Int
    let value: TapeValue

    var key: String { tape.string(keyIndex) }
    var keySpan: SourceSpan { TapeValue(tape: tape, index: keyIndex).span }

    /// Whether the key is `literal` (compared as bytes when the key is plain ASCII).
    @inline(__always)
    func keyIs(_ literal: StaticString) -> Bool { tape.text(keyIndex, is: literal) }
}

/// The members of a tape object, in document order.
struct TapeMembers: Sequence {
    let tape: TapeView
    let index: Int

    var count: Int { Int(tape.nodes[index].count) }
    var isEmpty: Bool { count == 0 }

    struct Iterator: IteratorProtocol {
        let tape: TapeView
        var position: Int
        var remaining: Int

        mutating func next() -> TapeMember? {
            guard remaining > 0 else { return nil }
            remaining &-= 1
            let key = position
            let value = TapeValue(tape: tape, index: position + 1)
            position &+= 1 &+ Int(tape.nodes[position &+ 1].size)
            return TapeMember(tape: tape, keyIndex: key, value: value)
        }
    }

    func makeIterator() -> Iterator { Iterator(tape: tape, position: index + 1, remaining: count) }
}

/// The elements of a tape array, in document order.
struct TapeElements: Sequence {
    let tape: TapeView
    let index: Int

    var count: Int { Int(tape.nodes[index].count) }
    var isEmpty: Bool { count == 0 }

    struct Iterator: IteratorProtocol {
        let tape: TapeView
        var position: Int
        var remaining: Int

        mutating func next() -> TapeValue? {
            guard remaining > 0 else { return nil }
            remaining &-= 1
            let value = TapeValue(tape: tape, index: position)
            position &+= Int(tape.nodes[position].size)
            return value
        }
    }

    func makeIterator() -> Iterator { Iterator(tape: tape, position: index + 1, remaining: count) }
}

extension Scanner {
    /// Parses one complete JSON text into `tape` (same grammar, limits and errors as the tree parser).
    mutating func parseDocument(into tape: inout JSONTape) throws(JSONSyntaxError) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
            allContinuationBytes = 2
        }
        skipWhitespace()
        try tapeValue(&tape, depth: 0)
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the JSON value")
        }
    }

    /// The current position as the tape stores it. Offsets, lines and columns are at most the input's
    /// length, which ``JSONParser/parseTape(bytes:)`` keeps below `Int32.max`, so they are narrowed and
    /// computed without overflow checks (every node records two positions).
    @inline(__always)
    var tapeColumn: Int32 { Int32(truncatingIfNeeded: index &- lineStart &- continuationBytes &+ 1) }

    @inline(__always)
    mutating func beginNode(_ tape: inout JSONTape, _ kind: JSONTape.Kind) -> Int {
        tape.append(JSONTape.Node(kind: kind, startOffset: Int32(truncatingIfNeeded: index),
                                  startLine: Int32(truncatingIfNeeded: line), startColumn: tapeColumn))
    }

    @inline(__always)
    mutating func endNode(_ tape: inout JSONTape, _ i: Int) {
        let n = tape.nodes + i
        n.pointee.endOffset = Int32(truncatingIfNeeded: index)
        n.pointee.endLine = Int32(truncatingIfNeeded: line)
        n.pointee.endColumn = tapeColumn
        n.pointee.size = Int32(truncatingIfNeeded: tape.count &- i)
    }

    mutating func tapeValue(_ tape: inout JSONTape, depth: Int) throws(JSONSyntaxError) {
        guard index < bytes.count else { throw error("expected a JSON value, found end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            try tapeObject(&tape, depth: depth + 1)
        case UInt8(ascii: "["):
            try tapeArray(&tape, depth: depth + 1)
        case UInt8(ascii: "\""):
            let i = beginNode(&tape, .string)
            try scanString(&tape, node: i)
            endNode(&tape, i)
        case UInt8(ascii: "t"):
            let i = beginNode(&tape, .bool)
            try expectLiteral("true")
            tape.nodes[i].flag = 1
            endNode(&tape, i)
        case UInt8(ascii: "f"):
            let i = beginNode(&tape, .bool)
            try expectLiteral("false")
            endNode(&tape, i)
        case UInt8(ascii: "n"):
            let i = beginNode(&tape, .null)
            try expectLiteral("null")
            endNode(&tape, i)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let i = beginNode(&tape, .number)
            try scanNumber()
            endNode(&tape, i)
        default:
            throw error("expected a JSON value, found \(describeCurrent())")
        }
    }

    /// The text of a scanned `string` or `key` node.
    func keyText(_ tape: JSONTape, _ i: Int) -> String {
        let n = tape.nodes[i]
        if n.string >= 0 { return tape.strings[Int(n.string)] }
        let r = TapeView.content(n)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// Whether two keys are equal as `String`s: byte equality when both are plain ASCII (the common
    /// case, without creating a `String`), otherwise `String` `==` (canonical equivalence), as before.
    @inline(__always)
    func keysEqual(_ tape: JSONTape, _ a: Int, _ b: Int) -> Bool {
        let x = tape.nodes[a], y = tape.nodes[b]
        guard x.flag == 0 && y.flag == 0 else { return keyText(tape, a) == keyText(tape, b) }
        let rx = TapeView.content(x), ry = TapeView.content(y)
        guard rx.count == ry.count, let base = bytes.baseAddress else { return rx.count == ry.count }
        return ByteHash.equal(base + rx.lowerBound, base + ry.lowerBound, rx.count)
    }

    mutating func tapeObject(_ tape: inout JSONTape, depth: Int) throws(JSONSyntaxError) {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let me = beginNode(&tape, .object)
        index &+= 1  // {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index &+= 1
            endNode(&tape, me)
            return
        }
        var count: Int32 = 0
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw error("trailing comma before '}'")
                }
                throw error("expected a string key, found \(describeCurrent())")
            }
            let k = beginNode(&tape, .key)
            try scanString(&tape, node: k)
            endNode(&tape, k)
            // Earlier keys of this object, found by walking its finished members (no array per object).
            var other = me + 1
            var seen: Int32 = 0
            // Lengths first (inline): most keys of an object differ in length.
            let kn = tape.nodes[k]
            let kLength = kn.endOffset &- kn.startOffset
            while seen < count {
                let o = tape.nodes[other]
                if o.endOffset &- o.startOffset == kLength || o.flag | kn.flag != 0 {
                    if keysEqual(tape, other, k) { break }
                }
                other &+= 1 &+ Int(tape.nodes[other &+ 1].size)
                seen &+= 1
            }
            if seen < count {
                let o = tape.nodes[other]
                let n = tape.nodes[k]
                duplicates.append(JSONDuplicateKey(
                    key: keyText(tape, k),
                    span: SourceSpan(start: SourceLocation(line: Int(n.startLine), column: Int(n.startColumn), offset: Int(n.startOffset)),
                                     end: SourceLocation(line: Int(n.endLine), column: Int(n.endColumn), offset: Int(n.endOffset))),
                    firstSpan: SourceSpan(start: SourceLocation(line: Int(o.startLine), column: Int(o.startColumn), offset: Int(o.startOffset)),
                                          end: SourceLocation(line: Int(o.endLine), column: Int(o.endColumn), offset: Int(o.endOffset)))))
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after key \"\(keyText(tape, k))\", found \(describeCurrent())")
            }
            index &+= 1
            skipWhitespace()
            try tapeValue(&tape, depth: depth)
            count &+= 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index &+= 1
            case UInt8(ascii: "}"):
                index &+= 1
                tape.nodes[me].count = count
                endNode(&tape, me)
                return
            default:
                throw error("expected ',' or '}' in object, found \(describeCurrent())")
            }
        }
    }

    mutating func tapeArray(_ tape: inout JSONTape, depth: Int) throws(JSONSyntaxError) {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let me = beginNode(&tape, .array)
        index &+= 1  // [
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index &+= 1
            endNode(&tape, me)
            return
        }
        var count: Int32 = 0
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw error("trailing comma before ']'")
            }
            try tapeValue(&tape, depth: depth)
            count &+= 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index &+= 1
            case UInt8(ascii: "]"):
                index &+= 1
                tape.nodes[me].count = count
                endNode(&tape, me)
                return
            default:
                throw error("expected ',' or ']' in array, found \(describeCurrent())")
            }
        }
    }
}
