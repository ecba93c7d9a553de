import RAMPolicy
import Testing

/// Runs a property over many seeded cases and reports a failing case as policy JSON plus request.
///
/// A property records at most a few failures (the first one is what matters; the seed replays it).
struct PropertyRun {
    let name: String
    let cases: Int
    private(set) var failures = 0
    private(set) var checks = 0
    static let maxReportedFailures = 3

    init(_ name: String, cases: Int = PropertyConfig.cases) {
        self.name = name
        self.cases = cases
    }

    /// Calls `body` once per case with a generator seeded for that case.
    mutating func forAll(_ body: (inout SplitMix64, _ caseIndex: Int, _ run: inout PropertyRun) throws -> Void) rethrows {
        for i in 0..<cases {
            var g = SplitMix64(seed: PropertyConfig.seed(for: name, case: i))
            try body(&g, i, &self)
            if failures >= Self.maxReportedFailures { break }
        }
    }

    /// Prints how much the property checked (visible in `swift test` output), e.g.
    /// `property adding-deny: 400 cases, 4000 checks, 0 failures; Allow 512, ExplicitDeny 611, ImplicitDeny 877`.
    func summary(_ extra: String = "") {
        print("property \(name): \(cases) cases, \(checks) checks, \(failures) failures\(extra.isEmpty ? "" : "; " + extra)")
    }

    /// Records a failure with the case that produced it, unless `condition` holds.
    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String, caseIndex: Int,
                        policies: @autoclosure () -> [(String, [GenPolicy])], request: @autoclosure () -> GenRequest?,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        checks += 1
        guard !condition else { return }
        failures += 1
        guard failures <= Self.maxReportedFailures else { return }
        var text = "property \"\(name)\" failed on case \(caseIndex) (RAMGUARD_PROPERTY_SEED=\(PropertyConfig.seed)): \(message())\n"
        for (layer, list) in policies() {
            for p in list {
                text += "--- \(layer) policy \(p.name) ---\n\(p.json(.pretty(indent: 2, crlf: false)))"
            }
        }
        if let r = request() { text += "--- request ---\n\(r)\n" }
        Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
    }
}

enum PropertySupport {
    /// Validates a generated policy (minified) as `kind`; generated policies are always valid, so an
    /// invalid one is itself a failure.
    static func compile(_ p: GenPolicy, kind: PolicyKind = .identity, style: JSONStyle = .minified,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Policy {
        let text = p.json(style)
        let result = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: p.name, text: text))
        return try #require(result.policy, "generated policy is invalid: \(result.errors)\n\(text)", sourceLocation: sourceLocation)
    }

    static func compile(_ ps: [GenPolicy], kind: PolicyKind = .identity,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Policy] {
        try ps.map { try compile($0, kind: kind, sourceLocation: sourceLocation) }
    }

    static func authorizer(identity: [GenPolicy], session: [GenPolicy] = [], control: [GenPolicy] = [],
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Authorizer {
        Authorizer(identity: try compile(identity, kind: .identity, sourceLocation: sourceLocation),
                   session: try compile(session, kind: .session, sourceLocation: sourceLocation),
                   control: try compile(control, kind: .control, sourceLocation: sourceLocation))
    }

    static func request(_ r: GenRequest) -> Request {
        Request(action: r.action, resource: r.resource, context: RequestContext(r.context.map { ($0.key, $0.values) }))
    }

    /// Drops statements from the end until the policy fits the kind's size limit in `style`.
    static func fit(_ p: GenPolicy, kind: PolicyKind, style: JSONStyle = .minified) -> GenPolicy {
        var p = p
        while p.statements.count > 1, p.json(style).unicodeScalars.count > kind.characterLimit {
            p.statements.removeLast()
        }
        return p
    }

    /// A statement with its source positions stripped, to compare what two parses mean.
    struct Meaning: Hashable, CustomStringConvertible {
        var sid: String?
        var effect: Effect
        var notAction: Bool
        var actions: [String]
        var notResource: Bool
        var resources: [String]?
        var conditions: [String]

        init(_ s: Statement) {
            sid = s.sid
            effect = s.effect
            notAction = s.actionPolarity == .excluding
            actions = s.actions.map(\.value)
            notResource = s.resourcePolarity == .excluding
            resources = s.resources?.map(\.value)
            conditions = s.conditions.map { "\($0.op.name) \($0.key.value)=\($0.values.map(\.value))" }
        }

        init(_ s: GenStatement) {
            sid = s.sid
            effect = Effect(rawValue: s.effect)!
            notAction = s.notAction
            actions = s.actions
            notResource = false
            resources = s.resources
            conditions = s.conditions.flatMap { op in op.entries.map { "\(op.name) \($0.key)=\($0.values)" } }
        }

        var description: String {
            "\(effect) \(notAction ? "NotAction" : "Action")=\(actions) Resource=\(resources ?? []) \(conditions)"
        }
    }
}

/// Counts how often each decision came up, so a property can show it did not pass vacuously.
struct DecisionTally: CustomStringConvertible {
    var counts: [Decision: Int] = [:]

    mutating func add(_ d: Decision) { counts[d, default: 0] += 1 }

    subscript(_ d: Decision) -> Int { counts[d] ?? 0 }

    var total: Int { counts.values.reduce(0, +) }

    var description: String {
        Decision.allCases.map { "\($0.rawValue) \(self[$0])" }.joined(separator: ", ")
    }

    /// Every decision appeared in at least `fraction` of the cases.
    func isBalanced(_ fraction: Double = 0.05) -> Bool {
        Decision.allCases.allSatisfy { Double(self[$0]) >= fraction * Double(total) }
    }
}
