import RAMPolicy

/// Finds the statements whose Action/NotAction, Resource/NotResource (and Principal) let them take
/// part in deciding one action on one resource — by asking the engine itself.
///
/// The engine answers (``Authorizer/applicableStatements(_:assumptions:)``) with every condition held
/// true: the analysis never re-implements (and never drifts from) the engine's action globs, NotAction,
/// All-Resources rule or resource patterns. For a few actions the index compiles the statements once,
/// without their conditions (which the analysis models itself), and the engine that confirms examples
/// is compiled only when an explanation asks for it — an audit never does.
struct StatementIndex: Sendable {
    /// The policies the engines are compiled from: every statement, or, for an index of a few actions,
    /// those whose Action or NotAction covers one of them.
    let policies: PolicyLayers
    let scope: any ResourceScope
    /// The actions the policies were restricted to (nil: every action).
    private let actions: [String]?
    /// The engine with its conditions, when compiled up front.
    private let compiled: Authorizer?

    /// Without `actions`, the index and its engine answer for every action, and the engine is compiled
    /// once, with its conditions, for both matching and confirming (a diff explains every action).
    /// With them, only statements whose Action or NotAction covers one of the actions are kept — for
    /// an audit of `vod:SubmitWorkflowJob`, a small part of each identity's policies (most are about
    /// other services). The engine only ever looks at statements that match the request's action,
    /// keeping their relative order, so its decisions, traces and assumptions for these actions are
    /// those of the full set. Each policy is kept in place (an emptied policy still puts its layer in
    /// force), every statement with its index. Nothing is compiled here: see ``relevant(action:resource:assumptions:)``.
    init(layers: PolicyLayers, scope: any ResourceScope, actions: [String]? = nil) {
        self.scope = scope
        self.actions = actions
        guard let actions else {
            policies = layers
            compiled = layers.authorizer(scope: scope)
            return
        }
        let filter = ActionPrefilter(actions)
        func restricted(_ policies: [Policy]) -> [Policy] {
            policies.map { policy in
                var copy = policy
                // Through the buffer: iterating the array, or reading it by index, copied every
                // statement (a retain per field) to test it; only the kept ones are copied here.
                copy.statements = policy.statements.withUnsafeBufferPointer { all in
                    var kept: [Statement] = []
                    guard let base = all.baseAddress else { return kept }
                    for i in all.indices where filter.matches(base + i) { kept.append(all[i]) }
                    return kept
                }
                return copy
            }
        }
        policies = PolicyLayers(identity: restricted(layers.identity), session: restricted(layers.session),
                                control: restricted(layers.control))
        compiled = nil
    }

    /// Answers which statements match; holds every condition true unless it is ``authorizer`` itself.
    /// For an index of a few actions, compiled on each use: only a full explanation asks for it (for
    /// the assumptions the matching relies on).
    var matcher: Authorizer {
        compiled ?? .ignoringConditions(identity: policies.identity, session: policies.session, control: policies.control,
                                        scope: scope)
    }

    /// The engine that decides requests under these policies, conditions included: compiled up front,
    /// or here, on each use (keep the result while it is needed).
    var authorizer: Authorizer { compiled ?? policies.authorizer(scope: scope) }

    /// The statements of each layer in force that match the action and resource, and the assumptions
    /// the matching relied on (case-insensitive actions, ARN patterns on All-Resources actions, NotResource)
    /// — only those of statements that match, plus every ARN-pattern note; none without `assumptions`.
    func relevant(action: String, resource: String, assumptions noting: Bool = true)
        -> (layers: [(layer: PolicyLayer, statements: [StatementMatch])], assumptions: [Assumption]) {
        if !noting, let layers = keptRelevant(action: action, resource: resource) { return (layers, []) }
        var assumptions: [Assumption] = []
        let out = matcher.applicableStatements(Request(action: action, resource: resource), assumptions: noting).map { layer -> (layer: PolicyLayer, statements: [StatementMatch]) in
            var matching = layer.statements
            // Report statements in document order.
            matching.sort { ($0.policyIndex, $0.statement.index) < ($1.policyIndex, $1.statement.index) }
            for a in layer.assumptions {
                let fromMatching = a.kind == .resourcePatternOnAllResourcesAction || matching.contains { m in
                    guard let span = a.span else { return a.file == nil || a.file == m.file }
                    return a.file == m.file && m.statement.span.start <= span.start && span.end <= m.statement.span.end
                }
                if fromMatching, !assumptions.contains(a) { assumptions.append(a) }
            }
            return (layer.layer, matching)
        }
        return (out, assumptions)
    }

