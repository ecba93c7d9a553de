import RAMPolicy

/// Why a `.ramguard.json` lint configuration was rejected, with the position and JSON path of the
/// value at fault: a configuration that silently ignores a typo would hide findings nobody meant to hide.
public struct LintConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var file: String
    public var location: SourceLocation?
    /// JSON path, e.g. `suppress[1].reason`; empty for the document itself.
    public var path: String

    public init(message: String, file: String, location: SourceLocation?, path: String) {
        self.message = message
        self.file = file
        self.location = location
        self.path = path
    }

    /// `file:line:column path: message`.
    public var description: String {
        let position = location.map { ":\($0.line):\($0.column)" } ?? ""
        let where_ = path.isEmpty ? "" : " \(path)"
        return "\(file)\(position)\(where_): \(message)"
    }
}
