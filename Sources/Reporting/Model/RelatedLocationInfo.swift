/// Another place a finding refers to, with a sentence saying why it matters.
public struct RelatedLocationInfo: Sendable, Codable, Hashable {
    public var message: String
    public var file: String
    /// 1-based line and column (Unicode scalars), end exclusive; absent when only the file is known.
    public var line: Int?
    public var column: Int?
    public var endLine: Int?
    public var endColumn: Int?
    /// JSON path inside the document; empty for the whole document.
    public var path: String

    public init(message: String, file: String, line: Int? = nil, column: Int? = nil, endLine: Int? = nil,
                endColumn: Int? = nil, path: String = "") {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.path = path
    }
}
