import AlibabaCloud

/// `--signature-version`: V3 (`ACS3-HMAC-SHA256`, the current SDKs' default) or RPC V1 (`HMAC-SHA1`).
public enum SignatureVersion: String, Sendable, Hashable, CaseIterable {
    case v3
    case v1

    public var scheme: SignatureScheme {
        switch self {
        case .v3: .v3
        case .v1: .rpcV1
        }
    }
}
