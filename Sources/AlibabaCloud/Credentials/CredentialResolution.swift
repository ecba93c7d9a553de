/// The report of a run of the provider chain: every source in chain order with its outcome.
///
/// This is what a user needs when "which credentials did it use, and why not mine?" comes up. It holds
/// no secret: credentials appear only as masked AccessKey IDs.
public struct CredentialResolution: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// Every source, in the order the chain tries them.
    public var sources: [CredentialSourceReport]
    /// The source whose credential was returned, if any.
    public var winner: CredentialSourceKind?
    /// The SDK-style provider name, e.g. `default/env` or `default/cli_profile/static_ak`; the tea SDK
    /// sends it as `x-acs-credentials-provider`.
    public var providerName: String?

    public init(sources: [CredentialSourceReport], winner: CredentialSourceKind?, providerName: String?) {
        self.sources = sources
        self.winner = winner
        self.providerName = providerName
    }

    /// The report for one source.
    public func report(for source: CredentialSourceKind) -> CredentialSourceReport? {
        sources.first { $0.source == source }
    }

    /// All warnings from all sources.
    public var warnings: [CredentialWarning] { sources.flatMap(\.warnings) }

    public var description: String {
        var lines = ["Credential sources, in the order the official SDKs try them:"]
        for (index, report) in sources.enumerated() {
            lines.append("  \(index + 1). \(report)")
        }
        return lines.joined(separator: "\n")
    }
}
