/// Turns the result of one attempt into an ``AttemptVerdict`` (the table there is the whole policy).
///
/// The rule behind it (reference §6.5): a call without an idempotency token, such as `SubmitWorkflowJob`,
/// is retried only when the request *certainly* was not processed — the connection was never established,
/// or the gateway answered `Throttling*` / `ServiceUnavailable`, which it does before the service acts.
/// Everything that may have reached the service — a timeout, a connection closed after the request went
/// out (even when the server closed it "before processing": the client cannot tell), any other 5xx — is
/// an unknown outcome, never retried.
public struct AttemptClassifier: Sendable {
    public var parser: ServiceErrorParser
    /// Reads a 2xx body; `false` makes the success an unknown outcome (the job may exist, but its TaskId
    /// is not known). `nil` accepts every 2xx.
    public var acceptsSuccessBody: (@Sendable (HTTPResponse) -> Bool)?

    public init(parser: ServiceErrorParser = ServiceErrorParser(), acceptsSuccessBody: (@Sendable (HTTPResponse) -> Bool)? = nil) {
        self.parser = parser
        self.acceptsSuccessBody = acceptsSuccessBody
    }

    public func classify(_ result: Result<HTTPResponse, TransportError>) -> AttemptVerdict {
        switch result {
        case .failure(let error):
            return classify(error)
        case .success(let response):
            return classify(response)
        }
    }

    public func classify(_ error: TransportError) -> AttemptVerdict {
        if error.kind.isTransientConnectFailure {
            return .retryable(.transport(error), retryAfterMilliseconds: nil)
        }
        if error.kind.requestCertainlyNotSent {
            return .notSent(error)
        }
        return .outcomeUnknown(.transport(error))
    }

    public func classify(_ response: HTTPResponse) -> AttemptVerdict {
        if response.isSuccess {
            if let acceptsSuccessBody, !acceptsSuccessBody(response) {
                let error = ServiceError(
                    httpStatus: response.status, code: "UnreadableSuccessResponse",
                    message: "the service answered \(response.status) but the body could not be read; the job may have been started",
                    requestId: response.requestIdHeader.map(parser.scrubber.scrub), bodyFormat: "unreadable")
                return .outcomeUnknown(.service(error))
            }
            return .success(response)
        }
        let error = parser.parse(response)
        if error.isThrottling || (error.isServiceUnavailable && error.hasServiceCode) {
            return .retryable(.service(error), retryAfterMilliseconds: response.retryAfterMilliseconds)
        }
        if error.isAccessDenied {
            return .denied(error)
        }
        if error.isServerError {
            return .outcomeUnknown(.service(error))
        }
        return .rejected(error)
    }
}
