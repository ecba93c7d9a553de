/// A statement compiled for evaluation: globs built, values typed, keys folded.
final class CompiledStatement: Sendable {
    let policyIndex: Int
    let statement: Statement
    let effect: Effect
    let actionExcluding: Bool
    let actionGlobs: [Glob]
    let resourceExcluding: Bool
    /// Nil in trust policies (no Resource element).
    let resources: [ResourcePattern]?
    let resourceMatchesEverything: Bool
    let conditions: [CompiledCondition]
    let principal: Principal?

    /// - Parameter compiling: false leaves `conditions` empty: the statement then applies whatever its
    ///   Condition block says (an authorizer that holds every condition true).
    init(policyIndex: Int, statement: Statement, interner: ConditionInterner, conditions compiling: Bool = true) {
        self.policyIndex = policyIndex
        self.statement = statement
        effect = statement.effect
        actionExcluding = statement.actionPolarity == .excluding
        actionGlobs = statement.actions.map { Glob($0.value, caseInsensitive: true) }
        resourceExcluding = statement.resourcePolarity == .excluding
        resources = statement.resources?.map { ResourcePattern($0.value) }
        resourceMatchesEverything = !resourceExcluding && (resources?.contains { $0.any } ?? true)
        conditions = compiling ? statement.conditions.map { CompiledCondition($0, interner: interner) } : []
        for c in conditions { interner.register(c) }
        principal = statement.principal
    }

    func matchesAction(folded action: String) -> Bool {
        var hit = false
        for g in actionGlobs where g.matches(folded: action) {
            hit = true
            break
        }
        return hit != actionExcluding
    }

    @inline(__always)
    func matchesResource(_ resource: String) -> Bool {
        if resourceMatchesEverything { return true }
        guard let resources else { return true }
        var hit = false
        for r in resources where r.matches(resource) {
            hit = true
            break
        }
        return hit != resourceExcluding
    }

    /// Index of the first condition that fails, or nil when all hold (AND over the block).
    @inline(__always)
    func firstFailingCondition<O: ConditionOracle>(_ oracle: inout O) -> Int? {
        var i = 0
        while i < conditions.count {
            if !oracle.holds(conditions[i]) { return i }
            i += 1
        }
        return nil
    }

    func matchesPrincipal(_ ref: PrincipalRef?) -> Bool {
        guard let principal else { return true }
        guard let ref else { return false }
        let candidates: [Located<String>]
        switch ref.kind {
        case .ram: candidates = principal.ram
        case .service: candidates = principal.service
        case .federated: candidates = principal.federated
        }
        let value = Glob.fold(ref.value)
        for c in candidates {
            let p = Glob.fold(c.value)
            if p == "*" || p == value { return true }
            // acs:ram::<uid>:root trusts every RAM identity of that account.
            if ref.kind == .ram, p.hasSuffix(":root") {
                let account = p.dropLast("root".count)
                if value.hasPrefix(account) { return true }
            }
            if Glob(p, caseInsensitive: true).matches(folded: value) { return true }
        }
        return false
    }
}
