/// The credential a call was signed with, as a report may show it.
public struct CredentialUseInfo: Sendable, Codable, Hashable {
    /// Masked, e.g. `LTAI****Id`.
    public var accessKeyId: String
    /// `long-term` or `sts`.
    public var kind: String
    /// Where it came from, e.g. `environment variables` or `the emulator's demo key`.
    public var source: String

    public init(accessKeyId: String, kind: String, source: String) {
        self.accessKeyId = accessKeyId
        self.kind = kind
        self.source = source
    }
}
