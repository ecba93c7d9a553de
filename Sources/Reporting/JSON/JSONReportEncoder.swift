import Foundation

/// Encodes a ``Report`` as JSON (schema version 1, `ramguard-report.schema.json`).
///
/// Keys are sorted so that output is byte-stable for golden files and diffs, and
/// absent optionals are omitted, as the schema states. Findings and audit results, which can number in
/// the hundreds of thousands, are written by ``FindingsJSONWriter`` in exactly Foundation's layout and
/// spliced in.
public struct JSONReportEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func encode(_ report: Report) -> [UInt8] {
        let findings = report.findings ?? []
        let audit = report.audit ?? []
        guard !findings.isEmpty || !audit.isEmpty else { return foundationEncode(report) + [0x0A] }
        var rest = report
        if !findings.isEmpty { rest.findings = nil }
        if !audit.isEmpty { rest.audit = nil }
        var bytes = foundationEncode(rest)
        let writer = FindingsJSONWriter(pretty: pretty)
        // Later keys first: splicing one does not move the place of an earlier one.
        if !findings.isEmpty {
            guard let spliced = splice("findings", into: bytes, { writer.writeArray(findings, depth: 1, into: &$0) }) else {
                return foundationEncode(report) + [0x0A]
            }
            bytes = spliced
        }
        if !audit.isEmpty {
            guard let spliced = splice("audit", into: bytes, { writer.writeAudit(audit, depth: 1, into: &$0) }) else {
                return foundationEncode(report) + [0x0A]
            }
            bytes = spliced
        }
        bytes.append(0x0A)
        return bytes
    }

    /// `encoded` with `"name" : value` inserted among the top-level keys at its sorted place.
    private func splice(_ name: String, into encoded: [UInt8], _ value: (inout [UInt8]) -> Void) -> [UInt8]? {
        let key = Array((pretty ? "\"\(name)\" : " : "\"\(name)\":").utf8)
        let separator: [UInt8] = pretty ? Array(",\n  ".utf8) : [UInt8(ascii: ",")]
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + 1 << 16)
        if let at = Self.topLevelKey(after: name, in: encoded) {
            // `"name" : value,` then the original separator layout before the next key.
            out.append(contentsOf: encoded[..<at])
            out.append(contentsOf: key)
            value(&out)
            out.append(contentsOf: separator)
            out.append(contentsOf: encoded[at...])
        } else if let close = encoded.lastIndex(of: UInt8(ascii: "}")) {
            let end = pretty && close > 0 && encoded[close - 1] == 0x0A ? close - 1 : close
            out.append(contentsOf: encoded[..<end])
            out.append(contentsOf: separator)
            out.append(contentsOf: key)
            value(&out)
            out.append(contentsOf: encoded[end...])
        } else {
            return nil
        }
        return out
    }

    /// Foundation's encoding: sorted keys, slashes unescaped.
    func foundationEncode(_ report: Report) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, ints and arrays cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{\"decision\":\"Invalid\"}".utf8)
        return [UInt8](data)
    }

    /// The offset of the opening quote of the first top-level key that sorts after `name`, or nil.
    static func topLevelKey(after name: String, in bytes: [UInt8]) -> Int? {
        let target = Array(name.utf8)
        var depth = 0
        var inString = false
        var escaped = false
        var expectKey = false
        var index = 0
        while index < bytes.count {
            let b = bytes[index]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectKey = depth == 1 && b == UInt8(ascii: "{")
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectKey = depth == 1
            case UInt8(ascii: "\""):
                if expectKey {
                    expectKey = false
                    // Keys are plain ASCII identifiers: read up to the closing quote.
                    var end = index + 1
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    if bytes[(index + 1)..<min(end, bytes.count)].lexicographicallyPrecedes(target) == false,
                       !bytes[(index + 1)..<min(end, bytes.count)].elementsEqual(target) {
                        return index
                    }
                    index = end + 1
                    continue
                }
                inString = true
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
