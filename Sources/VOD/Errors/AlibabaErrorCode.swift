/// An Alibaba Cloud error code with the HTTP status it comes with, its usual message, and whether the
/// request can have had an effect.
///
/// Sources are named per code. Where the reference documents no status, the one chosen is marked
/// "undocumented" in ``source``; clients should key their handling on ``code``, compared
/// case-insensitively (``matches(_:)``), never on the status alone (reference §10, §5.3).
public struct AlibabaErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// Whether a request answered with this code can have started anything.
    public enum Effect: String, Sendable, Hashable {
        /// Rejected before the service acted (gateway checks, authentication, authorization, parameters,
        /// flow control): retrying with a fresh nonce cannot duplicate work.
        case notProcessed
        /// The service may have acted (`InternalError`): treat the outcome as unknown.
        case outcomeUnknown
    }

    /// The `Code` field, e.g. `SignatureDoesNotMatch`.
    public var code: String
    /// The HTTP status it is answered with.
    public var httpStatus: Int
    /// The `Message` the gateway or service sends with it (as observed or documented).
    public var message: String
    public var effect: Effect
    /// Where the code, status and message come from.
    public var source: String

    public init(code: String, httpStatus: Int, message: String, effect: Effect = .notProcessed, source: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
        self.effect = effect
        self.source = source
    }

    public var description: String { "\(code) (\(httpStatus))" }

    /// Whether `code` names this error, ignoring case (VOD's table writes `ServiceUnAvailable`).
    public func matches(_ code: String) -> Bool {
        self.code.lowercased() == code.lowercased()
    }

    /// Whether a retry is worth trying (with a new nonce and a fresh signature): flow control and
    /// temporary unavailability, which the gateway answers before processing (reference §6.5).
    public var isRetryable: Bool {
        Self.throttlingUser.matches(code) || Self.throttlingAPI.matches(code) || Self.throttling.matches(code)
            || Self.serviceUnavailable.matches(code)
    }

    // MARK: Gateway — signature and credentials (reference §5.3, §5.5)

    /// Source: §5.3 (400); message as echoed in the captured `core-sdk-error-json-400` scenario, which the
    /// gateway follows with `server string to sign is:<string-to-sign>`.
    public static let signatureDoesNotMatch = AlibabaErrorCode(
        code: "SignatureDoesNotMatch", httpStatus: 400,
        message: "Specified signature is not matched with our calculation.",
        source: "alibaba-openapi.md §5.3 (400); message from sdk-captured-requests.json core-sdk-error-json-400")
    /// Source: §5.3; status undocumented (SDK test mocks use 400 and 401), 400 chosen.
    public static let incompleteSignature = AlibabaErrorCode(
        code: "IncompleteSignature", httpStatus: 400,
        message: "The request signature does not conform to Aliyun standards.",
        source: "alibaba-openapi.md §5.3 (status undocumented; 400 chosen)")
    /// Source: §5.3 (400 in the Push table).
    public static let invalidAccessKeyIdNotFound = AlibabaErrorCode(
        code: "InvalidAccessKeyId.NotFound", httpStatus: 400,
        message: "Specified access key is not found.",
        source: "alibaba-openapi.md §5.3 (400, Push table)")
    /// Source: §5.3 and §5.5 — more than 15 minutes between the request time and the server's; message
    /// from the real response quoted in §5.1.
    public static let invalidTimeStampExpired = AlibabaErrorCode(
        code: "InvalidTimeStamp.Expired", httpStatus: 400,
        message: "Specified time stamp or date value is expired.",
        source: "alibaba-openapi.md §5.3, §5.5 (400); message from the response quoted in §5.1")
    /// Source: §5.3 (400).
    public static let invalidTimeStampFormat = AlibabaErrorCode(
        code: "InvalidTimeStamp.Format", httpStatus: 400,
        message: "Specified time stamp or date value is not well formatted.",
        source: "alibaba-openapi.md §5.3 (400)")
    /// Source: §5.3 (400); terraform-provider-alicloud `ERR_SIGNATURE_NONCE_USED`.
    public static let signatureNonceUsed = AlibabaErrorCode(
        code: "SignatureNonceUsed", httpStatus: 400,
        message: "Specified signature nonce was used already.",
        source: "alibaba-openapi.md §5.3 (400)")
    /// Source: §5.3 (STS token problems); status undocumented, 400 chosen.
    public static let missingSecurityToken = AlibabaErrorCode(
        code: "MissingSecurityToken", httpStatus: 400,
        message: "SecurityToken is mandatory for this action.",
        source: "alibaba-openapi.md §5.3 (status undocumented; 400 chosen)")
    /// Source: §5.3; status undocumented, 400 chosen.
    public static let invalidSecurityTokenMismatchWithAccessKey = AlibabaErrorCode(
        code: "InvalidSecurityToken.MismatchWithAccessKey", httpStatus: 400,
        message: "Specified SecurityToken mismatch with the AccessKey.",
        source: "alibaba-openapi.md §5.3 (status undocumented; 400 chosen)")
    /// Source: §5.3 and §7.7 (static STS credentials that ran out); status undocumented, 400 chosen.
    public static let invalidSecurityTokenExpired = AlibabaErrorCode(
        code: "InvalidSecurityToken.Expired", httpStatus: 400,
        message: "Specified SecurityToken is expired.",
        source: "alibaba-openapi.md §5.3, §7.7 (status undocumented; 400 chosen)")

    // MARK: Gateway — routing and parameters

    /// Source: §5.3 (400) — `MissingParameter` / `Missing{Name}`.
    public static let missingParameter = AlibabaErrorCode(
        code: "MissingParameter", httpStatus: 400,
        message: "The input parameter that is mandatory for processing this request is not supplied.",
        source: "alibaba-openapi.md §5.3 (400)")
    /// Source: §5.3 (400) — `InvalidParameter` / `Invalid{Name}`.
    public static let invalidParameter = AlibabaErrorCode(
        code: "InvalidParameter", httpStatus: 400,
        message: "The specified parameter is not valid.",
        source: "alibaba-openapi.md §5.3 (400); message shape from sdk-captured-requests.json tea-sdk-error-xml-400")
    /// Source: §5.3 (404) — wrong action, host or version.
    public static let invalidApiNotFound = AlibabaErrorCode(
        code: "InvalidApi.NotFound", httpStatus: 404,
        message: "Specified api is not found, please check your url and method.",
        source: "alibaba-openapi.md §5.3 (404)")

    /// `Missing{Name}` for a required parameter (400), e.g. `MissingWorkflowId`.
    public static func missing(_ parameter: String) -> AlibabaErrorCode {
        AlibabaErrorCode(
            code: "Missing" + parameter, httpStatus: 400,
            message: "The input parameter \"\(parameter)\" that is mandatory for processing this request is not supplied.",
            source: "alibaba-openapi.md §5.3 (400) — Missing{Name}")
    }

    /// `MissingWorkflowId` (400): `SubmitWorkflowJob` without `WorkflowId`.
    public static let missingWorkflowId = missing(SubmitWorkflowJob.Parameter.workflowId)

    // MARK: Authorization

    /// Source: `ram-policy-language.md` §8.1–8.2 and the captured `tea-sdk-error-403-access-denied-detail`
    /// scenario (403, this exact message, with `AccessDeniedDetail`).
    public static let forbiddenRAM = AlibabaErrorCode(
        code: "Forbidden.RAM", httpStatus: 403,
        message: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        source: "ram-policy-language.md §8.1-8.2; sdk-captured-requests.json tea-sdk-error-403-access-denied-detail")

    // MARK: Flow control and availability

    /// Source: §5.3 (400, Push table); message from the captured `core-sdk-throttling` scenario.
    public static let throttlingUser = AlibabaErrorCode(
        code: "Throttling.User", httpStatus: 400,
        message: "Request was denied due to user flow control.",
        source: "alibaba-openapi.md §5.3 (400); sdk-captured-requests.json core-sdk-throttling")
    /// Source: §5.3 (400).
    public static let throttlingAPI = AlibabaErrorCode(
        code: "Throttling.Api", httpStatus: 400,
        message: "Request was denied due to api flow control.",
        source: "alibaba-openapi.md §5.3 (400)")
    /// Source: §5.3 (status undocumented; 400 chosen like the other throttling codes).
    public static let throttling = AlibabaErrorCode(
        code: "Throttling", httpStatus: 400,
        message: "Request was denied due to flow control.",
        source: "alibaba-openapi.md §5.3 (status undocumented; 400 chosen)")
    /// Source: §5.3 (503; VOD's table spells it `ServiceUnAvailable`); message from the captured
    /// `core-sdk-503-retry-behaviour` scenario.
    public static let serviceUnavailable = AlibabaErrorCode(
        code: "ServiceUnavailable", httpStatus: 503,
        message: "The request has failed due to a temporary failure of the server.",
        source: "alibaba-openapi.md §5.3 (503); sdk-captured-requests.json core-sdk-503-retry-behaviour")
    /// Source: §5.3 (500) and §6.5: the service may already have started the job.
    public static let internalError = AlibabaErrorCode(
        code: "InternalError", httpStatus: 500,
        message: "The request processing has failed due to some unknown error, exception or failure.",
        effect: .outcomeUnknown,
        source: "alibaba-openapi.md §5.3 (500), §6.5")

    // MARK: VOD

    /// An unknown `WorkflowId`. **Assumed, not documented**: reference §5.4 found no documented
    /// workflow-specific code. The name follows VOD's observed `Invalid<Resource>.NotFound` pattern
    /// (`InvalidVideo.NotFound`, §5.4) and the status the `*.NotFound` gateway codes use (404, §5.3).
    /// Confirm against a live error response; clients must not depend on this exact name.
    public static let invalidWorkflowNotFound = AlibabaErrorCode(
        code: "InvalidWorkflow.NotFound", httpStatus: 404,
        message: "The specified workflow does not exist.",
        source: "assumed: alibaba-openapi.md §5.4 documents no workflow code; modelled on InvalidVideo.NotFound and §5.3 *.NotFound (404)")

    /// Every code above, for lookups by name.
    public static let catalogue: [AlibabaErrorCode] = [
        signatureDoesNotMatch, incompleteSignature, invalidAccessKeyIdNotFound, invalidTimeStampExpired,
        invalidTimeStampFormat, signatureNonceUsed, missingSecurityToken, invalidSecurityTokenMismatchWithAccessKey,
        invalidSecurityTokenExpired, missingParameter, invalidParameter, invalidApiNotFound, missingWorkflowId,
        forbiddenRAM, throttlingUser, throttlingAPI, throttling, serviceUnavailable, internalError,
        invalidWorkflowNotFound,
    ]

    /// The catalogued code named `code` (case-insensitively; `ServiceUnAvailable` finds
    /// ``serviceUnavailable``), or `nil`.
    public static func named(_ code: String) -> AlibabaErrorCode? {
        catalogue.first { $0.matches(code) }
    }
}
