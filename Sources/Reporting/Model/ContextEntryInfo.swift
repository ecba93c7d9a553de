/// One condition key of an example request context (`ramguard explain`). Unlike ``ContextEntry`` it has no
/// source: every example value is made up by ramguard.
public struct ContextEntryInfo: Sendable, Codable, Hashable {
    public var key: String
    public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }
}
