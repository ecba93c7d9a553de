/// One line of a ``CredentialResolution``: a source and what came of it.
public struct CredentialSourceReport: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var source: CredentialSourceKind
    public var outcome: CredentialSourceOutcome
    /// Where the source looked, e.g. `/home/me/.aliyun/config.json, profile "default"`.
    public var location: String?
    /// Problems with the credential this source would give, e.g. an `STS.` key without a token.
    public var warnings: [CredentialWarning]

    public init(source: CredentialSourceKind, outcome: CredentialSourceOutcome, location: String? = nil, warnings: [CredentialWarning] = []) {
        self.source = source
        self.outcome = outcome
        self.location = location
        self.warnings = warnings
    }

    public var description: String {
        var text = "\(source)"
        if let location { text += " (\(location))" }
        text += ": \(outcome)"
        for warning in warnings {
            text += "\n    warning: \(warning.message)"
        }
        return text
    }
}
