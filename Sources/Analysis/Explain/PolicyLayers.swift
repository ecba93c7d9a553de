import RAMPolicy

/// The policies one identity is evaluated under, by layer of RAM's evaluation chain (reference §5.2).
///
/// An empty `session` or `control` list means the layer is not in force (no session policy was passed,
/// the account has no control policies) — exactly as ``Authorizer`` reads it. An empty `identity`
/// list is an identity with no permissions.
public struct PolicyLayers: Sendable, Hashable {
    public var identity: [Policy]
    public var session: [Policy]
    public var control: [Policy]

    public init(identity: [Policy], session: [Policy] = [], control: [Policy] = []) {
        self.identity = identity
        self.session = session
        self.control = control
    }

    /// The layers in force, in evaluation order (control, session, identity).
    var inForce: [(PolicyLayer, [Policy])] {
        var out: [(PolicyLayer, [Policy])] = []
        if !control.isEmpty { out.append((.control, control)) }
        if !session.isEmpty { out.append((.session, session)) }
        out.append((.identity, identity))
        return out
    }

    func authorizer(scope: any ResourceScope) -> Authorizer {
        Authorizer(identity: identity, session: session, control: control, scope: scope)
    }
}
