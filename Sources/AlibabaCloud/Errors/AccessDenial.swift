/// The `AccessDeniedDetail` object of a RAM denial (reference `ram-policy-language.md` §8.2), decoded.
///
/// Every field is optional: services fill in different subsets, and the object is spelled
/// `AccessDeniedDetail` or `accessDeniedDetail` with PascalCase or lower-camel fields. Values come from the
/// server and are shown as received (after scrubbing); nothing here is trusted for a decision.
public struct AccessDenial: Sendable, Hashable, Codable {
    /// `AccountLevelIdentityBasedPolicy`, `ResourceGroupLevelIdentityBasedPolicy`, `ControlPolicy`,
    /// `SessionPolicy`, `AssumeRolePolicy` (some services: `IdentityBasedPolicy`, `ResourceBasedPolicy`).
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
    /// ``encodedDiagnosticMessage`` read as Base64 JSON in the shape `DecodeDiagnosticMessage` returns —
    /// what ramguard's VOD emulator sends. Real RAM messages are opaque, so this is usually `nil`.
    public var diagnostic: DecodedDiagnosticMessage?

    public init(
        policyType: String? = nil, noPermissionType: String? = nil, authAction: String? = nil,
        authPrincipalType: String? = nil, authPrincipalOwnerId: String? = nil, authPrincipalDisplayName: String? = nil,
        encodedDiagnosticMessage: String? = nil, diagnostic: DecodedDiagnosticMessage? = nil
    ) {
        self.policyType = policyType
        self.noPermissionType = noPermissionType
        self.authAction = authAction
        self.authPrincipalType = authPrincipalType
        self.authPrincipalOwnerId = authPrincipalOwnerId
        self.authPrincipalDisplayName = authPrincipalDisplayName
        self.encodedDiagnosticMessage = encodedDiagnosticMessage
        self.diagnostic = diagnostic
    }

    /// `true` for an explicit deny, `false` for an implicit one, `nil` when the server did not say
    /// (from `NoPermissionType`, else from the decoded diagnostic's `ExplicitDeny`).
    public var isExplicitDeny: Bool? {
        switch noPermissionType?.lowercased() {
        case "explicitdeny": return true
        case "implicitdeny": return false
        default: return diagnostic?.explicitDeny
        }
    }
}
