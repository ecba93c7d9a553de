import Crypto
import Foundation

/// Checks the signature of a request as the gateway would, for a local emulator and for tests.
///
/// It recomputes the signature from what was received — the method, the decoded query (and form body),
/// and for V3 exactly the headers the client listed in `SignedHeaders` — and compares it with the one
/// sent in constant time (swift-crypto's `==` between a MAC and bytes), so the emulator does not leak how
/// many bytes matched. Both scheme families are recognised: V3 by an `Authorization: ACS3-HMAC-SHA256 …`
/// header, V1 by a `Signature` parameter.
///
/// Clock skew and nonce reuse are deliberately left to the caller, which gets the parsed timestamp and
/// the nonce in ``VerifiedSignature``: only the emulator knows its clock and its nonce history.
public struct SignatureVerifier: Sendable {
    public init() {}

    /// Verifies `request`.
    ///
    /// - Parameter secretForAccessKeyId: returns the AccessKey secret for an ID, or `nil` if unknown.
    /// - Returns: who signed, when, and with which nonce.
    /// - Throws: ``SignatureVerificationError`` naming the gateway error code to answer with.
    public func verify(
        _ request: SignableRequest,
        secretForAccessKeyId: (String) -> String?
    ) throws(SignatureVerificationError) -> VerifiedSignature {
        if let authorization = request.headerValue(named: "authorization"),
           authorization.hasPrefix(V3Signer.algorithm + " ") {
            return try verifyV3(request, authorization: authorization, secretForAccessKeyId: secretForAccessKeyId)
        }
        if request.query.contains(where: { $0.name == "Signature" }) {
            return try verifyV1(request, secretForAccessKeyId: secretForAccessKeyId)
        }
        if let authorization = request.headerValue(named: "authorization") {
            let scheme = authorization.split(separator: " ").first.map(String.init) ?? ""
            throw SignatureVerificationError(
                code: .incompleteSignature,
                message: "the Authorization header uses scheme '\(scheme.prefix(32))'; only \(V3Signer.algorithm) is supported"
            )
        }
        throw SignatureVerificationError(
            code: .unsigned,
            message: "the request has neither an '\(V3Signer.algorithm)' Authorization header nor a 'Signature' parameter"
        )
    }

    /// Parses a raw request (request line target, header lines, body) and verifies it.
    public func verify(
        method: String,
        requestTarget: String,
        headers: [SignableRequest.Header],
        body: [UInt8] = [],
        secretForAccessKeyId: (String) -> String?
    ) throws(SignatureVerificationError) -> VerifiedSignature {
        let request: SignableRequest
        do {
            request = try SignableRequest(method: method, requestTarget: requestTarget, headers: headers, body: body)
        } catch {
            throw SignatureVerificationError(code: .malformedRequest, message: "the request target is not valid: \(error)")
        }
        return try verify(request, secretForAccessKeyId: secretForAccessKeyId)
    }

    // MARK: - RPC V1

