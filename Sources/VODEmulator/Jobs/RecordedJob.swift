/// One accepted `SubmitWorkflowJob`, as the emulator's journal keeps it.
///
/// The AccessKey ID is stored masked (`LTAI****Id`): the journal is for counting and inspecting
/// submissions, not for recovering credentials.
public struct RecordedJob: Sendable, Hashable, Codable {
    public var taskId: String
    public var requestId: String
    public var workflowId: String
    public var mediaId: String?
    /// The caller's AccessKey ID, masked.
    public var accessKeyId: String
    /// `ACS3-HMAC-SHA256` or `RPC-V1-HMAC-SHA1`.
    public var signatureScheme: String
    /// When the job was accepted, UTC `yyyy-MM-ddTHH:mm:ssZ` (the emulator's clock).
    public var acceptedAt: String
    /// The fault that acted after the job was recorded (`dropAfterProcessing`, `internalError`), if any:
    /// the client did not get a success answer for this job.
    public var injectedFault: String?

    public init(
        taskId: String, requestId: String, workflowId: String, mediaId: String?, accessKeyId: String,
        signatureScheme: String, acceptedAt: String, injectedFault: String? = nil
    ) {
        self.taskId = taskId
        self.requestId = requestId
        self.workflowId = workflowId
        self.mediaId = mediaId
        self.accessKeyId = accessKeyId
        self.signatureScheme = signatureScheme
        self.acceptedAt = acceptedAt
        self.injectedFault = injectedFault
    }

    enum CodingKeys: String, CodingKey {
        case taskId = "TaskId"
        case requestId = "RequestId"
        case workflowId = "WorkflowId"
        case mediaId = "MediaId"
        case accessKeyId = "AccessKeyId"
        case signatureScheme = "SignatureScheme"
        case acceptedAt = "AcceptedAt"
        case injectedFault = "InjectedFault"
    }
}
