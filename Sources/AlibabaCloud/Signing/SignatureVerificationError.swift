/// Why a received request's signature was not accepted.
///
/// Each code maps to the error code the real gateway answers with (``gatewayCode``), so a local
/// emulator can reply the way Alibaba Cloud would. Messages say what to fix without revealing secrets;
/// the AccessKey ID is masked.
public struct SignatureVerificationError: Error, Sendable, Hashable {
    /// The kind of failure; compare with `==` against the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable {
            case unsigned, malformedRequest, incompleteSignature, missingParameter, unsupportedSignatureMethod,
                 invalidTimestamp, unknownAccessKeyId, contentHashMismatch, signatureMismatch
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Neither an `ACS3-HMAC-SHA256` `Authorization` header nor a V1 `Signature` parameter.
        public static let unsigned = Code(.unsigned)
        /// The path, query or body cannot be decoded.
        public static let malformedRequest = Code(.malformedRequest)
        /// The `Authorization` header is malformed, names an absent header, or leaves a required one unsigned.
        public static let incompleteSignature = Code(.incompleteSignature)
        /// A required parameter or header (timestamp, nonce, AccessKey ID, …) is missing.
        public static let missingParameter = Code(.missingParameter)
        /// A `SignatureMethod`/`SignatureVersion` other than `HMAC-SHA1`/`1.0`.
        public static let unsupportedSignatureMethod = Code(.unsupportedSignatureMethod)
        /// The timestamp is not `yyyy-MM-ddTHH:mm:ssZ`.
        public static let invalidTimestamp = Code(.invalidTimestamp)
        /// The secret lookup does not know the AccessKey ID.
        public static let unknownAccessKeyId = Code(.unknownAccessKeyId)
        /// `x-acs-content-sha256` is not the SHA-256 of the body.
        public static let contentHashMismatch = Code(.contentHashMismatch)
        /// The signature is well formed but wrong: a different secret, or the request changed in transit.
        public static let signatureMismatch = Code(.signatureMismatch)

        public var description: String {
            switch base {
            case .unsigned: return "unsigned"
            case .malformedRequest: return "malformed request"
            case .incompleteSignature: return "incomplete signature"
            case .missingParameter: return "missing parameter"
            case .unsupportedSignatureMethod: return "unsupported signature method"
            case .invalidTimestamp: return "invalid timestamp"
            case .unknownAccessKeyId: return "unknown AccessKey ID"
            case .contentHashMismatch: return "content hash mismatch"
            case .signatureMismatch: return "signature mismatch"
            }
        }

        /// The error code the Alibaba Cloud gateway returns for this failure.
        public var gatewayCode: String {
            switch base {
            case .unsigned: return "MissingSignature"
            case .malformedRequest: return "InvalidParameter"
            case .incompleteSignature: return "IncompleteSignature"
            case .missingParameter: return "MissingParameter"
            case .unsupportedSignatureMethod: return "InvalidParameter"
            case .invalidTimestamp: return "InvalidTimeStamp.Format"
            case .unknownAccessKeyId: return "InvalidAccessKeyId.NotFound"
            case .contentHashMismatch: return "SignatureDoesNotMatch"
            case .signatureMismatch: return "SignatureDoesNotMatch"
            }
        }
    }

    public var code: Code
    /// What is wrong and how to fix it; never contains a secret, token or signature.
    public var message: String
    /// The scheme the request tried to use, when that much could be told.
    public var scheme: SignatureScheme?
    /// The string-to-sign the verifier computed, for ``Code/signatureMismatch``.
    ///
    /// The real gateway echoes this in its `SignatureDoesNotMatch` message so the client can compare it
    /// with its own. It is kept out of `description` because the V1 form contains the security token.
    public var serverStringToSign: String?

    public init(code: Code, message: String, scheme: SignatureScheme? = nil, serverStringToSign: String? = nil) {
        self.code = code
        self.message = message
        self.scheme = scheme
        self.serverStringToSign = serverStringToSign
    }

    /// The gateway error code for ``code``.
    public var gatewayCode: String { code.gatewayCode }
}

extension SignatureVerificationError: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        if let scheme { return "\(gatewayCode) (\(scheme)): \(message)" }
        return "\(gatewayCode): \(message)"
    }

    public var debugDescription: String { "SignatureVerificationError(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "code": code.description,
            "message": message,
            "scheme": scheme as Any,
            "serverStringToSign": serverStringToSign == nil ? "none" : Redaction.placeholder,
        ], displayStyle: .struct)
    }
}
