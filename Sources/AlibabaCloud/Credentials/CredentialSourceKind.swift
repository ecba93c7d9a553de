/// The places the default chain looks for credentials, in the order the official SDKs
/// (`alibabacloud-credentials` for Python, Go and Java) try them.
public enum CredentialSourceKind: String, Sendable, Hashable, CaseIterable, Encodable, CustomStringConvertible {
    /// `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, optional `ALIBABA_CLOUD_SECURITY_TOKEN`.
    case environment
    /// `ALIBABA_CLOUD_ROLE_ARN` + `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` + `ALIBABA_CLOUD_OIDC_TOKEN_FILE`
    /// (RRSA on ACK): needs STS `AssumeRoleWithOIDC`.
    case oidcRoleArn
    /// The Aliyun CLI's `~/.aliyun/config.json` (or `ALIBABA_CLOUD_CONFIG_FILE`).
    case cliProfile
    /// The INI file: `ALIBABA_CLOUD_CREDENTIALS_FILE`, `~/.alibabacloud/credentials.ini` (Python, Java)
    /// or `~/.alibabacloud/credentials` (Go).
    case credentialsFile
    /// The ECS instance's RAM role from the metadata service at `100.100.100.200`.
    case ecsRamRole
    /// `ALIBABA_CLOUD_CREDENTIALS_URI`: an HTTP endpoint that hands out STS credentials.
    case credentialsURI

    /// A short human name for reports.
    public var description: String {
        switch self {
        case .environment: return "environment variables"
        case .oidcRoleArn: return "OIDC role (environment)"
        case .cliProfile: return "Aliyun CLI profile"
        case .credentialsFile: return "credentials file"
        case .ecsRamRole: return "ECS instance RAM role"
        case .credentialsURI: return "credentials URI"
        }
    }
}
