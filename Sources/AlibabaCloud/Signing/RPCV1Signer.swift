import Crypto
import Foundation

/// RPC signature V1: HMAC-SHA1 over the canonicalized parameters, `SignatureVersion=1.0`.
///
/// The legacy core SDK (`aliyun-python-sdk-core`) uses this scheme, and the current SDKs still offer it
/// (`signature_algorithm='v2'` in tea-openapi; Alibaba's docs now title it "V2"). It is kept beside
/// ``V3Signer`` because V3 may not be enabled everywhere and because an emulator must accept both.
///
/// The request passed in carries the operation's own parameters (`Action`, `Version`, `Format`,
/// `WorkflowId`, …). The signer adds the authentication parameters — `AccessKeyId`, `SignatureMethod`,
/// `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken` for STS — then `Signature`,
/// replacing any earlier values, so a request can be re-signed for a retry.
public struct RPCV1Signer: Sendable {
    /// The parameters this signer owns; any value the caller put under these names is replaced.
    public static let authenticationParameterNames: [String] = [
        "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature",
    ]

    public init() {}

    /// Signs with the current time and a fresh random nonce: what a real call (or a retry) needs.
    public func sign(_ request: SignableRequest, with credential: Credential) -> RPCV1SignedRequest {
        sign(request, with: credential, date: Date(), nonce: SignatureNonce.random())
    }

    /// Signs with a given time and nonce, so published and golden vectors can be reproduced bit for bit.
    ///
    /// Parameters of an `application/x-www-form-urlencoded` body are signed too (both SDKs merge them),
    /// but stay in the body.
    public func sign(_ request: SignableRequest, with credential: Credential, date: Date, nonce: String) -> RPCV1SignedRequest {
        let owned = Set(Self.authenticationParameterNames)
        var query = request.query.filter { !owned.contains($0.name) }
        query.append(SignableRequest.Parameter("AccessKeyId", credential.accessKeyId))
        query.append(SignableRequest.Parameter("SignatureMethod", "HMAC-SHA1"))
        query.append(SignableRequest.Parameter("SignatureVersion", "1.0"))
        query.append(SignableRequest.Parameter("SignatureNonce", nonce))
        query.append(SignableRequest.Parameter("Timestamp", SigningTimestamp.string(from: date)))
        if let token = credential.securityToken {
            query.append(SignableRequest.Parameter("SecurityToken", token))
        }

        let signedParameters = (query + Self.formParameters(of: request)).sorted(by: ByteOrder.precedes)
        let canonical = CanonicalQuery.string(from: signedParameters)
        let stringToSign = Self.stringToSign(method: request.method, canonicalizedQueryString: canonical)
        let signature = Self.signature(stringToSign: stringToSign, secret: credential.accessKeySecret)

        var signed = request
        signed.query = query + [SignableRequest.Parameter("Signature", signature)]
        return RPCV1SignedRequest(
            request: signed,
            signedParameters: signedParameters,
            canonicalizedQueryString: canonical,
            stringToSign: stringToSign,
            signature: signature
        )
    }

    /// `METHOD&%2F&<encoded canonicalized query>`: the canonical query is encoded a second time, which
    /// is why a timestamp colon appears as `%253A`.
    public static func stringToSign(method: String, canonicalizedQueryString: String) -> String {
        method.uppercased() + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonicalizedQueryString)
    }

    /// Base64 of HMAC-SHA1 keyed with `secret + "&"` (the `&` is where a token secret would go in
    /// OAuth 1.0, which this scheme derives from).
    public static func signature(stringToSign: String, secret: String) -> String {
        Data(mac(stringToSign, secret: secret)).base64EncodedString()
    }

    /// HMAC-SHA1 of `stringToSign`, from the keyed state cached for `secret` (``KeyedMACCache``).
    static func mac(_ stringToSign: String, secret: String) -> HMAC<Insecure.SHA1>.MAC {
        var authenticator = KeyedMACs.v1.authenticator(secret: secret, key: key(secret:))
        var text = stringToSign
        text.withUTF8 { authenticator.update(data: UnsafeRawBufferPointer($0)) }
        return authenticator.finalize()
    }

    static func key(secret: String) -> SymmetricKey {
        SymmetricKey(data: Array((secret + "&").utf8))
    }

    /// The body's parameters when the body is a form; they are signed like query parameters.
    static func formParameters(of request: SignableRequest) -> [SignableRequest.Parameter] {
        guard !request.body.isEmpty,
              let contentType = request.headerValue(named: "content-type"),
              contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        else { return [] }
        return (try? PercentEncoding.decodeForm(String(decoding: request.body, as: UTF8.self))) ?? []
    }
}
