import Foundation

/// The fields of a JSON or XML response body, looked up case-insensitively.
///
/// RPC bodies use PascalCase (`RequestId`, `Code`), ROA bodies and some SDK views lower camel case
/// (`requestId`, `accessDeniedDetail`, reference §5.1); the tea SDK reads both spellings. Values that are
/// not strings (numbers, booleans) are kept in their JSON text form.
struct BodyFields {
    var rootName: String?
    private var values: [String: String] = [:]
    private var groups: [String: [String: String]] = [:]

    init(rootName: String?, values: [String: String], groups: [String: [String: String]]) {
        self.rootName = rootName
        for (key, value) in values where self.values[key.lowercased()] == nil {
            self.values[key.lowercased()] = value
        }
        for (key, group) in groups where self.groups[key.lowercased()] == nil {
            var lowered: [String: String] = [:]
            for (k, v) in group where lowered[k.lowercased()] == nil { lowered[k.lowercased()] = v }
            self.groups[key.lowercased()] = lowered
        }
    }

    func value(_ name: String) -> String? { values[name.lowercased()] }

    func group(_ name: String) -> BodyGroup? { groups[name.lowercased()].map(BodyGroup.init) }

    /// Reads a JSON object or an XML document (through `xmlReader`), deciding by the first non-blank byte.
    static func read(_ body: [UInt8], xmlReader: FlatXMLReader?) throws(ResponseBodyError) -> BodyFields {
        guard let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) else {
            throw ResponseBodyError(kind: .empty, message: "the response body is empty")
        }
        switch first {
        case UInt8(ascii: "{"):
            return try json(body)
        case UInt8(ascii: "<"):
            guard let xmlReader else {
                throw ResponseBodyError(kind: .noXMLReader, message: "the response body is XML; pass an XML reader or request Format=JSON")
            }
            let document: FlatXMLDocument
            do {
                document = try xmlReader(body)
            } catch {
                throw ResponseBodyError(kind: .notXML, message: "the XML response body could not be read: \(error)")
            }
            return BodyFields(rootName: document.rootName, values: document.values, groups: document.groups)
        default:
            throw ResponseBodyError(kind: .wrongShape, message: "the response body is neither a JSON object nor XML (it starts with byte 0x\(String(first, radix: 16)))")
        }
    }

    private static func json(_ body: [UInt8]) throws(ResponseBodyError) -> BodyFields {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw ResponseBodyError(kind: .notJSON, message: "the response body is not valid JSON: \((error as NSError).localizedDescription)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ResponseBodyError(kind: .notJSON, message: "the response body is JSON but not an object")
        }
        var values: [String: String] = [:]
        var groups: [String: [String: String]] = [:]
        for (key, value) in dictionary {
            if let nested = value as? [String: Any] {
                var group: [String: String] = [:]
                for (k, v) in nested {
                    if let text = scalarText(v) { group[k] = text }
                }
                groups[key] = group
            } else if let text = scalarText(value) {
                values[key] = text
            }
        }
        return BodyFields(rootName: nil, values: values, groups: groups)
    }

    private static func scalarText(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case is NSNull: return nil
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}

struct BodyGroup {
    private let values: [String: String]
    init(_ values: [String: String]) { self.values = values }
    func value(_ name: String) -> String? { values[name.lowercased()] }
}
