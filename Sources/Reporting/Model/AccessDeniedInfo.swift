/// A RAM denial from the service, decoded and put in the engine's vocabulary.
public struct AccessDeniedInfo: Sendable, Codable, Hashable {
    // The AccessDeniedDetail fields, as received.
    public var policyType: String?
    public var noPermissionType: String?
    public var authAction: String?
    public var authPrincipalType: String?
    public var authPrincipalOwnerId: String?
    public var authPrincipalDisplayName: String?
    public var encodedDiagnosticMessage: String?

    /// The engine's word for it: `ExplicitDeny` or `ImplicitDeny` (absent when the service did not say).
    public var decision: String?
    /// The engine's layer: `identity`, `session`, `control` or `trust` (absent when not one of them).
    public var layer: String?
    /// The request's condition keys as the service had them (from a readable diagnostic message).
    public var serviceContext: [ContextEntry]
    /// Policies the service names as matching (from a readable diagnostic message), e.g. `deny.json (Deny)`.
    public var servicePolicies: [String]
    /// The local `--policy` statements that explain the denial, if any.
    public var statements: [StatementRef]
    /// What the denial means and whether the local policies explain it.
    public var explanation: String

    public init(
        policyType: String? = nil, noPermissionType: String? = nil, authAction: String? = nil, authPrincipalType: String? = nil,
        authPrincipalOwnerId: String? = nil, authPrincipalDisplayName: String? = nil, encodedDiagnosticMessage: String? = nil,
        decision: String? = nil, layer: String? = nil, serviceContext: [ContextEntry] = [], servicePolicies: [String] = [],
        statements: [StatementRef] = [], explanation: String
    ) {
        self.policyType = policyType
        self.noPermissionType = noPermissionType
        self.authAction = authAction
        self.authPrincipalType = authPrincipalType
        self.authPrincipalOwnerId = authPrincipalOwnerId
        self.authPrincipalDisplayName = authPrincipalDisplayName
        self.encodedDiagnosticMessage = encodedDiagnosticMessage
        self.decision = decision
        self.layer = layer
        self.serviceContext = serviceContext
        self.servicePolicies = servicePolicies
        self.statements = statements
        self.explanation = explanation
    }
}
