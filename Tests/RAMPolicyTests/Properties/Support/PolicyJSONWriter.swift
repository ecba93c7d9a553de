/// Writes a ``GenPolicy`` as JSON text in one of several styles that all mean the same document.
enum JSONStyle: Hashable, CustomStringConvertible {
    /// No whitespace at all.
    case minified
    /// One member per line, `indent` spaces per level, `\n` or `\r\n` line ends.
    case pretty(indent: Int, crlf: Bool)
    /// Random whitespace (space, tab, LF, CR LF) between every token, and statement members in random order.
    case scattered(seed: UInt64)
    /// Like `scattered`, and string characters randomly written as `\uXXXX`, `\/` or surrogate pairs.
    case escaped(seed: UInt64)

    var description: String {
        switch self {
        case .minified: "minified"
        case .pretty(let indent, let crlf): "pretty(indent: \(indent)\(crlf ? ", CRLF" : ""))"
        case .scattered(let seed): "scattered(seed: \(seed))"
        case .escaped(let seed): "escaped(seed: \(seed))"
        }
    }
}

/// A JSON tree with ordered members (the order of a document is part of what the validator reports).
indirect enum JSONTree {
    case object([(String, JSONTree)])
    case array([JSONTree])
    case string(String)
}

extension GenPolicy {
    var tree: JSONTree {
        .object([("Version", .string("1")), ("Statement", .array(statements.map(\.tree)))])
    }

    func json(_ style: JSONStyle = .minified) -> String {
        JSONTreeWriter(style: style).write(tree)
    }
}

extension GenStatement {
    var tree: JSONTree {
        var members: [(String, JSONTree)] = []
        if let sid { members.append(("Sid", .string(sid))) }
        members.append(("Effect", .string(effect)))
        members.append((notAction ? "NotAction" : "Action", Self.list(actions, asArray: actionsAsArray)))
        members.append(("Resource", Self.list(resources, asArray: resourcesAsArray)))
        if !conditions.isEmpty {
            members.append(("Condition", .object(conditions.map { op in
                (op.name, .object(op.entries.map { ($0.key, Self.list($0.values, asArray: $0.asArray)) }))
            })))
        }
        return .object(members)
    }

    static func list(_ values: [String], asArray: Bool) -> JSONTree {
        asArray || values.count != 1 ? .array(values.map(JSONTree.string)) : .string(values[0])
    }
}

struct JSONTreeWriter {
    var style: JSONStyle
    private var g: SplitMix64

    init(style: JSONStyle) {
        self.style = style
        switch style {
        case .scattered(let seed), .escaped(let seed): g = SplitMix64(seed: seed)
        default: g = SplitMix64(seed: 0)
        }
    }

    func write(_ tree: JSONTree) -> String {
        var copy = self
        var out = ""
        copy.ws(&out, level: 0, leading: true)
        copy.value(tree, level: 0, into: &out)
        copy.ws(&out, level: 0, leading: true)
        if case .pretty(_, let crlf) = style { out += crlf ? "\r\n" : "\n" }
        return out
    }

    private var scatter: Bool {
        switch style {
        case .scattered, .escaped: true
        default: false
        }
    }

    /// Whitespace between tokens: a line break plus indentation for `pretty`, random for `scattered`.
    private mutating func ws(_ out: inout String, level: Int, leading: Bool = false, newline: Bool = false) {
        switch style {
        case .minified:
            return
        case .pretty(let indent, let crlf):
            if newline { out += (crlf ? "\r\n" : "\n") + String(repeating: " ", count: indent * level) }
        case .scattered, .escaped:
            guard g.chance(leading ? 0.3 : 0.6) else { return }
            for _ in 0..<g.int(1...3) { out += g.pick([" ", " ", "\t", "\n", "\r\n", "  "]) }
        }
    }

    private mutating func value(_ tree: JSONTree, level: Int, into out: inout String) {
        switch tree {
        case .string(let s):
            string(s, into: &out)
        case .array(let items):
            out += "["
            if items.isEmpty { out += "]"; return }
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                ws(&out, level: level + 1, newline: true)
                value(item, level: level + 1, into: &out)
            }
            ws(&out, level: level, newline: true)
            out += "]"
        case .object(var members):
            // Member order never changes what a statement means (the parser keeps it, the validator
            // reads members by name); scattering therefore also shuffles statement members.
            if scatter, members.contains(where: { $0.0 == "Effect" }) { members = g.shuffled(members) }
            out += "{"
            if members.isEmpty { out += "}"; return }
            for (i, (key, v)) in members.enumerated() {
                if i > 0 { out += "," }
                ws(&out, level: level + 1, newline: true)
                string(key, into: &out)
                ws(&out, level: level + 1)
                out += ":"
                if case .pretty = style { out += " " } else { ws(&out, level: level + 1) }
                value(v, level: level + 1, into: &out)
            }
            ws(&out, level: level, newline: true)
            out += "}"
        }
    }

    private mutating func string(_ s: String, into out: inout String) {
        out += "\""
        let escapeRandomly: Bool
        if case .escaped = style { escapeRandomly = true } else { escapeRandomly = false }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{0}"..."\u{1F}": out += "\\u" + hex4(scalar.value)
            case "/" where escapeRandomly && g.chance(0.5):
                out += "\\/"
            default:
                if escapeRandomly && g.chance(0.2) {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += "\\u" + hex4(0xD800 + (v >> 10)) + "\\u" + hex4(0xDC00 + (v & 0x3FF))
                    } else {
                        out += "\\u" + (g.chance(0.5) ? hex4(scalar.value) : hex4(scalar.value).lowercased())
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
