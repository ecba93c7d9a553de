/// What one attempt of a non-idempotent call came to, and so whether it may be retried.
///
/// | what happened | verdict | retried? |
/// |---|---|---|
/// | 2xx | ``success(_:)`` | — |
/// | connection refused / unreachable, DNS failure | ``retryable(_:retryAfterMilliseconds:)`` | yes |
/// | `Throttling*` answer (any status) | ``retryable(_:retryAfterMilliseconds:)`` | yes (honours `x-acs-retry-after`) |
/// | `ServiceUnavailable` / `ServiceUnAvailable` answer | ``retryable(_:retryAfterMilliseconds:)`` | yes |
/// | TLS handshake failure, unusable URL | ``notSent(_:)`` | no (retrying cannot help) |
/// | RAM denial (`Forbidden*`, `NoPermission`, `NotAuthorized`, `AccessDenied`, `AccessDeniedDetail`) | ``denied(_:)`` | no |
/// | any other error answer below 500 | ``rejected(_:)`` | no |
/// | 5xx other than `ServiceUnavailable` (`InternalError`, 502, 504, …) | ``outcomeUnknown(_:)`` | **no** |
/// | a 503 whose body names no code | ``outcomeUnknown(_:)`` | **no** |
/// | timeout, connection lost after sending, unreadable answer, cancelled | ``outcomeUnknown(_:)`` | **no** |
/// | 2xx whose body cannot be read | ``outcomeUnknown(_:)`` | **no** |
public enum AttemptVerdict: Sendable, Hashable {
    /// The call succeeded.
    case success(HTTPResponse)
    /// Certainly not processed, and worth another try.
    case retryable(AttemptFailure, retryAfterMilliseconds: Int?)
    /// Certainly not sent, but retrying cannot help (TLS failure, bad URL).
    case notSent(TransportError)
    /// RAM denied the call: not processed.
    case denied(ServiceError)
    /// The service refused the call (parameters, signature, credentials …): not processed.
    case rejected(ServiceError)
    /// The call may or may not have been processed: it must not be repeated blindly.
    case outcomeUnknown(AttemptFailure)

    /// Whether the verdict allows another attempt.
    public var isRetryable: Bool {
        if case .retryable = self { return true }
        return false
    }

    /// A stable word for journals and reports: `success`, `retryable`, `not-sent`, `denied`, `rejected`,
    /// `unknown`.
    public var label: String {
        switch self {
        case .success: "success"
        case .retryable: "retryable"
        case .notSent: "not-sent"
        case .denied: "denied"
        case .rejected: "rejected"
        case .outcomeUnknown: "unknown"
        }
    }
}
