/// The error that ended a call: the service's answer (scrubbed of secrets) or a transport failure.
public struct SubmissionErrorInfo: Sendable, Codable, Hashable {
    /// `service` (an error answer) or `transport` (no usable answer).
    public var kind: String
    /// The service's `Code` (e.g. `Forbidden.RAM`), or the transport failure (e.g. `timedOut`).
    public var code: String
    /// Scrubbed: an echoed string-to-sign and any secret are removed.
    public var message: String?
    public var httpStatus: Int?
    public var requestId: String?
    public var hostId: String?
    public var recommend: String?
    /// The decoded `AccessDeniedDetail`, for a RAM denial.
    public var accessDenied: AccessDeniedInfo?

    public init(kind: String, code: String, message: String? = nil, httpStatus: Int? = nil, requestId: String? = nil,
                hostId: String? = nil, recommend: String? = nil, accessDenied: AccessDeniedInfo? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.hostId = hostId
        self.recommend = recommend
        self.accessDenied = accessDenied
    }
}
