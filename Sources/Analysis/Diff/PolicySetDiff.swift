import RAMPolicy

/// Compares two versions of one identity's policy layers action by action: which actions are gained or
/// lost, which are allowed in more (loosened) or fewer (tightened) contexts, and which statements
/// are responsible.
///
/// Both versions of an action are analysed in one shared condition space (every condition either
/// version puts on the action), so "more contexts" is an exact set comparison — a CIDR widened, a
/// date extended or a condition removed shows as loosened even when both verdicts say "conditional".
public struct PolicySetDiff: Sendable {
    public let old: PolicyLayers
    public let new: PolicyLayers
    /// The actions compared: the given list, then every wildcard-free action either version names
    /// (in Action or NotAction) that the list lacks.
    public let actions: [String]
    public let resource: String
    public let scope: any ResourceScope

    /// - Parameter actions: the catalogue's action names, in the order changes are reported.
    public init(old: PolicyLayers, new: PolicyLayers, actions: [String], resource: String = "*",
                scope: any ResourceScope = OperationGranularServices()) {
        self.old = old
        self.new = new
        self.resource = resource
        self.scope = scope
        var list: [String] = []
        var seen = Set<String>()
        for a in actions where seen.insert(Glob.fold(a)).inserted { list.append(a) }
        for layers in [old, new] {
            for policy in layers.identity + layers.session + layers.control {
                for s in policy.statements {
                    for a in s.actions.map(\.value) where !a.contains("*") && !a.contains("?") {
                        if seen.insert(Glob.fold(a)).inserted { list.append(a) }
                    }
                }
            }
        }
        self.actions = list
    }

    public func compute() -> PolicyDiff {
        let oldX = AccessExplainer(layers: old, scope: scope)
        let newX = AccessExplainer(layers: new, scope: scope)
        var changes: [AccessChange] = []
        var unchanged = 0
        var verdicts: [String: AccessExplanation.Verdict] = [:]
        for action in actions {
            let change = compare(action, oldX, newX)
            verdicts[action] = change.new
            if let change = change.change { changes.append(change) } else { unchanged += 1 }
        }
        return PolicyDiff(changes: changes, unchangedCount: unchanged, newVerdicts: verdicts)
    }

