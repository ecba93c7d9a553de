import AlibabaCloud
import Foundation
import RAMPolicy
import VOD

/// One caller the emulator knows: an AccessKey pair (optionally STS, with its token), the RAM policies
/// attached to it, and for a role session its session policy.
///
/// Printing an identity never shows the secret or the token (`description`, `dump`).
public struct EmulatorIdentity: Sendable {
    public var accessKeyId: String
    /// Never printed.
    public var accessKeySecret: String
    /// The STS token requests must carry; never printed. `nil` for a long-term key.
    public var securityToken: String?
    /// After this instant the token is answered with `InvalidSecurityToken.Expired`.
    public var securityTokenExpiration: Date?
    /// Identity-based policies (account scope), evaluated as one unit.
    public var policies: [Policy]
    /// The STS session policy, for a role session.
    public var sessionPolicy: Policy?
    /// `AuthPrincipalType` in denials: `SubUser` or `AssumedRoleUser` (``AccessDeniedDetail/PrincipalType``).
    public var principalType: String
    /// `AuthPrincipalOwnerId` in denials: the account UID.
    public var accountId: String
    /// `AuthPrincipalDisplayName` in denials: the RAM user ID, or `RoleName:RoleSessionName`.
    public var displayName: String

    /// The default account UID (the reference's example, `ram-policy-language.md` §8.2).
    public static let defaultAccountId = "1234567890123456"

    /// - Parameters:
    ///   - principalType: defaults to `AssumedRoleUser` when there is a security token, `SubUser` otherwise.
    ///   - displayName: defaults to a made-up 16-digit RAM user ID derived from the AccessKey ID, or
    ///     `EmulatorRole:EmulatorSession` for a role session.
    public init(
        accessKeyId: String,
        accessKeySecret: String,
        securityToken: String? = nil,
        securityTokenExpiration: Date? = nil,
        policies: [Policy],
        sessionPolicy: Policy? = nil,
        principalType: String? = nil,
        accountId: String? = nil,
        displayName: String? = nil
    ) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.securityTokenExpiration = securityTokenExpiration
        self.policies = policies
        self.sessionPolicy = sessionPolicy
        let type = principalType ?? (securityToken == nil
            ? AccessDeniedDetail.PrincipalType.subUser : AccessDeniedDetail.PrincipalType.assumedRoleUser)
        self.principalType = type
        self.accountId = accountId ?? Self.defaultAccountId
        if let displayName {
            self.displayName = displayName
        } else if type == AccessDeniedDetail.PrincipalType.assumedRoleUser {
            self.displayName = "EmulatorRole:EmulatorSession"
        } else {
            let digits = String(Identifiers.fnv1a(accessKeyId) % 1_000_000_000_000)
            self.displayName = "2047" + String(repeating: "0", count: 12 - digits.count) + digits
        }
    }
}

extension EmulatorIdentity: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "EmulatorIdentity(\(KeyMasking.mask(accessKeyId)), \(principalType), \(policies.count) polic\(policies.count == 1 ? "y" : "ies")"
        if sessionPolicy != nil { text += ", session policy" }
        if securityToken != nil { text += ", security token" }
        return text + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": KeyMasking.mask(accessKeyId),
            "accessKeySecret": "<redacted>",
            "securityToken": securityToken == nil ? "none" : "<redacted>",
            "policies": policies.map(\.source.name),
            "sessionPolicy": sessionPolicy?.source.name ?? "none",
            "principalType": principalType,
            "accountId": accountId,
            "displayName": displayName,
        ], displayStyle: .struct)
    }
}