    /// ``relevant(action:resource:assumptions:)`` without assumptions, read straight off the kept
    /// statements when the request's resource is `*` (an All-Resources action, or `*` asked): nil
    /// otherwise, and for an index of every action. The kept statements are those whose Action or
    /// NotAction covers one of the actions, exactly as the engine matches actions (see
    /// ``ActionPrefilter/matches(_:)``), so for the one action they were kept for no statement needs
    /// another test of its actions; of the engine's other tests, a statement without Principal is
    /// asked nothing (the request names none), and its Resource only whether some entry matches the
    /// text `*`. An audit asks this of every identity: compiling the statements (globs for every
    /// action and resource entry) to answer it was a fifth of explaining an identity. A test compares
    /// it with the engine's answer.
    func keptRelevant(action: String, resource: String) -> [(layer: PolicyLayer, statements: [StatementMatch])]? {
        guard let actions, resource == "*" || scope.isAllResources(action: action) else { return nil }
        let recheck = actions.count == 1 && actions[0] == action ? nil : ActionPrefilter([action])
        var out: [(layer: PolicyLayer, statements: [StatementMatch])] = []
        for (layer, policies) in policies.inForce {
            var matches: [StatementMatch] = []
            for (p, policy) in policies.enumerated() {
                for s in policy.statements where s.principal == nil && Self.matchesStarResource(s) && recheck?.matches(s) != false {
                    matches.append(StatementMatch(layer: layer, file: policy.source.name, policyIndex: p, statement: s))
                }
            }
            out.append((layer, matches))
        }
        return out
    }

    /// Whether the statement's Resource or NotResource lets it apply to the resource `*`, as the engine
    /// decides it: a pattern matches the one-character text `*` exactly when its glob does (only `*`
    /// and `?` can; a pattern starting with any other ASCII character is anchored on it and cannot);
    /// NotResource applies when no pattern matches; no Resource element (trust policies) always applies.
    static func matchesStarResource(_ s: Statement) -> Bool {
        guard let resources = s.resources else { return true }
        var hit = false
        for r in resources where matchesStar(r.value) {
            hit = true
            break
        }
        return hit != (s.resourcePolarity == .excluding)
    }

    /// `Glob(pattern, caseInsensitive: false).matches("*")`, without building the glob for a pattern
    /// that starts with another ASCII character (an ARN).
    static func matchesStar(_ pattern: String) -> Bool {
        if let b = pattern.utf8.first, b < 0x80, b != UInt8(ascii: "*"), b != UInt8(ascii: "?") { return false }
        return Glob(pattern, caseInsensitive: false).matches("*")
    }
}

/// A cheap necessary condition for "some Action entry of the statement can match one of these actions",
/// read off the entry's literal parts only, and the exact test behind it (see ``StatementIndex/init(layers:scope:actions:)``).
struct ActionPrefilter: Sendable {
    /// The actions lower-cased, as RAM compares them.
    let folded: [String]
    /// The bytes of each folded action, for the byte-level check.
    private let foldedBytes: [[UInt8]]
    /// Whether every folded action is ASCII: a `?` then matches one byte, as the glob matches one scalar.
    private let asciiActions: Bool
    /// The bytes of the one action, when there is one and it is ASCII.
    private let single: [UInt8]?

    init(_ actions: [String]) {
        folded = actions.map(Glob.fold)
        foldedBytes = folded.map { Array($0.utf8) }
        asciiActions = foldedBytes.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        single = foldedBytes.count == 1 && asciiActions ? foldedBytes[0] : nil
    }

    /// Whether the statement's Action or NotAction covers one of the actions, exactly as the engine
    /// matches them. An entry ``mayMatch(ascii:)`` rules out cannot match, and an ASCII literal it keeps
    /// is one of the actions (it compares the whole entry), so only the patterns it keeps are built as
    /// globs: a glob for every entry, then built again by the compiler, was most of this filter's cost.
    func matches(_ statement: Statement) -> Bool {
        withUnsafePointer(to: statement) { matches($0) }
    }

