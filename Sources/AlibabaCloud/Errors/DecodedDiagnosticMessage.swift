/// The decoded form of an `EncodedDiagnosticMessage` (RAM `DecodeDiagnosticMessage`, reference
/// `ram-policy-language.md` §8.3), when the server sent it readable.
public struct DecodedDiagnosticMessage: Sendable, Hashable, Codable {
    public struct Condition: Sendable, Hashable, Codable {
        public var key: String
        public var values: [String]

        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }
    }

    public struct MatchedPolicy: Sendable, Hashable, Codable {
        /// `Custom` or `System`.
        public var policyType: String?
        /// The policy name (or control-policy ID).
        public var policyIdentifier: String?
        public var policyVersion: String?
        /// `Allow` or `Deny`.
        public var effect: String?
        /// `RamUser`, `RamRole`, `RamGroup`, `ResourceDirectoryTarget`.
        public var attachedEntityType: String?
        /// `Account`, `Folder`, `ResourceGroup`.
        public var attachedScope: String?

        public init(policyType: String? = nil, policyIdentifier: String? = nil, policyVersion: String? = nil,
                    effect: String? = nil, attachedEntityType: String? = nil, attachedScope: String? = nil) {
            self.policyType = policyType
            self.policyIdentifier = policyIdentifier
            self.policyVersion = policyVersion
            self.effect = effect
            self.attachedEntityType = attachedEntityType
            self.attachedScope = attachedScope
        }
    }

    public var explicitDeny: Bool?
    public var noPermissionPolicyType: String?
    public var authAction: String?
    /// `*` for All-Resources actions.
    public var authResource: String?
    /// The request's condition-key values as RAM had them (e.g. `acs:SourceIp`).
    public var authConditions: [Condition]
    public var matchedPolicies: [MatchedPolicy]

    public init(explicitDeny: Bool? = nil, noPermissionPolicyType: String? = nil, authAction: String? = nil,
                authResource: String? = nil, authConditions: [Condition] = [], matchedPolicies: [MatchedPolicy] = []) {
        self.explicitDeny = explicitDeny
        self.noPermissionPolicyType = noPermissionPolicyType
        self.authAction = authAction
        self.authResource = authResource
        self.authConditions = authConditions
        self.matchedPolicies = matchedPolicies
    }
}
