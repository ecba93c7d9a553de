/// Who may assume a role, from a trust policy's `Principal` element.
public struct Principal: Sendable, Hashable {
    /// Alibaba Cloud accounts (`acs:ram::<uid>:root`), RAM users and roles.
    public var ram: [Located<String>]
    /// Service principals such as `ecs.aliyuncs.com`.
    public var service: [Located<String>]
    /// Identity providers, e.g. `acs:ram::<uid>:saml-provider/<name>`.
    public var federated: [Located<String>]
    public var span: SourceSpan

    public init(ram: [Located<String>], service: [Located<String>], federated: [Located<String>], span: SourceSpan) {
        self.ram = ram
        self.service = service
        self.federated = federated
        self.span = span
    }
}
