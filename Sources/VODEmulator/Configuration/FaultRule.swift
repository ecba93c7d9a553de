/// One injected fault: which requests it hits, what it does, and how many times.
///
/// The kinds model what a client must survive on the real endpoint (reference §6.5): failures where the
/// request certainly was not processed (so a retry is safe), and failures after which the job may exist
/// (so the client must report the outcome as unknown rather than retry blindly).
public struct FaultRule: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Waits ``FaultRule/latencyMilliseconds`` before handling the request, then handles it normally.
        case latency
        /// 503 `ServiceUnavailable` from the gateway, before authentication: not processed.
        case serviceUnavailable
        /// 400 `Throttling.User` after authentication, before processing: not processed. Sends
        /// `x-acs-retry-after` when ``FaultRule/retryAfterMilliseconds`` is set.
        case throttling
        /// Closes the connection without answering and without processing.
        case dropBeforeProcessing
        /// Records the job, then closes the connection without answering: the outcome is unknown to the client.
        case dropAfterProcessing
        /// Records the job, then answers 500 `InternalError`: the job may have started.
        case internalError

        /// Whether the job is recorded before the fault acts.
        public var recordsJob: Bool { self == .dropAfterProcessing || self == .internalError }
    }

    public var kind: Kind
    /// Only requests with this `WorkflowId` (exact match); `nil` matches all.
    public var workflowId: String?
    /// Only requests claiming this AccessKey ID; `nil` matches all.
    public var accessKeyId: String?
    /// How many matching requests the fault applies to; `nil` means every one.
    public var count: Int?
    /// For ``Kind/latency``: the delay.
    public var latencyMilliseconds: Int
    /// For ``Kind/throttling``: the value of the `x-acs-retry-after` header (milliseconds, as the tea SDK
    /// reads it; reference §5.1), or `nil` for no header.
    public var retryAfterMilliseconds: Int?

    public init(
        kind: Kind,
        workflowId: String? = nil,
        accessKeyId: String? = nil,
        count: Int? = nil,
        latencyMilliseconds: Int = 0,
        retryAfterMilliseconds: Int? = nil
    ) {
        self.kind = kind
        self.workflowId = workflowId
        self.accessKeyId = accessKeyId
        self.count = count
        self.latencyMilliseconds = latencyMilliseconds
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    func matches(workflowId: String?, accessKeyId: String?) -> Bool {
        if let wanted = self.workflowId, wanted != workflowId { return false }
        if let wanted = self.accessKeyId, wanted != accessKeyId { return false }
        return true
    }

    public var description: String {
        var text = kind.rawValue
        if let workflowId { text += " workflowId=\(workflowId)" }
        if let accessKeyId { text += " accessKeyId=\(KeyMasking.mask(accessKeyId))" }
        text += count.map { " count=\($0)" } ?? " count=unlimited"
        if kind == .latency { text += " latencyMs=\(latencyMilliseconds)" }
        return text
    }
}
