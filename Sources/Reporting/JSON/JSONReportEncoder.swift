import Foundation

/// Encodes a ``Report`` as JSON (schema version 1, `ramguard-report.schema.json`).
///
/// Keys are sorted so that output is byte-stable for golden files and diffs, and
/// absent optionals are omitted, as the schema states.
public struct JSONReportEncoder: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func encode(_ report: Report) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, ints and arrays cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{\"decision\":\"Invalid\"}".utf8)
        return [UInt8](data) + [0x0A]
    }
}
