import Analysis
import RAMPolicy
import Testing

/// Random pairs of policy sets: every change kind the diff reports must hold for the engine on
/// random contexts, and edits that can only widen (add an Allow) or only narrow (add a Deny) must be
/// reported that way.
@Suite struct DiffPropertyTests {
    enum Edit: CaseIterable { case none, addAllow, addDeny, replace }

    static let catalogue = ["vod:SubmitWorkflowJob", "vod:GetVideoInfo", "vod:DeleteVideo"]

    func document(_ statements: [String], name: String) throws -> Policy {
        try makePolicy("{\"Version\": \"1\", \"Statement\": [\n  " + statements.joined(separator: ",\n  ") + "\n]}", name: name)
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func diffAgreesWithEngine(seed: UInt64) throws {
        var rng = RandomPolicies.SplitMix64(state: seed &* 0x9E37_79B9)
        var kinds: [AccessChange.Kind: Int] = [:]
        for round in 0..<25 {
            let edit = rng.pick(Edit.allCases)
            let statements = (0..<(1 + rng.int(3))).map { _ in RandomPolicies.statement(&rng) }
            var newStatements = statements
            switch edit {
            case .none: break
            case .addAllow:
                newStatements.append(RandomPolicies.statement(&rng, effect: "Allow"))
            case .addDeny:
                newStatements.append(RandomPolicies.statement(&rng, effect: "Deny"))
            case .replace:
                newStatements = (0..<(1 + rng.int(3))).map { _ in RandomPolicies.statement(&rng) }
            }
            let session = rng.chance(25) ? [try document([RandomPolicies.statement(&rng)], name: "session.json")] : []
            let old = PolicyLayers(identity: [try document(statements, name: "old.json")], session: session)
            let new = PolicyLayers(identity: [try document(newStatements, name: "new.json")], session: session)
            let diff = PolicySetDiff(old: old, new: new, actions: Self.catalogue).compute()
            let contexts = (0..<40).map { _ in RandomPolicies.randomContext(&rng) }
            let label = "seed \(seed) round \(round) (\(edit))"
            for action in Self.catalogue {
                let change = diff.changes.first { $0.action == action }
                if let change { kinds[change.kind, default: 0] += 1 }
                switch (edit, change?.kind) {
                case (.none, let k?): Issue.record("\(label): identical sets reported \(k) for \(action)")
                case (.addAllow, .lost?), (.addAllow, .tightened?), (.addAllow, .changed?),
                     (.addDeny, .gained?), (.addDeny, .loosened?), (.addDeny, .changed?):
                    Issue.record("\(label): \(edit) reported \(String(describing: change?.kind)) for \(action)")
                default: break
                }
                for ctx in contexts {
                    let o = engineAllows(old, action, ctx), n = engineAllows(new, action, ctx)
                    let where_ = "\(label) \(action) \(ctx.entries.map { "\($0.key)=\($0.values)" })"
                    switch change?.kind {
                    case nil: #expect(o == n, "unchanged, but old \(o) new \(n): \(where_)")
                    case .gained?: #expect(!o, "gained, but old allows: \(where_)")
                    case .lost?: #expect(!n, "lost, but new allows: \(where_)")
                    case .loosened?: #expect(!o || n, "loosened, but new denies what old allowed: \(where_)")
                    case .tightened?: #expect(!n || o, "tightened, but new allows what old denied: \(where_)")
                    case .changed?: break
                    }
                    if !diff.grantsNewAccess { #expect(!n || o, "no new access claimed: \(where_)") }
                }
                if let g = change?.gainedExample {
                    #expect(engineAllows(new, action, context(g)) && !engineAllows(old, action, context(g)), "\(label) gained example")
                }
                if let l = change?.lostExample {
                    #expect(engineAllows(old, action, context(l)) && !engineAllows(new, action, context(l)), "\(label) lost example")
                }
                if let change, change.kind != .lost, change.kind != .tightened {
                    #expect(change.gainedExample != nil, "\(label) \(change.kind) without a gained example")
                }
                #expect(diff.stillGrants(action) == (diff.newVerdict(for: action) == .always || diff.newVerdict(for: action) == .conditional))
            }
        }
        print("seed \(seed): \(kinds)")
    }
}