    /// ``matches(_:)-(Statement)`` of the statement in place: passing each statement by value copied it
    /// (a retain per field) for every statement of every identity, most of them not kept.
    func matches(_ pointer: UnsafePointer<Statement>) -> Bool {
        let excluding = pointer.pointee.actionPolarity == .excluding
        // A NotAction statement covers each action that none of its entries matches: with several
        // actions, each is asked on its own (an entry matching one of them excludes only that one).
        if excluding && folded.count > 1 {
            let globs = pointer.pointee.actions.map { Glob($0.value, caseInsensitive: true) }
            return folded.contains { action in !globs.contains { $0.matches(folded: action) } }
        }
        // Through the buffers and the strings' own bytes: a closure over the entries copied each
        // `Located` entry (and a `var` copy of its text for `withUTF8`).
        let hit = pointer.pointee.actions.withUnsafeBufferPointer { entries in
            for k in entries.indices {
                let answer = entries[k].value.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                    if rulesOut(firstByte: bytes) { return false }
                    // One action (an audit's usual question): the glob itself fails on the first byte that
                    // differs, so scanning the entry for its shape first only added to the match.
                    if let only = single { return only.withUnsafeBufferPointer { Self.foldedGlobMatches(bytes, $0) } }
                    guard let may = mayMatch(ascii: bytes) else { return nil }
                    guard may else { return false }
                    guard bytes.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }) else { return true }
                    return asciiActions ? foldedBytes.contains { Self.globMatches(folding: bytes, $0) } : nil
                } ?? nil
                if let answer {
                    if answer { return true }
                    continue
                }
                let glob = Glob(entries[k].value, caseInsensitive: true)
                if folded.contains(where: { glob.matches(folded: $0) }) { return true }
            }
            return false
        }
        return hit != excluding
    }

    /// True when the entry begins with an ASCII character that is not a wildcard and that, folded,
    /// begins none of the actions: glob matching is anchored at the start, so the entry matches none.
    /// Most entries name another service (`log:`, `oss:`, `ecs:`), and this answers for them before
    /// ``mayMatch(ascii:)`` reads the whole entry.
    func rulesOut(firstByte pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = pattern.first, b < 0x80, b != UInt8(ascii: "*"), b != UInt8(ascii: "?") else { return false }
        let c = ASCIIFold.byte(b)
        return !foldedBytes.contains { $0.first == c }
    }

    /// `Glob(pattern, caseInsensitive: true).matches(folded: subject)` for an ASCII pattern and an
    /// ASCII folded subject: the pattern folded into bytes and matched by ``ASCIIGlob`` (a test
    /// compares the two). The wildcard entries the byte check keeps (`vod:*`, `*:Submit*`) were each
    /// compiled into a glob to be matched once.
    static func globMatches(folding pattern: UnsafeBufferPointer<UInt8>, _ subject: [UInt8]) -> Bool {
        subject.withUnsafeBufferPointer { foldedGlobMatches(pattern, $0) } ?? false
    }

    /// ``globMatches(folding:_:)`` with the folded pattern on the stack (a heap copy per wildcard entry
    /// cost more than the match), or nil when the pattern is not ASCII.
    static func foldedGlobMatches(_ pattern: UnsafeBufferPointer<UInt8>, _ subject: UnsafeBufferPointer<UInt8>) -> Bool? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: pattern.count) { folded -> Bool? in
            var high: UInt8 = 0
            for i in pattern.indices {
                high |= pattern[i]
                folded[i] = ASCIIFold.byte(pattern[i])
            }
            guard high < 0x80 else { return nil }
            return ASCIIGlob.matches(UnsafeBufferPointer(folded), subject)
        }
    }

    func mayMatch(_ statement: Statement) -> Bool {
        // NotAction statements match nearly everything; only the engine can say.
        guard statement.actionPolarity == .matching else { return true }
        return statement.actions.contains { entry in
            var value = entry.value
            if let answer = value.withUTF8({ mayMatch(ascii: $0) }) { return answer }
            let pattern = Glob.fold(entry.value)
            return folded.contains { Self.mayMatch(pattern, $0) }
        }
    }

    /// ``mayMatch(_:_:)`` of the folded entry against every action, folding the entry's bytes on the
    /// fly instead of making a folded copy (an audit asks this of every entry of every identity); nil
    /// for a non-ASCII entry, whose folding is Unicode's.
    func mayMatch(ascii pattern: UnsafeBufferPointer<UInt8>) -> Bool? {
        var colon = -1
        var wildcardBeforeColon = false
        var wild = false
        for (i, c) in pattern.enumerated() {
            if c >= 0x80 { return nil }
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                wild = true
                if colon < 0 { wildcardBeforeColon = true }
            } else if c == UInt8(ascii: ":"), colon < 0 {
                colon = i
            }
        }
        if wild && (colon < 0 || wildcardBeforeColon) { return true }
        // A literal must equal the action; a pattern must share its service code and colon.
        let length = wild ? colon + 1 : pattern.count
        search: for a in foldedBytes {
            guard wild ? a.count >= length : a.count == length else { continue }
            for i in 0..<length where a[i] != ASCIIFold.byte(pattern[i]) { continue search }
            return true
        }
        return false
    }

    /// False only when `pattern` certainly cannot match `action` (both folded): a pattern without
    /// wildcards matches only itself; one whose service code (before its first `:`) has none matches only
    /// actions that begin with that code and a colon, as glob matching is anchored at the start.
    static func mayMatch(_ pattern: String, _ action: String) -> Bool {
        // Bytes, not Characters: a combining mark after "*" or ":" must not hide it.
        var colon = -1
        var wildcardBeforeColon = false
        var wild = false
        for (i, c) in pattern.utf8.enumerated() {
            if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                wild = true
                if colon < 0 { wildcardBeforeColon = true }
            } else if c == UInt8(ascii: ":"), colon < 0 {
                colon = i
            }
        }
        if !wild { return pattern.utf8.elementsEqual(action.utf8) }
        guard colon >= 0, !wildcardBeforeColon else { return true }
        return action.utf8.starts(with: pattern.utf8.prefix(colon + 1))
    }
}
