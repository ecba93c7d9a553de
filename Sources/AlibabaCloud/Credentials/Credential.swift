import Foundation

/// An AccessKey pair, optionally with an STS security token: what a request is signed with.
///
/// A credential prints, dumps and encodes *without* its secret or token: `description`,
/// `debugDescription`, `dump` and `Encodable` all show the AccessKey ID masked (`LTAI****Id`) and only
/// say whether a token is present. That way a credential that ends up in a log line, a report or a
/// crash dump does not leak. Reading ``accessKeySecret`` or ``securityToken`` directly is the only way
/// to get the values, and only the signers need to.
public struct Credential: Sendable, Hashable {
    /// What sort of credential this is, which decides how it is sent and whether it expires.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable { case longTerm, sts }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A RAM user's or account's AccessKey: no token, no expiry.
        public static let longTerm = Kind(.longTerm)
        /// Temporary STS credentials: `STS.` AccessKey ID, a security token sent with every request
        /// (`SecurityToken` in V1, `x-acs-security-token` in V3), usually an expiry.
        public static let sts = Kind(.sts)

        public var description: String {
            switch base {
            case .longTerm: return "long-term"
            case .sts: return "sts"
            }
        }
    }

    public var accessKeyId: String
    /// Never printed; see the type's documentation.
    public var accessKeySecret: String
    /// The STS token; never printed.
    public var securityToken: String?
    /// When temporary credentials stop working, if the source said.
    public var expiration: Date?

    /// ``Kind/sts`` when there is a security token, ``Kind/longTerm`` otherwise: the token is what the
    /// gateway needs to accept temporary keys, so it is what decides how the request is signed.
    public var kind: Kind { securityToken == nil ? .longTerm : .sts }

    public init(accessKeyId: String, accessKeySecret: String, securityToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.expiration = expiration
    }

    /// The AccessKey ID with its middle hidden, e.g. `LTAI****Id`, for reports and logs.
    public var maskedAccessKeyId: String { Redaction.maskAccessKeyId(accessKeyId) }

    /// Whether the credential has an expiry at or before `date`.
    public func isExpired(at date: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration <= date
    }

    /// Whether the credential should be replaced before use: it expires within `margin` of `date`.
    ///
    /// The Python and Java SDKs treat STS credentials as stale 15 minutes before `Expiration`, which is
    /// the default here.
    public func needsRefresh(at date: Date = Date(), margin: TimeInterval = 15 * 60) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(date) <= margin
    }

    /// Problems visible from the values alone (see ``AccessKeyFormat``), e.g. an `STS.` key without a token.
    public var warnings: [CredentialWarning] {
        AccessKeyFormat.warnings(for: self)
    }
}

extension Credential: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "Credential(\(kind), accessKeyId: \(maskedAccessKeyId), accessKeySecret: \(Redaction.placeholder)"
        if securityToken != nil {
            text += ", securityToken: \(Redaction.placeholder)"
        }
        if let expiration {
            text += ", expiration: \(SigningTimestamp.string(from: expiration))"
        }
        return text + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        var children: [(label: String?, value: Any)] = [
            ("kind", kind.description),
            ("accessKeyId", maskedAccessKeyId),
            ("accessKeySecret", Redaction.placeholder),
            ("securityToken", securityToken == nil ? "none" : Redaction.placeholder),
        ]
        if let expiration {
            children.append(("expiration", SigningTimestamp.string(from: expiration)))
        }
        return Mirror(self, children: children, displayStyle: .struct)
    }
}

/// Encodes the redacted view only (kind, masked ID, whether a token is present, expiry), so a
/// credential placed in a JSON report cannot leak. There is deliberately no `Decodable`.
extension Credential: Encodable {
    private enum CodingKeys: String, CodingKey {
        case kind, accessKeyId, hasSecurityToken, expiration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.description, forKey: .kind)
        try container.encode(maskedAccessKeyId, forKey: .accessKeyId)
        try container.encode(securityToken != nil, forKey: .hasSecurityToken)
        if let expiration {
            try container.encode(SigningTimestamp.string(from: expiration), forKey: .expiration)
        }
    }
}
