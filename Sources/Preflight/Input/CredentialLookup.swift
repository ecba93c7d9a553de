import AlibabaCloud

/// What the caller found when it looked for credentials.
public enum CredentialLookup: Sendable {
    /// The provider chain returned a credential, with its report.
    case resolved(ResolvedCredential)
    /// The provider chain found none (or stopped at a source needing a network call); the error carries
    /// the report of every source.
    case failed(CredentialChainError)
    /// A credential chosen by the caller rather than the chain — e.g. the emulator's fixed demo key —
    /// with a sentence saying where it comes from, and the chain's report if it was consulted first.
    case provided(Credential, note: String, resolution: CredentialResolution?)

    /// The credential to sign with, if any.
    public var credential: Credential? {
        switch self {
        case .resolved(let resolved): resolved.credential
        case .failed: nil
        case .provided(let credential, _, _): credential
        }
    }
}
