import Foundation

/// What a successful ``SignatureVerifier/verify(_:secretForAccessKeyId:)`` found out about a request:
/// who signed it, and the timestamp and nonce an emulator needs for its skew and replay checks.
public struct VerifiedSignature: Sendable, Hashable {
    public var scheme: SignatureScheme
    public var accessKeyId: String
    /// The timestamp exactly as sent (`Timestamp` or `x-acs-date`).
    public var timestamp: String
    /// ``timestamp`` parsed; the verifier rejects requests where it does not parse.
    public var date: Date
    /// `SignatureNonce` or `x-acs-signature-nonce`.
    public var nonce: String
    /// The STS token the request carried, for the caller to check against the key; never printed.
    public var securityToken: String?
    /// V3: the lowercase header names from `SignedHeaders`. V1: empty.
    public var signedHeaders: [String]

    public init(
        scheme: SignatureScheme,
        accessKeyId: String,
        timestamp: String,
        date: Date,
        nonce: String,
        securityToken: String?,
        signedHeaders: [String]
    ) {
        self.scheme = scheme
        self.accessKeyId = accessKeyId
        self.timestamp = timestamp
        self.date = date
        self.nonce = nonce
        self.securityToken = securityToken
        self.signedHeaders = signedHeaders
    }
}

extension VerifiedSignature: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "\(scheme) signature by \(Redaction.maskAccessKeyId(accessKeyId)) at \(timestamp), nonce \(nonce)"
        if securityToken != nil { text += ", with security token" }
        return text
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "scheme": scheme,
            "accessKeyId": Redaction.maskAccessKeyId(accessKeyId),
            "timestamp": timestamp,
            "nonce": nonce,
            "securityToken": securityToken == nil ? "none" : Redaction.placeholder,
            "signedHeaders": signedHeaders,
        ], displayStyle: .struct)
    }
}
