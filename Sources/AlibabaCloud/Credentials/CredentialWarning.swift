/// Something about a credential that will probably make requests fail, found without calling Alibaba
/// Cloud. Warnings never stop resolution: key formats are observed, not specified, so the checks stay
/// lenient and leave the decision to the caller.
public struct CredentialWarning: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// A stable identifier a caller can match on, e.g. `sts-key-without-token`.
    public var code: String
    /// What is wrong and what to do, without any secret value.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
