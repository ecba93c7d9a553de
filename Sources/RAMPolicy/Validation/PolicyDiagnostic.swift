/// A problem found in a policy document, with the exact place it was found.
public struct PolicyDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// The policy's name (its path).
    public var file: String
    /// Where in the document; the whole document when absent (e.g. a size limit).
    public var span: SourceSpan?
    /// The JSON path, e.g. `Statement[1].Action[0]`; empty for the document itself.
    public var path: String

    public init(severity: Severity, code: DiagnosticCode, message: String, file: String, span: SourceSpan?, path: String) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.span = span
        self.path = path
    }

    public var remedy: String { code.remedy }

    /// `file:line:column path: severity [Code] message`, the form compilers and editors understand.
    public var description: String {
        let position = span.map { ":\($0.start.line):\($0.start.column)" } ?? ""
        let where_ = path.isEmpty ? "" : " \(path)"
        return "\(file)\(position)\(where_): \(severity.rawValue) [\(code.id)] \(message)"
    }
}
