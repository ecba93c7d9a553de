/// One attempt of a call.
public struct AttemptInfo: Sendable, Codable, Hashable {
    /// 1-based.
    public var number: Int
    /// `success`, `retryable`, `not-sent`, `denied`, `rejected` or `unknown`.
    public var result: String
    public var httpStatus: Int?
    /// The error code (service `Code`, or the transport failure such as `timedOut`).
    public var code: String?
    public var requestId: String?
    public var elapsedMilliseconds: Int
    /// The wait before the next attempt, when there was one.
    public var retryDelayMilliseconds: Int?

    public init(number: Int, result: String, httpStatus: Int? = nil, code: String? = nil, requestId: String? = nil,
                elapsedMilliseconds: Int, retryDelayMilliseconds: Int? = nil) {
        self.number = number
        self.result = result
        self.httpStatus = httpStatus
        self.code = code
        self.requestId = requestId
        self.elapsedMilliseconds = elapsedMilliseconds
        self.retryDelayMilliseconds = retryDelayMilliseconds
    }
}
