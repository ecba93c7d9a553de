import Crypto
import Foundation

/// Signature V3, `ACS3-HMAC-SHA256`: the scheme the current official SDKs use by default.
///
/// The request carries the operation's parameters in its query and the `x-acs-action` /
/// `x-acs-version` headers. The signer sets `host` (from ``SignableRequest/host``), `x-acs-date`,
/// `x-acs-signature-nonce`, `x-acs-content-sha256`, `x-acs-security-token` for STS credentials, and
/// finally `Authorization`, replacing earlier values so a request can be re-signed for a retry.
///
/// ```
/// CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(body))
/// StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA256(CanonicalRequest))
/// Signature        = hex(HMAC-SHA256(secret, StringToSign))      // no "&" suffix, unlike V1
/// ```
public struct V3Signer: Sendable {
    public static let algorithm = "ACS3-HMAC-SHA256"

    /// Headers this signer owns and replaces.
    public static let ownedHeaderNames: [String] = [
        "host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token", "authorization",
    ]

    public var signedHeaderPolicy: V3SignedHeaderPolicy

    public init(signedHeaderPolicy: V3SignedHeaderPolicy = .documented) {
        self.signedHeaderPolicy = signedHeaderPolicy
    }

    /// Signs with the current time and a fresh random nonce: what a real call (or a retry) needs.
    public func sign(_ request: SignableRequest, with credential: Credential) -> V3SignedRequest {
        sign(request, with: credential, date: Date(), nonce: SignatureNonce.random())
    }

    /// Signs with a given time and nonce, so published and golden vectors can be reproduced bit for bit.
    public func sign(_ request: SignableRequest, with credential: Credential, date: Date, nonce: String) -> V3SignedRequest {
        var prepared = request
        for name in Self.ownedHeaderNames {
            prepared.removeHeaders(named: name)
        }
        let payloadHash = Self.hexSHA256(request.body)
        prepared.headers.append(SignableRequest.Header("host", request.host))
        prepared.headers.append(SignableRequest.Header("x-acs-date", SigningTimestamp.string(from: date)))
        prepared.headers.append(SignableRequest.Header("x-acs-signature-nonce", nonce))
        prepared.headers.append(SignableRequest.Header("x-acs-content-sha256", payloadHash))
        if let token = credential.securityToken {
            prepared.headers.append(SignableRequest.Header("x-acs-security-token", token))
        }

        // Distinct lowercase names in byte order (sorted, then adjacent duplicates dropped: a handful of
        // names, where a `Set` cost more than the sort).
        var signedNames = prepared.headers.map { HeaderName.lowercased($0.name) }.filter(signedHeaderPolicy.signs)
        signedNames.sort(by: ByteOrder.precedes)
        signedNames = signedNames.enumerated().filter { $0.offset == 0 || signedNames[$0.offset - 1] != $0.element }.map(\.element)
        let parts = Self.canonicalParts(of: prepared, signedHeaderNames: signedNames, payloadHash: payloadHash)
        let signature = Self.signature(stringToSign: parts.stringToSign, secret: credential.accessKeySecret)
        let authorization = Self.algorithm + " Credential=" + credential.accessKeyId
            + ",SignedHeaders=" + parts.signedHeaders + ",Signature=" + signature
        prepared.headers.append(SignableRequest.Header("Authorization", authorization))

        return V3SignedRequest(
            request: prepared,
            canonicalQueryString: parts.canonicalQuery,
            canonicalHeaders: parts.canonicalHeaders,
            signedHeaders: parts.signedHeaders,
            hashedRequestPayload: payloadHash,
            canonicalRequest: parts.canonicalRequest,
            hashedCanonicalRequest: parts.hashedCanonicalRequest,
            stringToSign: parts.stringToSign,
            signature: signature,
            authorization: authorization
        )
    }

    /// Lowercase hex SHA-256, as used for `x-acs-content-sha256` and the hashed canonical request.
    public static func hexSHA256<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        LowercaseHex.encode(SHA256.hash(data: bytes))
    }

    /// Lowercase hex HMAC-SHA256 keyed with the secret itself.
    public static func signature(stringToSign: String, secret: String) -> String {
        LowercaseHex.encode(mac(stringToSign, secret: secret))
    }

    /// HMAC-SHA256 of `stringToSign`, from the keyed state cached for `secret` (``KeyedMACCache``).
    static func mac(_ stringToSign: String, secret: String) -> HMAC<SHA256>.MAC {
        var authenticator = KeyedMACs.v3.authenticator(secret: secret, key: key(secret:))
        var text = stringToSign
        text.withUTF8 { authenticator.update(data: UnsafeRawBufferPointer($0)) }
        return authenticator.finalize()
    }

    static func key(secret: String) -> SymmetricKey {
        SymmetricKey(data: Array(secret.utf8))
    }

    struct CanonicalParts {
        var canonicalQuery: String
        var canonicalHeaders: String
        var signedHeaders: String
        var canonicalRequest: String
        var hashedCanonicalRequest: String
        var stringToSign: String
    }

    /// Builds the canonical request from headers already on the request; shared with the verifier,
    /// which must use the header list the client declared rather than a policy.
    ///
    /// A header sent several times is signed once, its trimmed values sorted and joined by `,`, as the
    /// Python and Go SDKs do.
    static func canonicalParts(of request: SignableRequest, signedHeaderNames: [String], payloadHash: String) -> CanonicalParts {
        let canonicalQuery = CanonicalQuery.string(from: request.query)
        // Each header name lowercased once (no allocation when it already is), not once per signed name;
        // the canonical request is assembled as bytes (a few dozen `String` appends cost more than hashing it).
        let loweredNames = request.headers.map { HeaderName.lowercased($0.name) }
        let canonicalURI = PercentEncoding.encodePath(request.path.isEmpty ? "/" : request.path)
        let method = HeaderName.uppercasedMethod(request.method)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(method.utf8.count + canonicalURI.utf8.count + canonicalQuery.utf8.count + payloadHash.utf8.count
                              + request.headers.reduce(0) { $0 + 2 * $1.name.utf8.count + $1.value.utf8.count + 3 } + 8)
        bytes.append(contentsOf: method.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: canonicalURI.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: canonicalQuery.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let headersStart = bytes.count
        for name in signedHeaderNames {
            var values: [String] = []
            for (index, lowered) in loweredNames.enumerated() where lowered == name {
                values.append(WhitespaceTrimming.trimmed(request.headers[index].value, includingNewlines: true))
            }
            if values.count > 1 { values.sort(by: ByteOrder.precedes) }
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: ":"))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: value.utf8)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        let canonicalHeaders = String(decoding: bytes[headersStart...], as: UTF8.self)
        bytes.append(UInt8(ascii: "\n"))
        let signedHeadersStart = bytes.count
        for (index, name) in signedHeaderNames.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: name.utf8)
        }
        let signedHeaders = String(decoding: bytes[signedHeadersStart...], as: UTF8.self)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: payloadHash.utf8)
        let canonicalRequest = String(decoding: bytes, as: UTF8.self)
        let hashedCanonicalRequest = hexSHA256(bytes)
        return CanonicalParts(
            canonicalQuery: canonicalQuery,
            canonicalHeaders: canonicalHeaders,
            signedHeaders: signedHeaders,
            canonicalRequest: canonicalRequest,
            hashedCanonicalRequest: hashedCanonicalRequest,
            stringToSign: algorithm + "\n" + hashedCanonicalRequest
        )
    }
}