    private func verifyV1(
        _ request: SignableRequest,
        secretForAccessKeyId: (String) -> String?
    ) throws(SignatureVerificationError) -> VerifiedSignature {
        let scheme = SignatureScheme.rpcV1
        let parameters = request.query + RPCV1Signer.formParameters(of: request)

        func single(_ name: String) throws(SignatureVerificationError) -> String {
            let values = parameters.filter { $0.name == name }.map(\.value)
            guard let value = values.first, !value.isEmpty else {
                throw SignatureVerificationError(
                    code: .missingParameter,
                    message: "the required parameter '\(name)' is missing or empty",
                    scheme: scheme
                )
            }
            guard values.count == 1 else {
                throw SignatureVerificationError(
                    code: .malformedRequest,
                    message: "the parameter '\(name)' appears \(values.count) times; send it once",
                    scheme: scheme
                )
            }
            return value
        }

        let signature = try single("Signature")
        let accessKeyId = try single("AccessKeyId")
        let method = try single("SignatureMethod")
        let version = try single("SignatureVersion")
        let nonce = try single("SignatureNonce")
        let timestamp = try single("Timestamp")
        guard method == "HMAC-SHA1" else {
            throw SignatureVerificationError(
                code: .unsupportedSignatureMethod,
                message: "SignatureMethod is '\(method.prefix(32))'; this scheme needs 'HMAC-SHA1'",
                scheme: scheme
            )
        }
        guard version == "1.0" else {
            throw SignatureVerificationError(
                code: .unsupportedSignatureMethod,
                message: "SignatureVersion is '\(version.prefix(32))'; this scheme needs '1.0'",
                scheme: scheme
            )
        }
        guard let secret = secretForAccessKeyId(accessKeyId) else {
            throw Self.unknownKey(accessKeyId, scheme: scheme)
        }

        let signed = parameters.filter { $0.name != "Signature" }
        let canonical = CanonicalQuery.string(from: signed)
        let stringToSign = RPCV1Signer.stringToSign(method: request.method, canonicalizedQueryString: canonical)
        let sent = Data(base64Encoded: signature).map { [UInt8]($0) } ?? []
        // `==` between a MAC and bytes compares in constant time.
        let valid = RPCV1Signer.mac(stringToSign, secret: secret) == sent
        guard valid else {
            throw Self.mismatch(accessKeyId, scheme: scheme, stringToSign: stringToSign)
        }
        let date = try Self.parse(timestamp, field: "Timestamp", scheme: scheme)
        return VerifiedSignature(
            scheme: scheme,
            accessKeyId: accessKeyId,
            timestamp: timestamp,
            date: date,
            nonce: nonce,
            securityToken: parameters.first { $0.name == "SecurityToken" }?.value,
            signedHeaders: []
        )
    }

    // MARK: - V3

    private func verifyV3(
        _ request: SignableRequest,
        authorization: String,
        secretForAccessKeyId: (String) -> String?
    ) throws(SignatureVerificationError) -> VerifiedSignature {
        let scheme = SignatureScheme.v3
        let fields = Self.authorizationFields(authorization.dropFirst(V3Signer.algorithm.count + 1))
        guard let accessKeyId = fields["Credential"], !accessKeyId.isEmpty,
              let signedHeaderList = fields["SignedHeaders"], !signedHeaderList.isEmpty,
              let signature = fields["Signature"], !signature.isEmpty
        else {
            throw SignatureVerificationError(
                code: .incompleteSignature,
                message: "the Authorization header must read '\(V3Signer.algorithm) Credential=<AccessKeyId>,"
                    + "SignedHeaders=<h1;h2;…>,Signature=<hex>'",
                scheme: scheme
            )
        }
        let signedHeaders = ASCIISplit.pieces(of: signedHeaderList, separator: UInt8(ascii: ";")).map(HeaderName.lowercased)
        let present = request.headers.map { HeaderName.lowercased($0.name) }

        for name in signedHeaders where !present.contains(name) {
            throw SignatureVerificationError(
                code: .incompleteSignature,
                message: "SignedHeaders lists '\(name)', but the request has no such header",
                scheme: scheme
            )
        }
        // Sorted only to name the first unsigned header deterministically when there is one.
        if present.contains(where: { V3SignedHeaderPolicy.isRequired($0) && !signedHeaders.contains($0) }) {
            for name in Set(present).sorted(by: ByteOrder.precedes) where V3SignedHeaderPolicy.isRequired(name) && !signedHeaders.contains(name) {
                throw SignatureVerificationError(
                    code: .incompleteSignature,
                    message: "the header '\(name)' must be signed (host, content-type and every x-acs-* header are); add it to SignedHeaders",
                    scheme: scheme
                )
            }
        }
        func required(_ name: String) throws(SignatureVerificationError) -> String {
            guard let value = request.headerValue(named: name), !value.isEmpty else {
                throw SignatureVerificationError(
                    code: .missingParameter,
                    message: "the required header '\(name)' is missing or empty",
                    scheme: scheme
                )
            }
            return value
        }
        _ = try required("host")
        let timestamp = WhitespaceTrimming.trimmed(try required("x-acs-date"), includingNewlines: false)
        let nonce = WhitespaceTrimming.trimmed(try required("x-acs-signature-nonce"), includingNewlines: false)
        let declaredHash = WhitespaceTrimming.trimmed(try required("x-acs-content-sha256"), includingNewlines: false)
        let payloadHash = V3Signer.hexSHA256(request.body)
        guard HeaderName.lowercased(declaredHash) == payloadHash else {
            throw SignatureVerificationError(
                code: .contentHashMismatch,
                message: "x-acs-content-sha256 is not the SHA-256 of the \(request.body.count)-byte body;"
                    + " the body changed after signing or was hashed differently",
                scheme: scheme
            )
        }
        guard let secret = secretForAccessKeyId(accessKeyId) else {
            throw Self.unknownKey(accessKeyId, scheme: scheme)
        }

        let parts = V3Signer.canonicalParts(of: request, signedHeaderNames: signedHeaders, payloadHash: declaredHash)
        let sent = Hex.decode(signature) ?? []
        // `==` between a MAC and bytes compares in constant time.
        let valid = V3Signer.mac(parts.stringToSign, secret: secret) == sent
        guard valid else {
            throw Self.mismatch(accessKeyId, scheme: scheme, stringToSign: parts.stringToSign)
        }
        let date = try Self.parse(timestamp, field: "x-acs-date", scheme: scheme)
        return VerifiedSignature(
            scheme: scheme,
            accessKeyId: accessKeyId,
            timestamp: timestamp,
            date: date,
            nonce: nonce,
            securityToken: request.headerValue(named: "x-acs-security-token"),
            signedHeaders: signedHeaders
        )
    }

