/// An error answer from an Alibaba Cloud API, read from its JSON or XML body (reference §5.1).
///
/// Every text field has been passed through a ``SecretScrubber`` when the error was parsed, so the value
/// can be shown, logged, journalled and put in reports as it is. Handling is keyed on ``code``, compared
/// case-insensitively, never on the HTTP status alone (reference §10).
public struct ServiceError: Error, Sendable, Hashable, Codable {
    /// The HTTP status of the answer.
    public var httpStatus: Int
    /// `Code`, e.g. `Forbidden.RAM`; `HTTP<status>` when the body carried none.
    public var code: String
    /// `Message`, scrubbed: an echoed string-to-sign is replaced by `<string-to-sign removed>`.
    public var message: String?
    /// `RequestId` from the body, else the `x-acs-request-id` header.
    public var requestId: String?
    public var hostId: String?
    /// The gateway's troubleshooting link.
    public var recommend: String?
    /// The decoded `AccessDeniedDetail`, for RAM denials.
    public var accessDenied: AccessDenial?
    /// `json`, `xml`, `empty` or `unreadable`: how the body was read.
    public var bodyFormat: String

    public init(
        httpStatus: Int, code: String, message: String? = nil, requestId: String? = nil, hostId: String? = nil,
        recommend: String? = nil, accessDenied: AccessDenial? = nil, bodyFormat: String = "json"
    ) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.requestId = requestId
        self.hostId = hostId
        self.recommend = recommend
        self.accessDenied = accessDenied
        self.bodyFormat = bodyFormat
    }

    /// Whether the body carried a `Code` (rather than ramguard making one up from the status).
    public var hasServiceCode: Bool { !code.hasPrefix("HTTP") || Int(code.dropFirst(4)) == nil }

    /// `Throttling`, `Throttling.User`, `Throttling.Api`, …: flow control, answered before processing.
    public var isThrottling: Bool {
        let lowered = code.lowercased()
        return lowered == "throttling" || lowered.hasPrefix("throttling.")
    }

    /// `ServiceUnavailable` (VOD's table spells it `ServiceUnAvailable`): the gateway's temporary refusal.
    public var isServiceUnavailable: Bool { code.lowercased() == "serviceunavailable" }

    /// The codes that mean "RAM said no" (reference `ram-policy-language.md` §8.1), or any answer with an
    /// `AccessDeniedDetail`.
    public static let accessDeniedCodes: Set<String> = ["forbidden", "forbidden.ram", "nopermission", "notauthorized", "accessdenied"]

    /// Whether RAM denied the call.
    public var isAccessDenied: Bool {
        accessDenied != nil || Self.accessDeniedCodes.contains(code.lowercased())
    }

    /// A server-side failure (5xx, `InternalError`, `UnknownError`): the service may have acted.
    public var isServerError: Bool {
        httpStatus >= 500 || ["internalerror", "unknownerror"].contains(code.lowercased())
    }
}

extension ServiceError: CustomStringConvertible {
    public var description: String {
        var text = "\(code) (HTTP \(httpStatus))"
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " [RequestId \(requestId)]" }
        return text
    }
}
