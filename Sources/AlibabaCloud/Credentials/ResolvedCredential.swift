/// The credential the chain chose, with the report of how it got there.
public struct ResolvedCredential: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var credential: Credential
    public var resolution: CredentialResolution

    public init(credential: Credential, resolution: CredentialResolution) {
        self.credential = credential
        self.resolution = resolution
    }

    /// The source that supplied ``credential``.
    public var source: CredentialSourceKind? { resolution.winner }

    public var description: String { "\(credential) from \(resolution.providerName ?? "?")\n\(resolution)" }
}
