/// A request to authorize: an action on a resource, with a context of condition keys.
public struct Request: Sendable, Hashable {
    public var action: String
    /// The resource as the caller names it; for All-Resources actions RAM evaluates `*` instead.
    public var resource: String
    public var context: RequestContext
    /// Who asks, for trust-policy evaluation of `sts:AssumeRole`.
    public var principal: PrincipalRef? {
        get { principalBox?.value }
        set { principalBox = newValue.map(PrincipalBox.init) }
    }

    /// The principal behind a reference (8 bytes instead of 24): few requests carry one, and a smaller
    /// `Request` puts more of an array of them in each cache line (deciding many small identities is
    /// bound by cache misses, the request array's among them).
    private var principalBox: PrincipalBox?

    public init(action: String, resource: String = "*", context: RequestContext = RequestContext(), principal: PrincipalRef? = nil) {
        self.action = action
        self.resource = resource
        self.context = context
        self.principalBox = principal.map(PrincipalBox.init)
    }
}

/// An immutable box for ``Request/principal``, compared and hashed by value.
final class PrincipalBox: Sendable, Hashable {
    let value: PrincipalRef

    init(_ value: PrincipalRef) { self.value = value }

    static func == (a: PrincipalBox, b: PrincipalBox) -> Bool { a.value == b.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
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
