/// A JSON value that remembers where it was written.
///
/// Foundation's decoders forget positions, accept trailing commas and drop duplicate keys; a policy
/// checker must point at the exact token and reject what the service rejects, so ramguard keeps its
/// own located tree.
public struct JSONValue: Sendable {
    public enum Kind: Sendable {
        case object([JSONMember])
        case array([JSONValue])
        case string(String)
        /// The number's literal text, exactly as written (RFC 8259 grammar).
        case number(String)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The JSON type's name, for "expected X, found Y" messages.
    public var typeName: String {
        switch kind {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let m) = kind { return m }
        return nil
    }

    /// The first member named `key` (exact match).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// One `"key": value` pair of an object, with the key's own span.
public struct JSONMember: Sendable {
    public var key: String
    public var keySpan: SourceSpan
    public var value: JSONValue

    public init(key: String, keySpan: SourceSpan, value: JSONValue) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}
