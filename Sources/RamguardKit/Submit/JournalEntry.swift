/// One line of the submit journal: the intent to send an attempt (written and fsync'd *before* sending),
/// or the outcome of an attempt (written after).
///
/// Holds no secret: the AccessKey ID is masked; signatures, tokens, nonces and secrets are never written.
public struct JournalEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case intent
        case outcome
    }

    public var type: Kind
    /// One id per `ramguard submit` run; its attempts share it.
    public var submission: String
    /// 1-based attempt number.
    public var attempt: Int
    /// RFC 3339 UTC.
    public var time: String
    public var workflowId: String
    public var mediaId: String?
    public var endpoint: String
    /// `v3` or `v1`.
    public var signatureVersion: String
    /// Masked, e.g. `LTAI****Id`.
    public var accessKeyId: String
    /// Intent only: the run was started with `--force`, acknowledging earlier unknown outcomes.
    public var force: Bool?
    /// Outcome only: `success`, `retryable`, `not-sent`, `denied`, `rejected` or `unknown`.
    public var result: String?
    public var httpStatus: Int?
    /// The service's `Code` or the transport failure.
    public var code: String?
    public var requestId: String?
    public var taskId: String?
    /// Scrubbed of secrets.
    public var message: String?

    public init(type: Kind, submission: String, attempt: Int, time: String, workflowId: String, mediaId: String?,
                endpoint: String, signatureVersion: String, accessKeyId: String, force: Bool? = nil, result: String? = nil,
                httpStatus: Int? = nil, code: String? = nil, requestId: String? = nil, taskId: String? = nil, message: String? = nil) {
        self.type = type
        self.submission = submission
        self.attempt = attempt
        self.time = time
        self.workflowId = workflowId
        self.mediaId = mediaId
        self.endpoint = endpoint
        self.signatureVersion = signatureVersion
        self.accessKeyId = accessKeyId
        self.force = force
        self.result = result
        self.httpStatus = httpStatus
        self.code = code
        self.requestId = requestId
        self.taskId = taskId
        self.message = message
    }
}
