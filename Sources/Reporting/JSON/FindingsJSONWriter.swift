/// Writes a report's `findings` array byte for byte as Foundation's `JSONEncoder` (sorted keys, slashes
/// unescaped, pretty or compact) would, at a fraction of the cost.
///
/// A lint or audit over a tree of 10,000 policies can carry 100,000 findings; through `Codable` they took
/// longer to encode than the whole tree took to lint. `JSONReportEncoder` encodes everything else with
/// Foundation and splices this array in at its sorted place. A test holds the two encodings identical
/// on findings with every optional, escape and empty list, so the schema and the output cannot drift.
final class FindingsJSONWriter {
    let pretty: Bool
    private(set) var out: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
    }

    /// The value of `"findings"` (the array), at the given nesting depth of its key.
    func writeArray(_ findings: [FindingInfo], depth: Int) {
        array(findings, depth: depth) { finding, depth in self.write(finding, depth: depth) }
    }

    private func write(_ f: FindingInfo, depth: Int) {
        let this = self
        object(depth: depth) { fields in
            fields.key("code") { this.string(f.code) }
            if let v = f.column { fields.key("column") { this.int(v) } }
            if let v = f.endColumn { fields.key("endColumn") { this.int(v) } }
            if let v = f.endLine { fields.key("endLine") { this.int(v) } }
            fields.key("file") { this.string(f.file) }
            fields.key("fingerprint") { this.string(f.fingerprint) }
            fields.key("help") { this.string(f.help) }
            if let v = f.line { fields.key("line") { this.int(v) } }
            fields.key("message") { this.string(f.message) }
            fields.key("path") { this.string(f.path) }
            fields.key("related") {
                this.array(f.related, depth: depth + 1) { r, depth in
                    this.object(depth: depth) { fields in
                        if let v = r.column { fields.key("column") { this.int(v) } }
                        if let v = r.endColumn { fields.key("endColumn") { this.int(v) } }
                        if let v = r.endLine { fields.key("endLine") { this.int(v) } }
                        fields.key("file") { this.string(r.file) }
                        if let v = r.line { fields.key("line") { this.int(v) } }
                        fields.key("message") { this.string(r.message) }
                        fields.key("path") { this.string(r.path) }
                    }
                }
            }
            fields.key("remedy") { this.string(f.remedy) }
            fields.key("severity") { this.string(f.severity) }
            fields.key("snippet") {
                this.array(f.snippet, depth: depth + 1) { line, depth in
                    this.object(depth: depth) { fields in
                        fields.key("line") { this.int(line.line) }
                        fields.key("text") { this.string(line.text) }
                    }
                }
            }
            if let s = f.suppressed {
                fields.key("suppressed") {
                    this.object(depth: depth + 1) { fields in
                        fields.key("kind") { this.string(s.kind) }
                        fields.key("reason") { this.string(s.reason) }
                    }
                }
            }
            fields.key("title") { this.string(f.title) }
        }
    }

    // MARK: - Layout, as Foundation's JSONWriter lays it out

    /// Writes the members of one object; `key` emits the separators and indentation before a value.
    struct Fields {
        fileprivate var first = true
        fileprivate let depth: Int
        fileprivate let writer: FindingsJSONWriter

        mutating func key(_ name: StaticString, _ value: () -> Void) {
            writer.separator(first: first, depth: depth)
            first = false
            writer.out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { writer.out.append(contentsOf: $0) }
            writer.out.append(UInt8(ascii: "\""))
            if writer.pretty {
                writer.out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
            } else {
                writer.out.append(UInt8(ascii: ":"))
            }
            value()
        }
    }

    private func object(depth: Int, _ body: (inout Fields) -> Void) {
        out.append(UInt8(ascii: "{"))
        var fields = Fields(depth: depth + 1, writer: self)
        body(&fields)
        close(UInt8(ascii: "}"), depth: depth, empty: fields.first)
    }

    private func array<T>(_ items: [T], depth: Int, _ element: (T, Int) -> Void) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            separator(first: index == 0, depth: depth + 1)
            element(item, depth + 1)
        }
        close(UInt8(ascii: "]"), depth: depth, empty: items.isEmpty)
    }

    fileprivate func separator(first: Bool, depth: Int) {
        if !first { out.append(UInt8(ascii: ",")) }
        if pretty {
            out.append(0x0A)
            indent(depth)
        }
    }

    fileprivate func close(_ bracket: UInt8, depth: Int, empty: Bool) {
        if pretty {
            // Foundation writes an empty container as an opening bracket, a blank line, and the closing one.
            out.append(0x0A)
            if empty { out.append(0x0A) }
            indent(depth)
        }
        out.append(bracket)
    }

    fileprivate func indent(_ depth: Int) {
        out.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    fileprivate func int(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    fileprivate func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                out.append(contentsOf: bytes[runStart..<i])
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: bytes[runStart...])
        }
        out.append(UInt8(ascii: "\""))
    }
}
