/// The result of ``V3Signer``: the request to send (with `Authorization` and the `x-acs-*` headers) plus
/// every intermediate value, so tests can compare each step with the golden vectors.
///
/// Printing it shows only the redacted request: the canonical request contains the security token for
/// STS credentials.
public struct V3SignedRequest: Sendable, Hashable {
    public var request: SignableRequest
    public var canonicalQueryString: String
    /// `name:value\n` per signed header (ends with its own newline).
    public var canonicalHeaders: String
    /// The signed header names joined by `;`.
    public var signedHeaders: String
    /// Lowercase hex SHA-256 of the body, also sent as `x-acs-content-sha256`.
    public var hashedRequestPayload: String
    public var canonicalRequest: String
    public var hashedCanonicalRequest: String
    public var stringToSign: String
    /// Lowercase hex HMAC-SHA256.
    public var signature: String
    /// The complete `Authorization` header value.
    public var authorization: String

    public init(
        request: SignableRequest,
        canonicalQueryString: String,
        canonicalHeaders: String,
        signedHeaders: String,
        hashedRequestPayload: String,
        canonicalRequest: String,
        hashedCanonicalRequest: String,
        stringToSign: String,
        signature: String,
        authorization: String
    ) {
        self.request = request
        self.canonicalQueryString = canonicalQueryString
        self.canonicalHeaders = canonicalHeaders
        self.signedHeaders = signedHeaders
        self.hashedRequestPayload = hashedRequestPayload
        self.canonicalRequest = canonicalRequest
        self.hashedCanonicalRequest = hashedCanonicalRequest
        self.stringToSign = stringToSign
        self.signature = signature
        self.authorization = authorization
    }
}

extension V3SignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "V3 signed request (SignedHeaders=\(signedHeaders)): \(request.redactedDescription)"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: [
            "request": request,
            "signedHeaders": signedHeaders,
            "signature": Redaction.placeholder,
        ], displayStyle: .struct)
    }
}
