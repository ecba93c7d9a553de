/// Why RAM denied a call, as returned in the `AccessDeniedDetail` object of a 403 error body.
///
/// Source: reference `ram-policy-language.md` §8.2 (field table) and `alibaba-openapi.md` §5.1; the
/// captured tea-SDK scenario `tea-sdk-error-403-access-denied-detail` shows the exact JSON. Every field is
/// optional because services fill in different subsets.
public struct AccessDeniedDetail: Sendable, Hashable, Codable {
    /// `AccountLevelIdentityBasedPolicy`, `ResourceGroupLevelIdentityBasedPolicy`, `ControlPolicy`,
    /// `SessionPolicy` or `AssumeRolePolicy` (see ``PolicyType``).
    public var policyType: String?
    /// `ImplicitDeny` (no Allow matched) or `ExplicitDeny` (a Deny matched).
    public var noPermissionType: String?
    /// The RAM action that was checked, e.g. `vod:SubmitWorkflowJob`.
    public var authAction: String?
    /// `SubUser`, `AssumedRoleUser` or `Federated`.
    public var authPrincipalType: String?
    /// The UID of the account that owns the caller.
    public var authPrincipalOwnerId: String?
    /// The RAM user ID, `RoleName:RoleSessionName`, or `saml-provider/<IdP>`.
    public var authPrincipalDisplayName: String?
    /// Opaque Base64 for RAM `DecodeDiagnosticMessage`.
    public var encodedDiagnosticMessage: String?

    public init(
        policyType: String? = nil,
        noPermissionType: String? = nil,
        authAction: String? = nil,
        authPrincipalType: String? = nil,
        authPrincipalOwnerId: String? = nil,
        authPrincipalDisplayName: String? = nil,
        encodedDiagnosticMessage: String? = nil
    ) {
        self.policyType = policyType
        self.noPermissionType = noPermissionType
        self.authAction = authAction
        self.authPrincipalType = authPrincipalType
        self.authPrincipalOwnerId = authPrincipalOwnerId
        self.authPrincipalDisplayName = authPrincipalDisplayName
        self.encodedDiagnosticMessage = encodedDiagnosticMessage
    }

    enum CodingKeys: String, CodingKey {
        case policyType = "PolicyType"
        case noPermissionType = "NoPermissionType"
        case authAction = "AuthAction"
        case authPrincipalType = "AuthPrincipalType"
        case authPrincipalOwnerId = "AuthPrincipalOwnerId"
        case authPrincipalDisplayName = "AuthPrincipalDisplayName"
        case encodedDiagnosticMessage = "EncodedDiagnosticMessage"
    }

    /// The field names and values in the order Alibaba's documentation lists them, omitting `nil`s; for
    /// writers that must control order (JSON and XML bodies).
    public var orderedFields: [(name: String, value: String)] {
        let all: [(String, String?)] = [
            ("PolicyType", policyType),
            ("AuthPrincipalOwnerId", authPrincipalOwnerId),
            ("EncodedDiagnosticMessage", encodedDiagnosticMessage),
            ("AuthPrincipalType", authPrincipalType),
            ("AuthPrincipalDisplayName", authPrincipalDisplayName),
            ("NoPermissionType", noPermissionType),
            ("AuthAction", authAction),
        ]
        return all.compactMap { name, value in value.map { (name, $0) } }
    }

    /// Values of `PolicyType` (reference `ram-policy-language.md` §8.2 and §8.3).
    public enum PolicyType: Sendable {
        public static let accountLevelIdentityBasedPolicy = "AccountLevelIdentityBasedPolicy"
        public static let resourceGroupLevelIdentityBasedPolicy = "ResourceGroupLevelIdentityBasedPolicy"
        public static let controlPolicy = "ControlPolicy"
        public static let sessionPolicy = "SessionPolicy"
        public static let assumeRolePolicy = "AssumeRolePolicy"
    }

    /// Values of `NoPermissionType`.
    public enum NoPermissionType: Sendable {
        public static let implicitDeny = "ImplicitDeny"
        public static let explicitDeny = "ExplicitDeny"
    }

    /// Values of `AuthPrincipalType`.
    public enum PrincipalType: Sendable {
        public static let subUser = "SubUser"
        public static let assumedRoleUser = "AssumedRoleUser"
        public static let federated = "Federated"
    }
}
