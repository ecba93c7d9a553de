/// The result of ``RPCV1Signer``: the request to send plus every intermediate value, so tests can compare
/// each step with the golden vectors and a `SignatureDoesNotMatch` can be diagnosed by comparing the
/// gateway's echoed string-to-sign with ``stringToSign``.
///
/// Printing it shows only the redacted request: the string-to-sign contains the security token for STS
/// credentials, and the signature is as good as a password for the nonce's lifetime.
public struct RPCV1SignedRequest: Sendable, Hashable {
    /// The request with authentication parameters and `Signature` appended to its query.
    public var request: SignableRequest
    /// Every signed parameter (query and form body, without `Signature`), sorted as canonicalized.
    public var signedParameters: [SignableRequest.Parameter]
    public var canonicalizedQueryString: String
    public var stringToSign: String
    /// Base64 HMAC-SHA1, before percent-encoding.
    public var signature: String

    public init(
        request: SignableRequest,
        signedParameters: [SignableRequest.Parameter],
        canonicalizedQueryString: String,
        stringToSign: String,
        signature: String
    ) {
        self.request = request
        self.signedParameters = signedParameters
        self.canonicalizedQueryString = canonicalizedQueryString
        self.stringToSign = stringToSign
        self.signature = signature
    }

    /// The canonicalized query followed by `&Signature=<encoded signature>`: a complete, valid wire
    /// query (parameter order does not matter to the gateway).
    public var signedQueryString: String {
        canonicalizedQueryString + "&Signature=" + PercentEncoding.encode(signature)
    }
}

extension RPCV1SignedRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "RPC V1 signed request: \(request.redactedDescription)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["request": request, "signature": Redaction.placeholder], displayStyle: .struct)
    }
}
