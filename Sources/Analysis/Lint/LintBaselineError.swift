import RAMPolicy

/// Why a baseline file could not be read.
public struct LintBaselineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    public var path: String

    public init(message: String, location: SourceLocation?, path: String) {
        self.message = message
        self.location = location
        self.path = path
    }

    public var description: String {
        let position = location.map { "\($0) " } ?? ""
        return position + (path.isEmpty ? "" : "\(path): ") + message
    }
}
