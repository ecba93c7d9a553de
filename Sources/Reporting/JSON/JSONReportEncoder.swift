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
        let bytes = ReportBytes()
        encode(report, to: bytes)
        return bytes.bytes
    }

    /// Writes the report to `sink` as it is encoded, the same bytes ``encode(_:)`` returns.
    ///
    /// The findings and audit arrays are streamed in chunks encoded on every core, so a report of hundreds
    /// of megabytes is never held in memory (see ``ReportSink``).
    public func encode(_ report: Report, to sink: any ReportSink) {
        encode(report, findings: nil, to: sink)
    }

    /// ``encode(_:to:)`` with the findings made while they are written, by `source`, in place of the
    /// report's own (``Report/findings`` is ignored then; `"findings"` is written from the source even
    /// when it has none). The bytes are those of ``encode(_:to:)`` of the report with the source's findings.
    public func encode(_ report: Report, findings source: (any FindingSource)?, to sink: any ReportSink) {
        var report = report
        if let source {
            report.findings = source.count == 0 ? [] : nil
        }
        let source = source.flatMap { $0.count > 0 ? $0 : nil }
        let findings = source == nil ? report.findings ?? [] : []
        let audit = report.audit ?? []
        // Foundation's encoding of everything, when the splicing below cannot be done.
        let whole = { [report] () -> [UInt8] in
            guard let source else { return foundationEncode(report) + [0x0A] }
            var full = report
            full.findings = source.allFindings()
            return foundationEncode(full) + [0x0A]
        }
        // Policies are written by hand only when there are many (a tree's lint): `policies` is a required
        // key, so an empty array stays Foundation's.
        let policies = report.policies.count >= Self.handWrittenPolicies ? report.policies : []
        guard !findings.isEmpty || source != nil || !audit.isEmpty || !policies.isEmpty else {
            sink.write(whole())
            return
        }
        var rest = report
        if !findings.isEmpty { rest.findings = nil }
        if !audit.isEmpty { rest.audit = nil }
        let encoded: [UInt8]
        if policies.isEmpty {
            encoded = foundationEncode(rest)
        } else {
            // `policies` is not optional: encode it empty and cut the empty array out below.
            rest.policies = []
            encoded = Self.removingKey("policies", from: foundationEncode(rest), pretty: pretty) ?? []
            if encoded.isEmpty {
                sink.write(whole())
                return
            }
        }
        let writer = FindingsJSONWriter(pretty: pretty)
        // In key order: two splices at the same place go in this order.
        var splices: [(name: String, write: (any ReportSink) -> Void)] = []
        if !audit.isEmpty { splices.append(("audit", { writer.writeAudit(audit, depth: 1, to: $0) })) }
        if let source {
            splices.append(("findings", { writer.writeArray(source, depth: 1, to: $0) }))
        } else if !findings.isEmpty {
            splices.append(("findings", { writer.writeArray(findings, depth: 1, to: $0) }))
        }
        if !policies.isEmpty { splices.append(("policies", { writer.writePolicies(policies, depth: 1, to: $0) })) }
        // Each array goes before the first top-level key that sorts after it, or last in the object.
        var placed: [(at: Int, beforeKey: Bool, name: String, write: (any ReportSink) -> Void)] = []
        for splice in splices {
            if let at = Self.topLevelKey(after: splice.name, in: encoded) {
                placed.append((at, true, splice.name, splice.write))
            } else if let close = encoded.lastIndex(of: UInt8(ascii: "}")) {
                let end = pretty && close > 0 && encoded[close - 1] == 0x0A ? close - 1 : close
                placed.append((end, false, splice.name, splice.write))
            } else {
                sink.write(whole())
                return
            }
        }
        let separator: [UInt8] = pretty ? Array(",\n  ".utf8) : [UInt8(ascii: ",")]
        var from = 0
        let ordered = placed.indices.sorted { (placed[$0].at, $0) < (placed[$1].at, $1) }.map { placed[$0] }
        for splice in ordered {
            sink.write(encoded[from..<splice.at])
            from = splice.at
            if !splice.beforeKey { sink.write(separator) }
            sink.write(Array((pretty ? "\"\(splice.name)\" : " : "\"\(splice.name)\":").utf8))
            splice.write(sink)
            if splice.beforeKey { sink.write(separator) }
        }
        sink.write(encoded[from...])
        sink.write([0x0A])
    }

    /// From this many policies on, `policies` is written by the hand-written writer.
    static let handWrittenPolicies = 256

    /// `encoded` without its top-level `"name" : []` member and the separator before it, or nil when it is
    /// not there as expected (then the caller falls back to Foundation's encoding of everything).
    static func removingKey(_ name: String, from encoded: [UInt8], pretty: Bool) -> [UInt8]? {
        let target = Array(name.utf8)
        guard let at = topLevelKeys(in: encoded).first(where: { $0.name.elementsEqual(target) })?.offset else { return nil }
        let member = Array((pretty ? "\"\(name)\" : [\n\n  ]" : "\"\(name)\":[]").utf8)
        guard encoded.count >= at + member.count, encoded[at..<(at + member.count)].elementsEqual(member) else { return nil }
        // Back over the layout to the comma that separates it from the previous key.
        var start = at
        while start > 0, encoded[start - 1] == 0x20 || encoded[start - 1] == 0x0A { start -= 1 }
        guard start > 0, encoded[start - 1] == UInt8(ascii: ",") else { return nil }
        return Array(encoded[..<(start - 1)]) + encoded[(at + member.count)...]
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
        return topLevelKeys(in: bytes).first { !$0.name.lexicographicallyPrecedes(target) && !$0.name.elementsEqual(target) }?.offset
    }

    /// The top-level keys of an encoded object, each with the offset of its opening quote.
    static func topLevelKeys(in bytes: [UInt8]) -> [(name: ArraySlice<UInt8>, offset: Int)] {
        var keys: [(name: ArraySlice<UInt8>, offset: Int)] = []
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
                    keys.append((bytes[(index + 1)..<min(end, bytes.count)], index))
                    index = end + 1
                    continue
                }
                inString = true
            default:
                break
            }
            index += 1
        }
        return keys
    }
}
