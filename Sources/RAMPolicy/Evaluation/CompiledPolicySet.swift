/// The policies of one layer, compiled and indexed by action.
///
/// Statements are bucketed by the literal actions they name, by the literal service code of their
/// wildcard actions, or as generic (wildcard service code, NotAction). A request therefore only
/// touches the statements that can match its action; ``ActionPlan``s cache that per action.
public struct CompiledPolicySet: Sendable {
    public let layer: PolicyLayer
    public let policies: [Policy]
    let statements: [CompiledStatement]
    let exact: [String: [Int32]]
    let byService: [String: [Int32]]
    let generic: [Int32]

    public init(layer: PolicyLayer, policies: [Policy]) {
        self.init(layer: layer, policies: policies, interner: ConditionInterner())
    }

    /// - Parameter conditions: false compiles every statement without its conditions (see
    ///   ``Authorizer/ignoringConditions(identity:session:control:trust:scope:)``), and without the
    ///   action index: such a set is built by an analysis from statements it already kept for the one
    ///   or few actions it asks about, so nearly every statement matches each action and the index
    ///   narrows nothing, while building it (service codes cut out and folded, sets of keys, two
    ///   dictionaries) cost more than compiling the statements. Every statement is then generic, which
    ///   ``statements(matchingFolded:)`` tests one by one, with the same answer.
    init(layer: PolicyLayer, policies: [Policy], interner: ConditionInterner, conditions: Bool = true) {
        self.layer = layer
        self.policies = policies
        var compiled: [CompiledStatement] = []
        var exact: [String: [Int32]] = [:]
        var byService: [String: [Int32]] = [:]
        var generic: [Int32] = []
        for (p, policy) in policies.enumerated() {
            for statement in policy.statements {
                let s = CompiledStatement(policyIndex: p, statement: statement, interner: interner, conditions: conditions)
                let i = Int32(compiled.count)
                compiled.append(s)
                if s.actionExcluding || !conditions {
                    generic.append(i)
                    continue
                }
                var isGeneric = false
                var exactKeys = Set<String>()
                var serviceKeys = Set<String>()
                for g in s.actionGlobs {
                    if g.isLiteral {
                        exactKeys.insert(Glob.fold(g.pattern))
                    } else if let code = ActionName.serviceCode(of: g.pattern), !code.contains("*"), !code.contains("?") {
                        serviceKeys.insert(Glob.fold(String(code)))
                    } else {
                        isGeneric = true
                    }
                }
                if isGeneric {
                    generic.append(i)
                } else {
                    for k in exactKeys { exact[k, default: []].append(i) }
                    for k in serviceKeys { byService[k, default: []].append(i) }
                }
            }
        }
        self.statements = compiled
        self.exact = exact
        self.byService = byService
        self.generic = generic
    }

    public var statementCount: Int { statements.count }

    /// The statements whose Action/NotAction covers `action`, Deny statements first.
    func plan(forAction action: String) -> LayerPlan {
        let folded = Glob.fold(action)
        let matching = statements(matchingFolded: folded)
        let denies = matching.filter { statements[Int($0)].effect == .deny }
        let allows = matching.filter { statements[Int($0)].effect == .allow }
        // The fast path needs one statement per distinct (resource, principal, conditions) shape, cheapest
        // first: an unconditional Allow or Deny then decides at once, and repeated guard rails cost nothing.
        func fast(_ list: [Int32]) -> [Int32] {
            var seen = Set<StatementShape>()
            return list.filter { seen.insert(StatementShape(statements[Int($0)])).inserted }
                .sorted { (statements[Int($0)].conditions.count, $0) < (statements[Int($1)].conditions.count, $1) }
        }
        var keys: [ReferencedKey] = []
        for i in matching {
            for c in statements[Int(i)].conditions where !keys.contains(where: { $0.folded == c.foldedKey }) {
                keys.append(ReferencedKey(folded: c.foldedKey, key: c.source.key.value, id: c.keyID))
            }
        }
        var fastStatements = ContiguousArray<FastStatement>()
        var conditionIDs = ContiguousArray<Int32>()
        for i in fast(denies) + fast(allows) {
            let s = statements[Int(i)]
            fastStatements.append(FastStatement(
                index: i, isDeny: s.effect == .deny, needsResourceCheck: !s.resourceMatchesEverything,
                hasPrincipal: s.principal != nil, matchesStarResource: s.matchesResource("*"), conditionStart: Int32(conditionIDs.count), conditionCount: Int32(s.conditions.count)))
            conditionIDs.append(contentsOf: s.conditions.map(\.conditionID))
        }
        return LayerPlan(statements: ContiguousArray(denies + allows), fastStatements: fastStatements,
                         fastConditionIDs: conditionIDs, referencedKeys: keys)
    }

