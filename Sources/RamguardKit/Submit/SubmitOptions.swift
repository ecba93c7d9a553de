import Foundation

/// What `ramguard submit` (and `ramguard preflight`) is asked to do.
public struct SubmitOptions: Sendable {
    public var workflowId: String
    public var mediaId: String?
    /// `--region`; with neither this nor ``endpoint``, `ALIBABA_CLOUD_REGION_ID` is used.
    public var region: String?
    /// `--endpoint URL` (https anywhere, http only on loopback).
    public var endpoint: String?
    /// `--policy`: the identity policies of the caller (files or directories).
    public var policies: [String]
    /// An STS session policy, if the caller is a role session that passed one.
    public var sessionPolicy: String?
    /// Resource Directory control policies.
    public var controlPolicies: [String]
    /// `--context KEY=VALUE`: condition keys the call will carry (acs:SourceIp, acs:SourceVpc, acs:MFAPresent, …).
    public var context: [String]
    /// `--profile`: the CLI / credentials-file profile.
    public var profile: String?
    public var signatureVersion: SignatureVersion
    public var dryRun: Bool
    /// `--journal FILE`.
    public var journal: String?
    /// `--force`: submit even when the journal holds an unknown-outcome entry for the same workflow/media.
    public var force: Bool
    /// `--timeout SECONDS`: the read timeout (the connect timeout is the smaller of this and 5 s).
    public var timeout: Double?
    /// Reject undocumented policy syntax.
    public var strict: Bool
    /// The environment the credential chain reads (injected for tests).
    public var environment: [String: String]
    /// The home directory for `~/.aliyun` and `~/.alibabacloud`; `nil` means `environment["HOME"]`.
    public var homeDirectory: String?

    public init(
        workflowId: String, mediaId: String? = nil, region: String? = nil, endpoint: String? = nil,
        policies: [String] = [], sessionPolicy: String? = nil, controlPolicies: [String] = [], context: [String] = [],
        profile: String? = nil, signatureVersion: SignatureVersion = .v3, dryRun: Bool = false, journal: String? = nil,
        force: Bool = false, timeout: Double? = nil, strict: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil
    ) {
        self.workflowId = workflowId
        self.mediaId = mediaId
        self.region = region
        self.endpoint = endpoint
        self.policies = policies
        self.sessionPolicy = sessionPolicy
        self.controlPolicies = controlPolicies
        self.context = context
        self.profile = profile
        self.signatureVersion = signatureVersion
        self.dryRun = dryRun
        self.journal = journal
        self.force = force
        self.timeout = timeout
        self.strict = strict
        self.environment = environment
        self.homeDirectory = homeDirectory
    }
}
