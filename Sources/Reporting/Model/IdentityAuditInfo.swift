/// `ramguard audit`: what one identity (a directory of policies, or a manifest entry) can do.
public struct IdentityAuditInfo: Sendable, Codable, Hashable {
    /// The identity's name (its directory name or its manifest key).
    public var identity: String
    /// The policy documents attached to the identity.
    public var policies: [PolicyInfo]
    /// One result per checked action, in the order they were checked.
    public var checks: [AccessCheckInfo]

    public init(identity: String, policies: [PolicyInfo] = [], checks: [AccessCheckInfo] = []) {
        self.identity = identity
        self.policies = policies
        self.checks = checks
    }
}
