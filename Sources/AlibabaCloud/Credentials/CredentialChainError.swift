/// Why the provider chain returned no credential. It always carries the full ``resolution``, which
/// explains source by source what to fix.
public struct CredentialChainError: Error, Sendable, Hashable {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable { case noCredentials, networkCallRequired }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No source produced a credential.
        public static let noCredentials = Code(.noCredentials)
        /// The first configured source needs a network call (STS, metadata service, URI), which this
        /// module does not make; the chain stops there rather than silently use a lower-priority identity.
        public static let networkCallRequired = Code(.networkCallRequired)

        public var description: String {
            switch base {
            case .noCredentials: return "no credentials"
            case .networkCallRequired: return "network call required"
            }
        }
    }

    public var code: Code
    /// The source that needs the network call, for ``Code/networkCallRequired``.
    public var source: CredentialSourceKind?
    public var resolution: CredentialResolution

    public init(code: Code, source: CredentialSourceKind? = nil, resolution: CredentialResolution) {
        self.code = code
        self.source = source
        self.resolution = resolution
    }
}

extension CredentialChainError: CustomStringConvertible {
    public var description: String {
        let headline: String
        switch code {
        case .networkCallRequired:
            let name = source.map { "\($0)" } ?? "a source"
            headline = "\(name) is configured, but getting its credentials needs a network call that is not"
                + " supported yet; set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"
                + " (and ALIBABA_CLOUD_SECURITY_TOKEN for STS) or use an AK/StsToken profile"
        default:
            headline = "unable to load credentials from any source in the chain; set"
                + " ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile"
                + " with `aliyun configure`"
        }
        return headline + "\n" + resolution.description
    }
}
