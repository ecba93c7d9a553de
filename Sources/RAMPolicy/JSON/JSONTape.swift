/// A parsed JSON document stored flat: one array of fixed-size nodes in document order, plus the
/// decoded strings.
///
/// The validator walks policies through this form. A tree of enums costs an allocation per container
/// and a reference count per node, and tearing it down was a third of validation time; a tape costs two
/// arrays. ``JSONParser`` still offers the tree (``JSONValue``) for everything that is not hot.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, number, bool, null, key
    }

    struct Node {
        var kind: Kind
        /// For `bool`: 1 for true.
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
        /// Index into `strings` for `string`, `number` and `key`.
        var string: Int32 = -1
    }

    var nodes: [Node] = []
    var strings: [String] = []

    init(capacity: Int) {
        nodes.reserveCapacity(capacity)
        strings.reserveCapacity(capacity / 2)
    }
}

/// The tape's storage while it is being read: plain pointers, so walking it costs no reference
/// counting and no exclusivity checks. Valid only inside ``JSONTape/withView(_:)``.
struct TapeView {
    let nodes: UnsafePointer<JSONTape.Node>
    let strings: UnsafePointer<String>
}

extension JSONTape {
    func withView<R>(_ body: (TapeView) -> R) -> R {
        nodes.withUnsafeBufferPointer { n in
            strings.withUnsafeBufferPointer { s in
                // An empty array may have no base address; nothing is read then.
                let dummy = UnsafeMutablePointer<String>.allocate(capacity: 0)
                defer { dummy.deallocate() }
                return body(TapeView(nodes: n.baseAddress!, strings: s.baseAddress ?? UnsafePointer(dummy)))
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

    var kind: Kind {
        let n = node
        switch n.kind {
        case .object: return .object(TapeMembers(tape: tape, index: index))
        case .array: return .array(TapeElements(tape: tape, index: index))
        case .string, .key: return .string(tape.strings[Int(n.string)])
        case .number: return .number(tape.strings[Int(n.string)])
        case .bool: return .bool(n.flag == 1)
        case .null: return .null
        }
    }

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
        let n = node
        return n.kind == .string ? tape.strings[Int(n.string)] : nil
    }
}

/// One `"key": value` pair of a tape object.
struct TapeMember {
    let key: String
    let keySpan: SourceSpan
    let value: TapeValue
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
            remaining -= 1
            let keyNode = TapeValue(tape: tape, index: position)
            let value = TapeValue(tape: tape, index: position + 1)
            position += 1 + Int(tape.nodes[position + 1].size)
            return TapeMember(key: tape.strings[Int(keyNode.node.string)], keySpan: keyNode.span, value: value)
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
            remaining -= 1
            let value = TapeValue(tape: tape, index: position)
            position += Int(tape.nodes[position].size)
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
        }
        skipWhitespace()
        try tapeValue(&tape, depth: 0)
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the JSON value")
        }
    }

    @inline(__always)
    mutating func beginNode(_ tape: inout JSONTape, _ kind: JSONTape.Kind) -> Int {
        let l = location
        tape.nodes.append(JSONTape.Node(kind: kind, startOffset: Int32(l.offset), startLine: Int32(l.line), startColumn: Int32(l.column)))
        return tape.nodes.count - 1
    }

    @inline(__always)
    mutating func endNode(_ tape: inout JSONTape, _ i: Int) {
        let l = location
        tape.nodes[i].endOffset = Int32(l.offset)
        tape.nodes[i].endLine = Int32(l.line)
        tape.nodes[i].endColumn = Int32(l.column)
        tape.nodes[i].size = Int32(tape.nodes.count - i)
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
            let s = try parseString()
            tape.nodes[i].string = Int32(tape.strings.count)
            tape.strings.append(s)
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
            let n = try parseNumber()
            tape.nodes[i].string = Int32(tape.strings.count)
            tape.strings.append(n)
            endNode(&tape, i)
        default:
            throw error("expected a JSON value, found \(describeCurrent())")
        }
    }

    mutating func tapeObject(_ tape: inout JSONTape, depth: Int) throws(JSONSyntaxError) {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        let me = beginNode(&tape, .object)
        index += 1  // {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            endNode(&tape, me)
            return
        }
        // Key node indices of this object, for duplicate detection.
        var keyNodes: [Int32] = []
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
            let key = try parseString()
            endNode(&tape, k)
            for other in keyNodes where tape.strings[Int(tape.nodes[Int(other)].string)] == key {
                let o = tape.nodes[Int(other)]
                let n = tape.nodes[k]
                duplicates.append(JSONDuplicateKey(
                    key: key,
                    span: SourceSpan(start: SourceLocation(line: Int(n.startLine), column: Int(n.startColumn), offset: Int(n.startOffset)),
                                     end: SourceLocation(line: Int(n.endLine), column: Int(n.endColumn), offset: Int(n.endOffset))),
                    firstSpan: SourceSpan(start: SourceLocation(line: Int(o.startLine), column: Int(o.startColumn), offset: Int(o.startOffset)),
                                          end: SourceLocation(line: Int(o.endLine), column: Int(o.endColumn), offset: Int(o.endOffset)))))
                break
            }
            tape.nodes[k].string = Int32(tape.strings.count)
            tape.strings.append(key)
            keyNodes.append(Int32(k))
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after key \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            try tapeValue(&tape, depth: depth)
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object: expected ',' or '}'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
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
        index += 1  // [
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
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
            count += 1
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array: expected ',' or ']'") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                tape.nodes[me].count = count
                endNode(&tape, me)
                return
            default:
                throw error("expected ',' or ']' in array, found \(describeCurrent())")
            }
        }
    }
}
