/// A small JSON reader that remembers the line of every value.
///
/// `~/.aliyun/config.json` is edited by hand and by the `aliyun` CLI; when it is broken, or a field has
/// the wrong type, the report has to say on which line — which Foundation's decoders do not reliably
/// tell. This module cannot depend on the policy engine's parser, hence this minimal one (RFC 8259,
/// duplicate keys: last one wins, like Python's `json`).
struct LocatedJSON: Sendable {
    indirect enum Value: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    struct Member: Sendable {
        var key: String
        var value: LocatedJSON
    }

    var value: Value
    var line: Int
    var column: Int

    /// The value of `key` in an object (the last one if repeated), or `nil`.
    subscript(key: String) -> LocatedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    var typeName: String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    struct SyntaxError: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(SyntaxError) -> LocatedJSON {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseDocument()
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        }

        var column: Int { index - lineStart + 1 }

        func error(_ message: String) -> SyntaxError {
            SyntaxError(message: message, line: line, column: column)
        }

        mutating func parseDocument() throws(SyntaxError) -> LocatedJSON {
            skipWhitespace()
            guard index < bytes.count else { throw error("the file is empty; expected a JSON object") }
            let value = try parseValue()
            skipWhitespace()
            guard index == bytes.count else { throw error("unexpected text after the end of the JSON value") }
            return value
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    index += 1
                case UInt8(ascii: "\n"):
                    index += 1
                    line += 1
                    lineStart = index
                default:
                    return
                }
            }
        }

        mutating func parseValue() throws(SyntaxError) -> LocatedJSON {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of file; a value is missing") }
            let startLine = line
            let startColumn = column
            func located(_ value: Value) -> LocatedJSON {
                LocatedJSON(value: value, line: startLine, column: startColumn)
            }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                return located(try parseObject())
            case UInt8(ascii: "["):
                return located(try parseArray())
            case UInt8(ascii: "\""):
                return located(.string(try parseString()))
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return located(.bool(true))
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return located(.bool(false))
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return located(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return located(.number(try parseNumber()))
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                throw error("a value is missing before '\(Character(Unicode.Scalar(bytes[index])))' (trailing comma?)")
            case UInt8(ascii: "'"):
                throw error("strings must use double quotes")
            default:
                throw error("unexpected character; expected a JSON value")
            }
        }

        mutating func expectLiteral(_ literal: String) throws(SyntaxError) {
            let utf8 = Array(literal.utf8)
            guard bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw error("unexpected word; expected '\(literal)'")
            }
            index += utf8.count
        }

        mutating func enter() throws(SyntaxError) {
            depth += 1
            if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        }

        mutating func parseObject() throws(SyntaxError) -> Value {
            try enter()
            defer { depth -= 1 }
            index += 1
            var members: [Member] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file inside an object; a '}' is missing") }
                guard bytes[index] == UInt8(ascii: "\"") else {
                    throw error(bytes[index] == UInt8(ascii: "}") ? "trailing comma before '}'" : "expected a quoted key")
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
                index += 1
                let value = try parseValue()
                members.append(Member(key: key, value: value))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file inside an object; a '}' is missing") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                } else {
                    throw error("expected ',' or '}' after a value in an object (missing comma?)")
                }
            }
        }

        mutating func parseArray() throws(SyntaxError) -> Value {
            try enter()
            defer { depth -= 1 }
            index += 1
            var elements: [LocatedJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                elements.append(try parseValue())
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of file inside an array; a ']' is missing") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                } else {
                    throw error("expected ',' or ']' after a value in an array (missing comma?)")
                }
            }
        }

        mutating func parseString() throws(SyntaxError) -> String {
            index += 1
            var output: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("unexpected end of file inside a string; a '\"' is missing") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: output, as: UTF8.self) else {
                        throw error("the string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw error("unexpected end of file in an escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
                    case UInt8(ascii: "b"): output.append(0x08)
                    case UInt8(ascii: "f"): output.append(0x0C)
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "r"): output.append(0x0D)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try parseHex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("a \\u escape for a high surrogate must be followed by a low surrogate")
                            }
                            index += 2
                            let low = try parseHex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate in a \\u escape") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw error("unpaired low surrogate in a \\u escape")
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                        output.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                    }
                case 0x00..<0x20:
                    throw error(byte == 0x0A ? "a string runs past the end of the line; a '\"' is missing" : "control character inside a string")
                default:
                    output.append(byte)
                    index += 1
                }
            }
        }

        mutating func parseHex4() throws(SyntaxError) -> UInt32 {
            guard bytes.count - index >= 4 else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }

        mutating func parseNumber() throws(SyntaxError) -> String {
            let start = index
            func digits() -> Int {
                let begin = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - begin
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw error("a number is cut off") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                throw error("a number needs digits")
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("a number needs digits after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("a number needs digits in its exponent") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}
