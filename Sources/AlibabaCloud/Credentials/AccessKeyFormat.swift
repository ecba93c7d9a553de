/// The observed shapes of AccessKey IDs (reference §8). Alibaba publishes no format, so this only
/// classifies and warns; it never rejects by length.
///
/// * `LTAI…` — a long-term RAM user or account key (modern ones are 24 characters, `LTAI5t…`).
/// * `STS.…` — a temporary key from STS, which only works together with its security token.
/// * anything else — e.g. older 16-character keys without a prefix; accepted as long-term.
public enum AccessKeyFormat: Sendable, Hashable {
    case longTerm
    case temporary
    case unrecognized

    /// Classifies an AccessKey ID by its prefix.
    public static func classify(_ accessKeyId: String) -> AccessKeyFormat {
        if accessKeyId.hasPrefix("STS.") { return .temporary }
        if accessKeyId.hasPrefix("LTAI") { return .longTerm }
        return .unrecognized
    }

    /// Everything suspicious about `credential`, without revealing any value.
    public static func warnings(for credential: Credential) -> [CredentialWarning] {
        var warnings: [CredentialWarning] = []
        if credential.accessKeyId.isEmpty {
            warnings.append(CredentialWarning(code: "empty-access-key-id", message: "the AccessKey ID is empty"))
        }
        if credential.accessKeySecret.isEmpty {
            warnings.append(CredentialWarning(code: "empty-access-key-secret", message: "the AccessKey secret is empty"))
        }
        for (field, value) in [
            ("AccessKey ID", credential.accessKeyId),
            ("AccessKey secret", credential.accessKeySecret),
            ("security token", credential.securityToken ?? ""),
        ] where containsWhitespaceOrControl(value) {
            warnings.append(CredentialWarning(
                code: "whitespace-in-credential",
                message: "the \(field) contains whitespace or control characters (often a pasted newline);"
                    + " the signature will not match, remove them"
            ))
        }
        switch (classify(credential.accessKeyId), credential.securityToken) {
        case (.temporary, nil):
            warnings.append(CredentialWarning(
                code: "sts-key-without-token",
                message: "the AccessKey ID starts with 'STS.' (temporary) but there is no security token;"
                    + " the gateway will answer MissingSecurityToken. Supply the token that came with it"
            ))
        case (.longTerm, .some):
            warnings.append(CredentialWarning(
                code: "token-with-long-term-key",
                message: "a security token was given with a long-term 'LTAI' AccessKey ID; the gateway will"
                    + " reject the pair (InvalidSecurityToken.MismatchWithAccessKey). Drop the token or use"
                    + " the 'STS.' key it belongs to"
            ))
        default:
            break
        }
        return warnings
    }

    private static func containsWhitespaceOrControl(_ value: String) -> Bool {
        value.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }
}
