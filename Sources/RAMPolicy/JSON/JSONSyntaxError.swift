/// Why a text is not the JSON RFC 8259 describes, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

/// A key written twice in one object: RFC 8259 leaves the meaning open, so a policy that relies on
/// it is ambiguous and ramguard rejects it (Foundation silently keeps the first value).
public struct JSONDuplicateKey: Sendable, Hashable {
    public var key: String
    public var span: SourceSpan
    public var firstSpan: SourceSpan
}

/// Limits that keep hostile input from exhausting the stack or memory.
public struct JSONParserLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects accepted (a policy needs 5).
    public var maxDepth: Int
    /// Largest input accepted, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 64, maxBytes: Int = 16 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    public static let `default` = JSONParserLimits()
}
