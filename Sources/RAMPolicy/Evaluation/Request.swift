/// A request to authorize: an action on a resource, with a context of condition keys.
public struct Request: Sendable, Hashable {
    public var action: String
    /// The resource as the caller names it; for All-Resources actions RAM evaluates `*` instead.
    public var resource: String
    public var context: RequestContext
    /// Who asks, for trust-policy evaluation of `sts:AssumeRole`.
    public var principal: PrincipalRef?

    public init(action: String, resource: String = "*", context: RequestContext = RequestContext(), principal: PrincipalRef? = nil) {
        self.action = action
        self.resource = resource
        self.context = context
        self.principal = principal
    }
}

/// The caller of an `sts:AssumeRole` request, matched against a trust policy's `Principal`.
public struct PrincipalRef: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case ram = "RAM"
        case service = "Service"
        case federated = "Federated"
    }

    public var kind: Kind
    /// `acs:ram::<uid>:user/<name>`, `acs:ram::<uid>:role/<name>`, `ecs.aliyuncs.com`, or an IdP ARN.
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Guesses the kind from the text: ARNs of identity providers are federated, other ARNs RAM,
    /// anything else a service principal.
    public init(parsing text: String) {
        let lower = Glob.fold(text)
        if lower.hasPrefix("acs:ram:") && (lower.contains(":saml-provider/") || lower.contains(":oidc-provider/")) {
            self.init(kind: .federated, value: text)
        } else if lower.hasPrefix("acs:") {
            self.init(kind: .ram, value: text)
        } else {
            self.init(kind: .service, value: text)
        }
    }
}
