import RAMPolicy

/// Another place that explains a finding, e.g. the statement that shadows the one reported.
///
/// Reports render it as SARIF `relatedLocations` and as a "see also" line in text output.
public struct RelatedLocation: Sendable, Hashable {
    public var file: String
    public var span: SourceSpan?
    /// JSON path inside `file`, e.g. `Statement[0]`.
    public var path: String
    /// What this location has to do with the finding, e.g. "grants the same without conditions".
    public var message: String

    public init(file: String, span: SourceSpan?, path: String, message: String) {
        self.file = file
        self.span = span
        self.path = path
        self.message = message
    }
}
