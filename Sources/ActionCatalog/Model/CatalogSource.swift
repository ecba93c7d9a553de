/// A dataset a catalogue was generated from, pinned to a commit so a refresh can be diffed against it.
public struct CatalogSource: Sendable, Hashable {
    /// `owner/name` on GitHub, e.g. `aliyun/aliyun-openapi-meta`.
    public let repository: String
    /// The file or glob inside the repository, e.g. `metadatas/vod/*.json`.
    public let path: String
    public let commit: String
    /// The commit date, `YYYY-MM-DD`.
    public let date: String

    public init(repository: String, path: String, commit: String, date: String) {
        self.repository = repository
        self.path = path
        self.commit = commit
        self.date = date
    }
}
