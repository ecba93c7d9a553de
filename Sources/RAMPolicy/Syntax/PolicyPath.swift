/// A JSON path inside a policy document, such as `Statement[1].Condition.IpAddress.acs:SourceIp[0]`.
///
/// Policies have a fixed shape, so a path is stored as a few integers and up to three names, and
/// rendered only when someone reads it: every action, resource and condition value carries its path,
/// and building those strings eagerly was most of the validator's cost. The names valid policies use
/// (elements, operators, principal types, documented keys) are one-byte codes (``PathName``); only
/// other names are kept as text, so copying most paths costs no reference counting.
public struct PolicyPath: Sendable, Hashable, CustomStringConvertible {
    /// `Statement[i]` (or `Statement` for a single-object statement; -1 for none).
    var statement: Int32 = -1
    /// The index in a value array (-1 for none).
    var index: Int32 = -1
    var bareStatement = false
    /// The element under the statement (or a top-level key), e.g. `Action` or `Condition`.
    var element = PathName.none
    /// Under `Condition`: the operator; under `Principal`: the principal type.
    var group = PathName.none
    /// Under a condition operator: the key.
    var key = PathName.none
    /// The names coded ``PathName/other``, in level order (nil when there are none). A name always
    /// gets the same form (a table name is always its code), so paths compare and hash by their text.
    var texts: [String]?

    public init() {}

    public static let root = PolicyPath()

    /// Appends a key: the first key is `Statement` or a top-level element; later keys fill the
    /// element, group and key levels in turn.
    public func key(_ k: String) -> PolicyPath {
        let code = PathName.code(k)
        return code == PathName.other ? key(text: k) : key(code: code)
    }

    /// ``key(_:)`` for a name in the table, by its code (the validator's path: no text compared).
    @inline(__always)
    func key(code: UInt8) -> PolicyPath {
        var p = self
        if p.statement < 0 && !p.bareStatement && p.element == PathName.none && code == PathName.statement {
            p.bareStatement = true
        } else if p.element == PathName.none {
            p.element = code
        } else if p.group == PathName.none {
            p.group = code
        } else {
            if p.key == PathName.other { p.texts?.removeLast() }
            p.key = code
        }
        return p
    }

    /// ``key(_:)`` for a name that is not in the table.
    func key(text: String) -> PolicyPath {
        var p = self
        if p.element == PathName.none {
            p.element = PathName.other
        } else if p.group == PathName.none {
            p.group = PathName.other
        } else {
            if p.key == PathName.other { p.texts?.removeLast() }
            p.key = PathName.other
        }
        // One array made (a condition key outside the table, e.g. `acs:SourceVpc`, is the usual
        // case: no texts yet); concatenating made the one-element array and then the result.
        if p.texts == nil {
            p.texts = [text]
        } else {
            p.texts!.append(text)
        }
        return p
    }

    /// ``key(_:)`` for a name written with these bytes (valid UTF-8): the text is made only when the
    /// name is not in the table.
    func key(bytes: UnsafeBufferPointer<UInt8>) -> PolicyPath {
        let code = PathName.code(bytes)
        return code == PathName.other ? key(text: String(decoding: bytes, as: UTF8.self)) : key(code: code)
    }

    public func index(_ i: Int) -> PolicyPath {
        var p = self
        if p.bareStatement && p.statement < 0 && p.element == PathName.none {
            p.bareStatement = false
            p.statement = Int32(i)
        } else {
            p.index = Int32(i)
        }
        return p
    }

    /// Rendered into one buffer of bytes: a tree's lint renders a path for each of its 150,000 findings and
    /// their related locations, and string interpolation (an array of levels, an integer description per
    /// index, a reallocation per append) made this a twentieth of `lint`.
    public var description: String {
        var length = 0
        if statement >= 0 {
            length += 11 + Self.digits(statement)
        } else if bareStatement {
            length += 9
        }
        var nextText = 0
        for level in 0..<3 {
            let part = self.part(level)
            guard part != PathName.none else { break }
            if length > 0 { length += 1 }
            if part == PathName.other {
                length += texts.map { nextText < $0.count ? $0[nextText].utf8.count : 0 } ?? 0
                nextText += 1
            } else {
                length += PathName.text(part).utf8.count
            }
        }
        if index >= 0 { length += 2 + Self.digits(index) }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            func put(_ text: String) {
                var text = text
                let count = text.withUTF8 { source in
                    if let from = source.baseAddress { (buffer.baseAddress! + at).update(from: from, count: source.count) }
                    return source.count
                }
                at += count
            }
            func put(index value: Int32) {
                buffer[at] = UInt8(ascii: "[")
                at += 1 + Self.digits(value)
                var v = value
                var end = at - 1
                repeat {
                    buffer[end] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                    end -= 1
                } while v > 0
                buffer[at] = UInt8(ascii: "]")
                at += 1
            }
            if statement >= 0 || bareStatement {
                put("Statement")
                if statement >= 0 { put(index: statement) }
            }
            var nextText = 0
            for level in 0..<3 {
                let part = self.part(level)
                guard part != PathName.none else { break }
                if at > 0 {
                    buffer[at] = UInt8(ascii: ".")
                    at += 1
                }
                if part == PathName.other {
                    if let texts, nextText < texts.count { put(texts[nextText]) }
                    nextText += 1
                } else {
                    put(PathName.text(part))
                }
            }
            if index >= 0 { put(index: index) }
            return at
        }
    }

    /// The code at level 0 (element), 1 (group) or 2 (key).
    @inline(__always)
    private func part(_ level: Int) -> UInt8 {
        switch level {
        case 0: element
        case 1: group
        default: key
        }
    }

    /// Decimal digits of a non-negative index.
    @inline(__always)
    private static func digits(_ value: Int32) -> Int {
        var n = 1
        var v = value
        while v >= 10 {
            v /= 10
            n += 1
        }
        return n
    }
}
