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
        p.texts = (p.texts ?? []) + [text]
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

    public var description: String {
        var s = ""
        if statement >= 0 {
            s = "Statement[\(statement)]"
        } else if bareStatement {
            s = "Statement"
        }
        var nextText = 0
        for part in [element, group, key] {
            guard part != PathName.none else { break }
            if !s.isEmpty { s += "." }
            if part == PathName.other {
                s += texts?[nextText] ?? ""
                nextText += 1
            } else {
                s += PathName.text(part)
            }
        }
        if index >= 0 { s += "[\(index)]" }
        return s
    }
}
