/// A problem in a credentials file, located precisely enough to fix: file, line, and the field if any.
///
/// Never contains a value from the file, so it is safe to print even when the broken line holds a secret.
public struct CredentialFileIssue: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// 1-based column, when known (JSON syntax errors).
    public var column: Int?
    /// The key or JSON field concerned, e.g. `access_key_id` or `profiles[1].mode`.
    public var field: String?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `path:line:column: field: message`, the form editors and terminals turn into links.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        if let field { return "\(location): \(field): \(message)" }
        return "\(location): \(message)"
    }
}