    /// `Credential=…,SignedHeaders=…,Signature=…` → a dictionary (whitespace after commas tolerated).
    /// Split on the bytes `,` and `=` (the separators are ASCII), not on `Character`s: grapheme breaking over
    /// a 200-byte header was a tenth of the emulator's CPU per request.
    private static func authorizationFields(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for part in ASCIISplit.pieces(of: text, separator: UInt8(ascii: ",")) {
            let trimmed = WhitespaceTrimming.trimmed(part, includingNewlines: false)
            let utf8 = trimmed.utf8
            guard let equals = utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            fields[String(Substring(utf8[..<equals]))] = String(Substring(utf8[utf8.index(after: equals)...]))
        }
        return fields
    }

    private static func parse(_ timestamp: String, field: String, scheme: SignatureScheme) throws(SignatureVerificationError) -> Date {
        guard let date = SigningTimestamp.date(from: timestamp) else {
            throw SignatureVerificationError(
                code: .invalidTimestamp,
                message: "\(field) '\(timestamp.prefix(40))' is not UTC ISO 8601 'yyyy-MM-ddTHH:mm:ssZ'",
                scheme: scheme
            )
        }
        return date
    }

    private static func unknownKey(_ accessKeyId: String, scheme: SignatureScheme) -> SignatureVerificationError {
        SignatureVerificationError(
            code: .unknownAccessKeyId,
            message: "the AccessKey ID \(Redaction.maskAccessKeyId(accessKeyId)) is not known; check it was copied whole",
            scheme: scheme
        )
    }

    private static func mismatch(_ accessKeyId: String, scheme: SignatureScheme, stringToSign: String) -> SignatureVerificationError {
        SignatureVerificationError(
            code: .signatureMismatch,
            message: "the signature by \(Redaction.maskAccessKeyId(accessKeyId)) does not match; the AccessKey"
                + " secret is wrong, or the request was changed after it was signed",
            scheme: scheme,
            serverStringToSign: stringToSign
        )
    }
}
