import Foundation

/// What the emulator puts, Base64-encoded, in `AccessDeniedDetail.EncodedDiagnosticMessage`.
///
/// The real value is opaque and only RAM's `DecodeDiagnosticMessage` can read it. The emulator encodes
/// the *decoded* shape that API returns (reference `ram-policy-language.md` §8.3) as Base64 JSON, so tests
/// and rehearsals can see exactly why a call was denied with ``decode(_:)``.
public struct DiagnosticMessage: Sendable, Hashable, Codable {
    public struct Principal: Sendable, Hashable, Codable {
        public var authPrincipalType: String
        public var authPrincipalOwnerId: String
        public var authPrincipalDisplayName: String

        enum CodingKeys: String, CodingKey {
            case authPrincipalType = "AuthPrincipalType"
            case authPrincipalOwnerId = "AuthPrincipalOwnerId"
            case authPrincipalDisplayName = "AuthPrincipalDisplayName"
        }
    }

    public struct ConditionValue: Sendable, Hashable, Codable {
        public var conditionKey: String
        public var conditionValues: [String]

        enum CodingKeys: String, CodingKey {
            case conditionKey = "ConditionKey"
            case conditionValues = "ConditionValues"
        }
    }

    public struct MatchedPolicy: Sendable, Hashable, Codable {
        /// `Custom` (every policy the emulator loads is a custom policy).
        public var policyType: String
        /// The policy's file name.
        public var policyIdentifier: String
        public var effect: String
        /// `RamUser` or `RamRole`.
        public var attachedEntityType: String
        /// `Account`.
        public var attachedScope: String

        enum CodingKeys: String, CodingKey {
            case policyType = "PolicyType"
            case policyIdentifier = "PolicyIdentifier"
            case effect = "Effect"
            case attachedEntityType = "AttachedEntityType"
            case attachedScope = "AttachedScope"
        }
    }

    public var explicitDeny: Bool
    public var noPermissionPolicyType: String
    public var authAction: String
    public var authResource: String
    public var authPrincipal: Principal
    /// The request's condition-key values, as RAM had them.
    public var authConditions: [ConditionValue]
    /// The Deny statements' policies for an explicit deny; empty for an implicit deny.
    public var matchedPolicies: [MatchedPolicy]

    enum CodingKeys: String, CodingKey {
        case explicitDeny = "ExplicitDeny"
        case noPermissionPolicyType = "NoPermissionPolicyType"
        case authAction = "AuthAction"
        case authResource = "AuthResource"
        case authPrincipal = "AuthPrincipal"
        case authConditions = "AuthConditions"
        case matchedPolicies = "MatchedPolicies"
    }

    /// Base64 of the JSON form (keys sorted).
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()).base64EncodedString()
    }

    /// Reads a value made by ``encoded()``; `nil` for anything else (a real gateway's message included).
    public static func decode(_ encoded: String) -> DiagnosticMessage? {
        guard let data = Data(base64Encoded: encoded) else { return nil }
        return try? JSONDecoder().decode(DiagnosticMessage.self, from: data)
    }
}
