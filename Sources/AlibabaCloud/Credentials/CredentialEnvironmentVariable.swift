/// The environment variables the official credential libraries read (reference §7.2), as the chain
/// reads them too. A `String` raw value so a CLI can list them in its help.
public enum CredentialEnvironmentVariable: String, Sendable, Hashable, CaseIterable {
    case accessKeyId = "ALIBABA_CLOUD_ACCESS_KEY_ID"
    case accessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    case securityToken = "ALIBABA_CLOUD_SECURITY_TOKEN"
    /// Profile name for both config.json and the INI file.
    case profile = "ALIBABA_CLOUD_PROFILE"
    /// Path of the INI credentials file.
    case credentialsFile = "ALIBABA_CLOUD_CREDENTIALS_FILE"
    /// Path of the CLI config (the Go SDK reads it; the default is `~/.aliyun/config.json`).
    case configFile = "ALIBABA_CLOUD_CONFIG_FILE"
    /// `true` skips `~/.aliyun/config.json`.
    case cliProfileDisabled = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"
    /// The ECS RAM role name (saves one metadata call).
    case ecsMetadata = "ALIBABA_CLOUD_ECS_METADATA"
    /// `true` skips the ECS instance metadata service.
    case ecsMetadataDisabled = "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
    /// `true` forbids the IMDSv1 fallback.
    case imdsV1Disabled = "ALIBABA_CLOUD_IMDSV1_DISABLED"
    case roleArn = "ALIBABA_CLOUD_ROLE_ARN"
    case roleSessionName = "ALIBABA_CLOUD_ROLE_SESSION_NAME"
    case oidcProviderArn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"
    case oidcTokenFile = "ALIBABA_CLOUD_OIDC_TOKEN_FILE"
    case stsRegion = "ALIBABA_CLOUD_STS_REGION"
    case vpcEndpointEnabled = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"
    case credentialsURI = "ALIBABA_CLOUD_CREDENTIALS_URI"
    /// Only the legacy `aliyun-python-sdk-core` reads these two; the chain reports them as ignored.
    case legacyAccessKeyId = "ALIYUN_ACCESS_KEY_ID"
    case legacyAccessKeySecret = "ALIYUN_ACCESS_KEY_SECRET"

    public var name: String { rawValue }
}