    /// The indices of the statements whose Action/NotAction covers the folded action, in document order.
    func statements(matchingFolded folded: String) -> [Int32] {
        // Without an index (see `init`), the candidates are the generic statements, in document order.
        if exact.isEmpty && byService.isEmpty {
            return generic.filter { statements[Int($0)].matchesAction(folded: folded) }
        }
        var candidates = Set<Int32>()
        if let e = exact[folded] { candidates.formUnion(e) }
        if let code = ActionName.serviceCode(of: folded), let s = byService[String(code)] { candidates.formUnion(s) }
        candidates.formUnion(generic)
        return candidates.filter { statements[Int($0)].matchesAction(folded: folded) }.sorted()
    }
}

/// The statements of one layer that match one action, in evaluation order (Deny first).
/// A class: a plan is built once per action and shared by every request for it.
///
/// The decision loop's data (``FastStatement``s, then their condition ids) is one allocation: with
/// thousands of evaluators (one per identity, shape (a)) nothing is in cache, and two arrays behind
/// the plan were two more cache misses per decision. Immutable after `init`, hence `@unchecked Sendable`.
final class LayerPlan: @unchecked Sendable {
    /// Every matching statement, Deny first, in document order (for traces).
    let statements: ContiguousArray<Int32>
    /// One statement per distinct shape, Deny first, fewest conditions first (for decisions).
    let fast: UnsafePointer<FastStatement>
    let fastCount: Int
    /// The interned condition ids of the fast statements, flattened (right after them in memory).
    let fastConditionIDs: UnsafePointer<Int32>
    let referencedKeys: [ReferencedKey]

    init(statements: ContiguousArray<Int32>, fastStatements: ContiguousArray<FastStatement>,
         fastConditionIDs: ContiguousArray<Int32>, referencedKeys: [ReferencedKey]) {
        self.statements = statements
        self.referencedKeys = referencedKeys
        let head = fastStatements.count * MemoryLayout<FastStatement>.stride
        let block = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, head + fastConditionIDs.count * MemoryLayout<Int32>.stride),
            alignment: max(MemoryLayout<FastStatement>.alignment, MemoryLayout<Int32>.alignment))
        let f = block.bindMemory(to: FastStatement.self, capacity: fastStatements.count)
        for (i, x) in fastStatements.enumerated() { (f + i).initialize(to: x) }
        let ids = (block + head).bindMemory(to: Int32.self, capacity: fastConditionIDs.count)
        for (i, x) in fastConditionIDs.enumerated() { (ids + i).initialize(to: x) }
        fast = UnsafePointer(f)
        fastCount = fastStatements.count
        self.fastConditionIDs = UnsafePointer(ids)
    }

    deinit { UnsafeMutableRawPointer(mutating: fast).deallocate() }

    /// The condition ids of a block of `count` fast statements: they follow the statements in the same
    /// allocation (so a plan's decision data travels as one pointer and a count, see ``ActionPlanCache``).
    @inline(__always)
    static func conditionIDs(after fast: UnsafePointer<FastStatement>, count: Int) -> UnsafePointer<Int32> {
        UnsafeRawPointer(fast + count).assumingMemoryBound(to: Int32.self)
    }
}

/// A condition key that statements matching an action test, as written in the first such statement.
struct ReferencedKey: Sendable {
    let folded: String
    let key: String
    let id: Int32
}

/// Every layer's plan for one action.
///
/// The identity layer's decision data is copied into the plan's own fields, so a decision on an
/// identity without other layers reads this object and one block (see ``LayerPlan``).
final class ActionPlan: @unchecked Sendable {
    let allResources: Bool
    let identityFastCount: Int
    /// `identity.fast` and `identity.fastConditionIDs` (kept alive by `identity`).
    let identityFast: UnsafePointer<FastStatement>
    let identityConditionIDs: UnsafePointer<Int32>
    let control: LayerPlan?
    let session: LayerPlan?
    let identity: LayerPlan
    let trust: LayerPlan?

    init(allResources: Bool, control: LayerPlan?, session: LayerPlan?, identity: LayerPlan, trust: LayerPlan?) {
        self.allResources = allResources
        self.control = control
        self.session = session
        self.identity = identity
        self.trust = trust
        identityFast = identity.fast
        identityFastCount = identity.fastCount
        identityConditionIDs = identity.fastConditionIDs
    }
}

/// What decides whether a statement applies once its action matched: effect, resources, principal and
/// the (interned) conditions. Statements with equal shapes always apply together.
struct StatementShape: Hashable {
    let effect: Effect
    let resources: [String]?
    let resourceExcluding: Bool
    let principal: Principal?
    let conditions: [Int32]

    init(_ s: CompiledStatement) {
        effect = s.effect
        resources = s.resourceMatchesEverything ? nil : s.resources?.map(\.text)
        resourceExcluding = s.resourceExcluding
        principal = s.principal
        conditions = s.conditions.map(\.conditionID).sorted()
    }
}

/// A statement reduced to plain values for the decision loop: no references, so no reference counting.
struct FastStatement: Sendable {
    let index: Int32
    let isDeny: Bool
    let needsResourceCheck: Bool
    let hasPrincipal: Bool
    /// Whether the statement's Resource (or NotResource) covers the resource `*`: decided here once,
    /// because `*` is what every All-Resources action, and most requests, evaluate.
    let matchesStarResource: Bool
    let conditionStart: Int32
    let conditionCount: Int32
}
