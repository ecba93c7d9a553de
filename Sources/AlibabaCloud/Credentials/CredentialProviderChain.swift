import Foundation

/// The default credential chain of the official `alibabacloud-credentials` libraries, offline.
///
/// Sources are tried in the SDKs' order (reference §7.1): environment variables, OIDC from the
/// environment, the CLI's `config.json`, the INI credentials file, the ECS instance RAM role, and the
/// credentials URI. The first source that yields a credential wins; a source that is missing,
/// incomplete or malformed is skipped, as in the SDKs, and the ``CredentialResolution`` says why.
///
/// This module makes no network calls. When the first configured source needs one (a `RamRoleArn`
/// profile, OIDC, an explicit ECS role, a credentials URI), the chain stops with
/// ``CredentialChainError/Code/networkCallRequired`` instead of falling through to a lower-priority
/// source: silently using a different identity than the SDKs would is worse than failing, especially in
/// a tool about permissions. ``continuesPastNetworkSources`` opts into falling through. The ECS metadata
/// service, which is probed without configuration, is reported as not attempted and does not stop the chain.
///
/// Everything the chain reads is injected — environment, home directory, file reader — so tests never
/// see the real ones.
public struct CredentialProviderChain: Sendable {
    public var environment: [String: String]
    /// The home directory holding `.aliyun/` and `.alibabacloud/`; `nil` means `environment["HOME"]`.
    public var homeDirectory: String?
    /// A profile chosen by the caller (e.g. a `--profile` flag); it beats `ALIBABA_CLOUD_PROFILE`.
    public var profileName: String?
    public var fileReader: CredentialFileReader
    /// Skip, rather than stop at, sources that need a network call.
    public var continuesPastNetworkSources: Bool

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        profileName: String? = nil,
        fileReader: CredentialFileReader = .local,
        continuesPastNetworkSources: Bool = false
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.profileName = profileName
        self.fileReader = fileReader
        self.continuesPastNetworkSources = continuesPastNetworkSources
    }

    /// The sources in chain order.
    static let sources: [any CredentialSource] = [
        EnvironmentCredentialSource(),
        OIDCCredentialSource(),
        CLIProfileCredentialSource(),
        CredentialsFileSource(),
        ECSMetadataCredentialSource(),
        CredentialsURISource(),
    ]

    /// Runs the chain and returns the winning credential with its report.
    ///
    /// - Parameter now: the time used to flag expired credentials.
    /// - Throws: ``CredentialChainError`` with the full report when no credential can be had offline.
    public func resolve(now: Date = Date()) throws(CredentialChainError) -> ResolvedCredential {
        let run = self.run(now: now)
        if let credential = run.credential {
            return ResolvedCredential(credential: credential, resolution: run.resolution)
        }
        if let stoppedAt = run.stoppedAt {
            throw CredentialChainError(code: .networkCallRequired, source: stoppedAt, resolution: run.resolution)
        }
        throw CredentialChainError(code: .noCredentials, resolution: run.resolution)
    }

    /// Runs the chain for its report only, e.g. for a `whoami`-style command; never throws.
    public func resolution(now: Date = Date()) -> CredentialResolution {
        run(now: now).resolution
    }

    private func run(now: Date) -> (credential: Credential?, resolution: CredentialResolution, stoppedAt: CredentialSourceKind?) {
        let context = CredentialSourceContext(
            environment: environment,
            homeDirectory: homeDirectory ?? environment["HOME"],
            explicitProfileName: profileName,
            fileReader: fileReader,
            now: now
        )
        var reports: [CredentialSourceReport] = []
        var winner: (credential: Credential, source: CredentialSourceKind, providerName: String?)?
        var stoppedAt: CredentialSourceKind?
        for source in Self.sources {
            if winner != nil || stoppedAt != nil {
                reports.append(CredentialSourceReport(source: source.kind, outcome: .notConsulted))
                continue
            }
            let result = source.load(in: context)
            reports.append(CredentialSourceReport(
                source: source.kind,
                outcome: result.outcome,
                location: result.location,
                warnings: result.warnings
            ))
            if let credential = result.credential {
                winner = (credential, source.kind, result.providerName)
            } else if case .needsNetworkCall = result.outcome, !continuesPastNetworkSources {
                stoppedAt = source.kind
            }
        }
        let resolution = CredentialResolution(sources: reports, winner: winner?.source, providerName: winner?.providerName)
        return (winner?.credential, resolution, stoppedAt)
    }
}
