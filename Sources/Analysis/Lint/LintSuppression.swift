import RAMPolicy

/// One entry of a configuration's `suppress` list: which findings it hides and why.
public struct LintSuppression: Sendable, Hashable {
    /// Where the suppression applies.
    public enum Scope: Sendable, Hashable {
        /// Every file.
        case everywhere
        /// Files whose path matches the glob.
        case files(FileGlob)
        /// One file; with a line, only findings that start on that line.
        case file(String, line: Int?)
    }

    /// Only findings of this rule; nil for every rule in scope.
    public var code: FindingCode?
    public var scope: Scope
    /// Why the findings are acceptable; mandatory, reported next to every suppressed finding.
    public var reason: String
    /// Where the entry is written in the configuration file.
    public var span: SourceSpan?
    public var path: String

    public init(code: FindingCode?, scope: Scope, reason: String, span: SourceSpan? = nil, path: String = "") {
        self.code = code
        self.scope = scope
        self.reason = reason
        self.span = span
        self.path = path
    }

    public func matches(_ finding: Finding) -> Bool {
        if let code, code.id != finding.code.id { return false }
        switch scope {
        case .everywhere:
            return true
        case .files(let glob):
            return glob.matches(finding.file)
        case .file(let file, let line):
            guard FileGlob.normalize(file) == FileGlob.normalize(finding.file) else { return false }
            guard let line else { return true }
            return finding.span?.start.line == line
        }
    }
}