    private func compare(_ action: String, _ oldX: AccessExplainer, _ newX: AccessExplainer)
        -> (change: AccessChange?, new: AccessExplanation.Verdict) {
        let relOld = oldX.index.relevant(action: action, resource: resource)
        let relNew = newX.index.relevant(action: action, resource: resource)
        let oldStatements = relOld.layers.flatMap(\.statements)
        let newStatements = relNew.layers.flatMap(\.statements)
        let (eo, _) = oldX.explain(action: action, resource: resource, relevant: relOld, space: ConditionSpace(statements: oldStatements))
        let (en, _) = newX.explain(action: action, resource: resource, relevant: relNew, space: ConditionSpace(statements: newStatements))
        func change(_ kind: AccessChange.Kind, _ responsible: [StatementMatch], gained: [String: [String]]? = nil,
                    lost: [String: [String]]? = nil) -> AccessChange {
            AccessChange(action: action, kind: kind, old: eo.verdict, new: en.verdict, oldSummary: eo.summary,
                         newSummary: en.summary, responsible: responsible, gainedExample: gained, lostExample: lost)
        }
        if eo.verdict == .never && en.verdict == .never { return (nil, en.verdict) }

        let joint = ConditionSpace(statements: oldStatements + newStatements)
        guard eo.verdict != .undecidable, en.verdict != .undecidable,
              let ro = try? AccessRegion(layers: relOld.layers, space: joint),
              let rn = try? AccessRegion(layers: relNew.layers, space: joint) else {
            let same = eo.verdict == en.verdict && eo.summary == en.summary
            return (same ? nil : change(.changed, newStatements.filter { !Self.contains(oldStatements, $0) }), en.verdict)
        }
        guard let gainedRegion = try? rn.allowed.subtracting(ro.allowed),
              let lostRegion = try? ro.allowed.subtracting(rn.allowed) else {
            return (change(.changed, newStatements.filter { !Self.contains(oldStatements, $0) }), en.verdict)
        }
        if gainedRegion.isEmpty && lostRegion.isEmpty { return (nil, en.verdict) }

        let gainers = Self.explaining(rn.allows.flatMap(\.parts), gainedRegion, other: oldStatements)
        let losers = Self.explaining(ro.allows.flatMap(\.parts) + rn.denies, lostRegion, other: [])
            .filter { m in m.statement.effect == .deny ? !Self.contains(oldStatements, m) : !Self.contains(newStatements, m) }
        let lostFallback = Self.explaining(ro.allows.flatMap(\.parts), lostRegion, other: [])
        let gained = gainedRegion.boxes.first.map(joint.sample).flatMap { confirm($0, action, allowedBy: newX, deniedBy: oldX) }
        let lost = lostRegion.boxes.first.map(joint.sample).flatMap { confirm($0, action, allowedBy: oldX, deniedBy: newX) }
        let kind: AccessChange.Kind
        var responsible: [StatementMatch]
        switch (ro.allowed.isEmpty, rn.allowed.isEmpty, gainedRegion.isEmpty, lostRegion.isEmpty) {
        case (true, false, _, _): kind = .gained; responsible = gainers
        case (false, true, _, _): kind = .lost; responsible = losers.isEmpty ? lostFallback : losers
        case (_, _, false, true): kind = .loosened; responsible = gainers
        case (_, _, true, false): kind = .tightened; responsible = losers.isEmpty ? lostFallback : losers
        default: kind = .changed; responsible = gainers + (losers.isEmpty ? lostFallback : losers)
        }
        responsible = responsible.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        return (change(kind, responsible, gained: gained, lost: lost), en.verdict)
    }

    /// The statements whose boxes meet `region`; those also present (same text) in `other` are left
    /// out unless nothing else is left.
    private static func explaining(_ parts: [AccessRegion.Part], _ region: Region, other: [StatementMatch]) -> [StatementMatch] {
        let meeting = parts.filter { region.intersects($0.box) }.map(\.match)
        let changed = meeting.filter { !contains(other, $0) }
        return changed.isEmpty ? meeting : changed
    }

    /// Whether `list` holds a statement with the same layer and content as `m` (positions ignored).
    static func contains(_ list: [StatementMatch], _ m: StatementMatch) -> Bool {
        let shape = StatementShape(m)
        return list.contains { StatementShape($0) == shape }
    }

    /// The example, if the engine allows it under `allowedBy` and denies it under `deniedBy`.
    private func confirm(_ example: [String: [String]], _ action: String, allowedBy: AccessExplainer,
                         deniedBy: AccessExplainer) -> [String: [String]]? {
        let request = Request(action: action, resource: resource,
                              context: RequestContext(example.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        let ok = allowedBy.authorizer.decide(request) == .allow && deniedBy.authorizer.decide(request) != .allow
        return ok ? example : nil
    }
}

/// A statement's content without source positions, to recognise a statement kept across versions.
private struct StatementShape: Hashable {
    let layer: PolicyLayer
    let effect: Effect
    let actions: [String]
    let actionPolarity: Statement.Polarity
    let resources: [String]?
    let resourcePolarity: Statement.Polarity
    let conditions: [[String]]

    init(_ m: StatementMatch) {
        layer = m.layer
        effect = m.statement.effect
        actions = m.statement.actions.map(\.value)
        actionPolarity = m.statement.actionPolarity
        resources = m.statement.resources?.map(\.value)
        resourcePolarity = m.statement.resourcePolarity
        conditions = m.statement.conditions.map { [$0.op.name, $0.key.value] + $0.values.map(\.value) }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
