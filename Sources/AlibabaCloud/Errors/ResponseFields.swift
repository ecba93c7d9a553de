import XMLKit

/// The top-level text fields of an Alibaba Cloud response body (JSON object or XML document), looked up
/// case-insensitively — enough to read `RequestId` and `TaskId` from a success answer in either format.
///
/// XML goes through ``SafeXMLReader`` (no network, no entities, no DOCTYPE).
public struct ResponseFields: Sendable, Hashable {
    private var values: [String: String]

    /// Reads `body`; `nil` when it is neither a JSON object nor well-formed XML.
    public init?(body: [UInt8]) {
        guard let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) else { return nil }
        let fields: ServiceErrorParser.Fields?
        switch first {
        case UInt8(ascii: "{"): fields = ServiceErrorParser.json(body)
        case UInt8(ascii: "<"): fields = ServiceErrorParser.xml(body)
        default: fields = nil
        }
        guard let fields else { return nil }
        self.values = fields.allValues
    }

    /// The text of field `name` (any case).
    public func value(_ name: String) -> String? { values[name.lowercased()] }
}

extension ServiceErrorParser.Fields {
    var allValues: [String: String] {
        var result: [String: String] = [:]
        for key in ["requestid", "taskid", "code", "message", "hostid", "recommend"] {
            if let value = value(key) { result[key] = value }
        }
        return result
    }
}
