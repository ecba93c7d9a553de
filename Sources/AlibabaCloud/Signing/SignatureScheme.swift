/// The two signature schemes the gateway accepts.
public enum SignatureScheme: String, Sendable, Hashable, CaseIterable, Encodable, CustomStringConvertible {
    /// RPC `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, signature in the query.
    case rpcV1 = "RPC-V1-HMAC-SHA1"
    /// `ACS3-HMAC-SHA256`, signature in the `Authorization` header.
    case v3 = "ACS3-HMAC-SHA256"

    public var description: String { rawValue }
}
