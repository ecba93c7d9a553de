import Foundation

/// Everything a source may look at. Nothing here touches the real process environment or home
/// directory unless the chain was created that way.
struct CredentialSourceContext: Sendable {
    var environment: [String: String]
    var homeDirectory: String?
    var explicitProfileName: String?
    var fileReader: CredentialFileReader
    var now: Date

    /// The variable's value, treating an empty value as unset (as the SDKs do).
    func value(_ variable: CredentialEnvironmentVariable) -> String? {
        guard let value = environment[variable.rawValue], !value.isEmpty else { return nil }
        return value
    }

    /// Whether the variable is `true` (any case), the SDKs' test for their `…_DISABLED` switches.
    func isTrue(_ variable: CredentialEnvironmentVariable) -> Bool {
        value(variable)?.lowercased() == "true"
    }

    /// The profile name chosen by the caller or `ALIBABA_CLOUD_PROFILE`, and where it came from.
    var selectedProfile: (name: String, origin: String)? {
        if let explicitProfileName, !explicitProfileName.isEmpty {
            return (explicitProfileName, "chosen explicitly")
        }
        if let name = value(.profile) {
            return (name, "from \(CredentialEnvironmentVariable.profile.rawValue)")
        }
        return nil
    }

    /// `home` + `relative`, or `nil` when there is no home directory.
    func homePath(_ relative: String) -> String? {
        guard let homeDirectory, !homeDirectory.isEmpty else { return nil }
        var base = homeDirectory
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base + "/" + relative
    }

    enum FileRead {
        case missing
        case unreadable(String)
        case contents([UInt8])
    }

    func read(_ path: String) -> FileRead {
        do {
            guard let bytes = try fileReader.contents(atPath: path) else { return .missing }
            return .contents(bytes)
        } catch {
            return .unreadable("\(error)")
        }
    }
}

/// What one source produced.
struct CredentialSourceResult: Sendable {
    var outcome: CredentialSourceOutcome
    var location: String?
    var credential: Credential?
    var providerName: String?
    var warnings: [CredentialWarning] = []

    init(_ outcome: CredentialSourceOutcome, location: String? = nil, warnings: [CredentialWarning] = []) {
        self.outcome = outcome
        self.location = location
        self.warnings = warnings
    }

    /// A successful result; the credential's own warnings, and expiry, are added here once for all sources.
    static func found(
        _ credential: Credential,
        detail: String,
        location: String?,
        providerName: String,
        now: Date,
        warnings: [CredentialWarning] = []
    ) -> CredentialSourceResult {
        var result = CredentialSourceResult(.used(detail), location: location, warnings: warnings + credential.warnings)
        if let expiration = credential.expiration, expiration <= now {
            result.warnings.append(CredentialWarning(
                code: "credential-expired",
                message: "these temporary credentials expired at \(SigningTimestamp.string(from: expiration));"
                    + " the gateway will answer InvalidSecurityToken.Expired. Get new ones"
            ))
        }
        result.credential = credential
        result.providerName = providerName
        return result
    }
}

/// One place the chain looks.
protocol CredentialSource: Sendable {
    var kind: CredentialSourceKind { get }
    func load(in context: CredentialSourceContext) -> CredentialSourceResult
}
