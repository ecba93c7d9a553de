/// How a `ramguard submit` went, beyond the top-level `outcome`, `requestId`, `taskId` and `error`.
public struct SubmissionInfo: Sendable, Codable, Hashable {
    /// The base URL the call went (or would go) to, e.g. `https://vod.cn-shanghai.aliyuncs.com`.
    public var endpoint: String?
    /// `v3` (`ACS3-HMAC-SHA256`) or `v1` (RPC `HMAC-SHA1`).
    public var signatureVersion: String
    public var workflowId: String
    public var mediaId: String?
    /// The credential used, without its secret.
    public var credential: CredentialUseInfo?
    /// Whether this was a dry run (nothing sent).
    public var dryRun: Bool
    /// For a dry run: the exact request that would be sent, with `Authorization`, `Signature` and
    /// `SecurityToken` redacted.
    public var httpRequest: HTTPRequestInfo?
    /// Every attempt actually sent, in order.
    public var attempts: [AttemptInfo]
    /// The journal file, when `--journal` was given.
    public var journal: String?
    /// What ramguard set up for the call, e.g. the in-process emulator and where its credential came from.
    public var notes: [String]
    /// One sentence on what the outcome means and what to do next.
    public var summary: String

    public init(
        endpoint: String?, signatureVersion: String, workflowId: String, mediaId: String? = nil,
        credential: CredentialUseInfo? = nil, dryRun: Bool = false, httpRequest: HTTPRequestInfo? = nil,
        attempts: [AttemptInfo] = [], journal: String? = nil, notes: [String] = [], summary: String
    ) {
        self.endpoint = endpoint
        self.signatureVersion = signatureVersion
        self.workflowId = workflowId
        self.mediaId = mediaId
        self.credential = credential
        self.dryRun = dryRun
        self.httpRequest = httpRequest
        self.attempts = attempts
        self.journal = journal
        self.notes = notes
        self.summary = summary
    }
}
