import RAMPolicy

/// Finds the statements whose Action/NotAction, Resource/NotResource (and Principal) let them take
/// part in deciding one action on one resource — by asking the engine itself.
///
/// Each statement gets a probe: a copy with its conditions removed and its effect set to Allow, alone
/// in an ``Authorizer`` with the caller's resource scope. The probe allows a request exactly when the
/// statement matches its action and resource, so the analysis never re-implements (and never drifts
/// from) the engine's action globs, NotAction, All-Resources rule or resource patterns.
struct StatementIndex: Sendable {
    struct Entry: Sendable {
        let match: StatementMatch
        let probe: Authorizer
    }

    /// Layers in force, in evaluation order, with every statement.
    let layers: [(layer: PolicyLayer, entries: [Entry])]

    init(layers: PolicyLayers, scope: any ResourceScope) {
        self.layers = layers.inForce.map { layer, policies in
            var entries: [Entry] = []
            for (p, policy) in policies.enumerated() {
                for s in policy.statements {
                    let stripped = Statement(
                        index: s.index, span: s.span, path: s.pathComponents, sid: s.sid, effect: .allow,
                        actionPolarity: s.actionPolarity, actions: s.actions, resourcePolarity: s.resourcePolarity,
                        resources: s.resources, principal: s.principal, conditions: [])
                    let probe = Policy(source: policy.source, kind: .identity, statements: [stripped],
                                       characterCount: policy.characterCount)
                    entries.append(Entry(
                        match: StatementMatch(layer: layer, file: policy.source.name, policyIndex: p, statement: s),
                        probe: Authorizer(identity: [probe], scope: scope)))
                }
            }
            return (layer, entries)
        }
    }

    /// The statements of each layer in force that match the action and resource, and the assumptions
    /// the matching relied on (case-insensitive actions, ARN patterns on All-Resources actions, NotResource).
    func relevant(action: String, resource: String) -> (layers: [(layer: PolicyLayer, statements: [StatementMatch])], assumptions: [Assumption]) {
        var assumptions: [Assumption] = []
        let request = Request(action: action, resource: resource)
        let out = layers.map { layer, entries in
            let matching = entries.compactMap { e -> StatementMatch? in
                let ev = e.probe.evaluate(request)
                for a in ev.assumptions where ev.decision == .allow || a.kind == .resourcePatternOnAllResourcesAction {
                    if !assumptions.contains(a) { assumptions.append(a) }
                }
                return ev.decision == .allow ? e.match : nil
            }
            return (layer, matching)
        }
        return (out, assumptions)
    }
}
