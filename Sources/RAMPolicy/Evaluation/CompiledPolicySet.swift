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
        self.layer = layer
        self.policies = policies
        var compiled: [CompiledStatement] = []
        var exact: [String: [Int32]] = [:]
        var byService: [String: [Int32]] = [:]
        var generic: [Int32] = []
        for (p, policy) in policies.enumerated() {
            for statement in policy.statements {
                let s = CompiledStatement(policyIndex: p, statement: statement)
                let i = Int32(compiled.count)
                compiled.append(s)
                if s.actionExcluding {
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
        var candidates = Set<Int32>()
        if let e = exact[folded] { candidates.formUnion(e) }
        if let code = ActionName.serviceCode(of: folded), let s = byService[String(code)] { candidates.formUnion(s) }
        candidates.formUnion(generic)
        let matching = candidates.filter { statements[Int($0)].matchesAction(folded: folded) }.sorted()
        let denies = matching.filter { statements[Int($0)].effect == .deny }
        let allows = matching.filter { statements[Int($0)].effect == .allow }
        var keys: [(folded: String, key: String)] = []
        for i in matching {
            for c in statements[Int(i)].conditions where !keys.contains(where: { $0.folded == c.foldedKey }) {
                keys.append((c.foldedKey, c.source.key.value))
            }
        }
        return LayerPlan(statements: ContiguousArray(denies + allows), referencedKeys: keys)
    }
}

/// The statements of one layer that match one action, in evaluation order (Deny first).
struct LayerPlan: Sendable {
    let statements: ContiguousArray<Int32>
    let referencedKeys: [(folded: String, key: String)]
}

/// Every layer's plan for one action.
struct ActionPlan: Sendable {
    let allResources: Bool
    let control: LayerPlan?
    let session: LayerPlan?
    let identity: LayerPlan
    let trust: LayerPlan?
}
