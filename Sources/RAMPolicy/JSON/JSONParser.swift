/// A strict RFC 8259 parser that records the line, column and byte offset of every value.
///
/// Rejects what lenient decoders accept (trailing commas, comments, control characters in strings,
/// invalid UTF-8, lone surrogates, leading zeros, duplicate keys) and bounds depth and size, so it is
/// safe on untrusted input and can be fuzzed.
public struct JSONParser: Sendable {
    public struct Result: Sendable {
        public var value: JSONValue?
        public var error: JSONSyntaxError?
        public var duplicateKeys: [JSONDuplicateKey]
    }

    public var limits: JSONParserLimits

    public init(limits: JSONParserLimits = .default) {
        self.limits = limits
    }

    /// Parses one complete JSON text. A UTF-8 byte order mark is skipped (RFC 8259 §8.1 allows it).
    public func parse(_ text: String) -> Result {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    public func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result {
        let (tape, error, duplicates) = parseTape(bytes: bytes, reusing: JSONTape.takeStorage())
        // The tree holds its own strings, so the nodes can serve the thread's next parse.
        defer { JSONTape.putStorage(tape.storage) }
        if let error { return Result(value: nil, error: error, duplicateKeys: duplicates) }
        let value = tape.withView(bytes: bytes) { JSONValue(TapeValue(tape: $0, index: 0)) }
        return Result(value: value, error: nil, duplicateKeys: duplicates)
    }

    /// Parses into the flat form the validator walks, in `storage`'s node buffer when one is given
    /// (see ``JSONTape/takeStorage()``).
    func parseTape(bytes: UnsafeBufferPointer<UInt8>, reusing storage: JSONTape.Storage? = nil) -> (JSONTape, JSONSyntaxError?, [JSONDuplicateKey]) {
        var tape = JSONTape(capacity: bytes.count / 8, reusing: storage)
        // The tape stores positions as `Int32` (see ``Scanner/tapeColumn``).
        let maxBytes = min(limits.maxBytes, Int(Int32.max) - 1)
        guard bytes.count <= maxBytes else {
            let error = JSONSyntaxError(message: "input is \(bytes.count) bytes; the limit is \(maxBytes) bytes", location: .start)
            return (tape, error, [])
        }
        var scanner = Scanner(bytes: bytes, maxDepth: limits.maxDepth)
        do throws(JSONSyntaxError) {
            try scanner.parseDocument(into: &tape)
            tape.continuationBytes = scanner.allContinuationBytes
            return (tape, nil, scanner.duplicates)
        } catch {
            return (tape, error, scanner.duplicates)
        }
    }
}

extension JSONValue {
    /// Builds the tree form of a tape node (the tape is the one parser; the tree is a convenience).
    init(_ v: TapeValue) {
        switch v.kind {
        case .object(let members):
            self.init(kind: .object(members.map { JSONMember(key: $0.key, keySpan: $0.keySpan, value: JSONValue($0.value)) }),
                      span: v.span)
        case .array(let elements):
            self.init(kind: .array(elements.map(JSONValue.init)), span: v.span)
        case .string(let s): self.init(kind: .string(s), span: v.span)
        case .number(let n): self.init(kind: .number(n), span: v.span)
        case .bool(let b): self.init(kind: .bool(b), span: v.span)
        case .null: self.init(kind: .null, span: v.span)
        }
    }
}

/// The byte-level cursor. Kept internal so that the public surface stays a value type.
///
/// Inputs stay below `Int32.max` bytes (``JSONParser/parseTape(bytes:)``), so the cursor's arithmetic
/// after a bounds test uses wrapping operators: overflow checks were a sixth of parsing's instructions.
struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line, so columns count scalars, not bytes.
    var continuationBytes = 0
    /// UTF-8 continuation bytes in the whole text so far (BOM included): once a document has parsed,
    /// every non-ASCII byte was in a string, whose sequences were checked one by one, so the text's
    /// Unicode scalars are its bytes minus these (the validator's character count, without a second pass).
    var allContinuationBytes = 0
    var duplicates: [JSONDuplicateKey] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    @inline(__always)
    var location: SourceLocation {
        SourceLocation(line: line, column: index - lineStart - continuationBytes + 1, offset: index)
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: location)
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            // `index < bytes.count` and lines ≤ bytes: no overflow checks.
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index &+= 1
            case 0x0A:
                index &+= 1
                line &+= 1
                lineStart = index
                continuationBytes = 0
                skipIndentation()
            default:
                return
            }
        }
    }

    /// Skips the spaces that indent a line, eight at a time (pretty-printed policies indent every
    /// line; the byte loop of ``skipWhitespace()`` takes over at the first other byte).
    @inline(__always)
    mutating func skipIndentation() {
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian ^ 0x2020_2020_2020_2020
            if w != 0 {
                index &+= w.trailingZeroBitCount >> 3
                return
            }
            index &+= 8
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let p = literal.utf8Start
        for i in 0..<count {
            guard index + i < bytes.count, bytes[index + i] == p[i] else {
                index &+= i
                throw error("invalid literal: expected '\(literal)'")
            }
        }
        index &+= count
    }

    /// Checks a number's grammar (its text stays in the source; see ``TapeView/string(_:)``).
    mutating func scanNumber() throws(JSONSyntaxError) {
        if bytes[index] == UInt8(ascii: "-") { index &+= 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index &+= 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index &+= 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("invalid number: expected a digit after '.'")
            }
            while index < bytes.count, isDigit(bytes[index]) { index &+= 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index &+= 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index &+= 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("invalid number: expected a digit in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index &+= 1 }
        }
    }

    @inline(__always)
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Bit 7 of each byte of `w` that is a quote, a backslash, a control character or ≥ 0x80 — the
    /// bytes that end the plain run of a string (bit tricks from "Bit Twiddling Hacks"). Borrows can
    /// only set bits above a byte that is itself marked, so the lowest set bit is the first such byte.
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let q = (quote &- ones) & ~quote
        let b = (backslash &- ones) & ~backslash
        return (control | q | b | w) & highs
    }

    /// Scans a string (or key) starting at its opening quote into tape node `node`: plain strings stay
    /// in the source (the node records whether they hold non-ASCII bytes); strings with escapes are
    /// decoded into the tape's `strings`. Plain runs are skipped eight bytes at a time, straight to the
    /// next byte that needs a look.
    mutating func scanString(_ tape: inout JSONTape, node: Int) throws(JSONSyntaxError) {
        index &+= 1  // opening quote
        let runStart = index
        var flags: UInt8 = 0
        // Fast path: no escapes and no control characters.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            while true {
                while index &+ 8 <= count {
                    let m = Self.specialBytes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                    if m == 0 {
                        index &+= 8
                    } else {
                        index &+= m.trailingZeroBitCount >> 3
                        break
                    }
                }
                guard index < count else { break }
                let b = base[index]
                if b == UInt8(ascii: "\"") {
                    index &+= 1
                    tape.nodes[node].flag = flags
                    return
                }
                if b == UInt8(ascii: "\\") || b < 0x20 { break }
                if b >= 0x80 {
                    flags |= JSONTape.nonASCII
                    try validateUTF8Sequence()
                } else {
                    index &+= 1
                }
            }
        }
        // Slow path: escapes.
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                index += 1
                if buffer.contains(where: { $0 >= 0x80 }) { flags |= JSONTape.nonASCII }
                tape.nodes[node].flag = flags | JSONTape.escaped
                tape.nodes[node].string = Int32(tape.strings.count)
                tape.strings.append(String(decoding: buffer, as: UTF8.self))
                return
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw error(b == 0x0A ? "unterminated string (line break inside a string)"
                    : "control character U+00\(b < 0x10 ? "0" : "")\(String(b, radix: 16, uppercase: true)) must be escaped in a string")
            case 0x80...:
                let s = index
                try validateUTF8Sequence()
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[s..<index]))
            default:
                buffer.append(b)
                index += 1
            }
        }
        throw error("unterminated string")
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape sequence") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("lone high surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in string")
                }
                index += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low < 0xE000 else {
                    throw error("high surrogate not followed by a low surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error("lone low surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in string")
            }
            guard let u = Unicode.Scalar(scalar) else { throw error("invalid Unicode escape") }
            buffer.append(contentsOf: UTF8.encode(u)!)
        default:
            index -= 1
            throw error("invalid escape '\\\(Character(Unicode.Scalar(c)))' in string")
        }
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("unterminated \\u escape") }
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlongs, no surrogates).
    @inline(__always)
    mutating func validateUTF8Sequence() throws(JSONSyntaxError) {
        guard let base = bytes.baseAddress else { throw error("truncated UTF-8 sequence") }
        let length: Int
        switch UTF8Sequence.check(base, count: bytes.count, at: index) {
        case .valid(let n): length = n
        case .invalidLeadByte: throw error("invalid UTF-8 byte 0x\(String(bytes[index], radix: 16, uppercase: true))")
        case .truncated: throw error("truncated UTF-8 sequence")
        case .invalidContinuation: throw error("invalid UTF-8 sequence")
        }
        index += length
        continuationBytes += length - 1
        allContinuationBytes += length - 1
    }
}
