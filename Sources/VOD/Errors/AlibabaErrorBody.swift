import Foundation

/// An Alibaba Cloud error response body: `RequestId`, `HostId`, `Code`, `Message`, `Recommend`, and for
/// RAM denials `AccessDeniedDetail`.
///
/// Source: reference §5.1 — the JSON form is a flat object, the XML form a root `<Error>` with child
/// elements of the same names; VOD's doc lists `RequestId`, `HostId`, `Code`, `Message`, the gateway adds
/// `Recommend` (an opaque troubleshooting URL).
///
/// `description` never prints ``message`` in full for `SignatureDoesNotMatch`/`IncompleteSignature`: the
/// gateway echoes its string-to-sign there, which carries the AccessKey ID, every parameter and, for V1
/// STS requests, the security token (reference §0.8, §5.3). Use ``scrubbedMessage`` for logs.
public struct AlibabaErrorBody: Sendable, Hashable {
    public var requestId: String?
    public var hostId: String?
    public var code: String
    public var message: String?
    public var recommend: String?
    public var accessDeniedDetail: AccessDeniedDetail?

    public init(
        requestId: String?,
        hostId: String?,
        code: String,
        message: String?,
        recommend: String? = nil,
        accessDeniedDetail: AccessDeniedDetail? = nil
    ) {
        self.requestId = requestId
        self.hostId = hostId
        self.code = code
        self.message = message
        self.recommend = recommend
        self.accessDeniedDetail = accessDeniedDetail
    }

    /// The catalogued code this body carries, if it is one ramguard knows.
    public var knownCode: AlibabaErrorCode? { AlibabaErrorCode.named(code) }

    /// The message with any echoed string-to-sign removed: everything from `string to sign is` (any
    /// case) onwards is replaced by `<string-to-sign removed>`.
    public var scrubbedMessage: String? {
        guard let message else { return nil }
        guard let range = message.range(of: "string to sign is", options: [.caseInsensitive]) else {
            return message
        }
        return String(message[..<range.lowerBound]) + "string to sign is: <string-to-sign removed>"
    }

    /// Reads an error body: a JSON object, or XML through `xmlReader`.
    ///
    /// Field names are matched case-insensitively, and both `AccessDeniedDetail` and
    /// `accessDeniedDetail` are read (the tea SDK reads both; reference §5.1).
    ///
    /// - Throws: ``ResponseBodyError`` when the body cannot be read or has no `Code`.
    public static func parse(_ body: [UInt8], xmlReader: FlatXMLReader? = nil) throws(ResponseBodyError) -> AlibabaErrorBody {
        let fields = try BodyFields.read(body, xmlReader: xmlReader)
        guard let code = fields.value("Code"), !code.isEmpty else {
            throw ResponseBodyError(kind: .missingField, message: "the error body has no Code")
        }
        let detail = fields.group("AccessDeniedDetail").map { group in
            AccessDeniedDetail(
                policyType: group.value("PolicyType"),
                noPermissionType: group.value("NoPermissionType"),
                authAction: group.value("AuthAction"),
                authPrincipalType: group.value("AuthPrincipalType"),
                authPrincipalOwnerId: group.value("AuthPrincipalOwnerId"),
                authPrincipalDisplayName: group.value("AuthPrincipalDisplayName"),
                encodedDiagnosticMessage: group.value("EncodedDiagnosticMessage")
            )
        }
        return AlibabaErrorBody(
            requestId: fields.value("RequestId"),
            hostId: fields.value("HostId"),
            code: code,
            message: fields.value("Message"),
            recommend: fields.value("Recommend"),
            accessDeniedDetail: detail
        )
    }

    /// The troubleshooting link the gateway puts in `Recommend` for `code` on `product`, in the form seen
    /// in captured responses (`https://api.aliyun.com/troubleshoot?q=<Code>&product=vod`, reference §5.1).
    public static func recommendURL(code: String, product: String = VODAPI.ramServiceCode) -> String {
        "https://api.aliyun.com/troubleshoot?q=\(code)&product=\(product)"
    }
}

extension AlibabaErrorBody: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = code
        if let scrubbedMessage { text += ": " + scrubbedMessage }
        if let requestId { text += " (RequestId \(requestId))" }
        return text
    }

    public var debugDescription: String { "AlibabaErrorBody(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "requestId": requestId as Any,
            "hostId": hostId as Any,
            "code": code,
            "message": scrubbedMessage as Any,
            "recommend": recommend as Any,
            "accessDeniedDetail": accessDeniedDetail as Any,
        ], displayStyle: .struct)
    }
}
