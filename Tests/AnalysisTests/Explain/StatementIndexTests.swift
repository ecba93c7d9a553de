@testable import Analysis
import RAMPolicy
import Testing

/// The statements an index of a few actions reads straight off its kept statements (no engine
/// compiled) against the engine's own matching, over Resource and NotResource entries that do and do
/// not match `*`, NotAction, other services and several actions at once.
@Suite struct StatementIndexTests {
    typealias Rng = RandomPolicies.SplitMix64

    static let resources = [#""*""#, #""acs:vod:*:*:*""#, #""acs:vod:*:*:workflow/*""#, #"["acs:oss:*:*:bucket/*", "*"]"#,
                            #""acs:vod:cn-shanghai:123:workflow/1""#, #"["acs:ecs:*:*:instance/*", "acs:vod:*:*:*"]"#]
    static let actions = [#""vod:SubmitWorkflowJob""#, #""vod:*""#, #""VOD:submit*""#, #""*""#, #""ecs:*""#,
                          #"["vod:Submit*", "vod:GetVideoInfo"]"#]

    static func statement(_ rng: inout Rng) -> String {
        let effect = rng.chance(30) ? "Deny" : "Allow"
        let action = rng.chance(20) ? #""NotAction": \#(rng.pick(Self.actions))"# : #""Action": \#(rng.pick(Self.actions))"#
        let resource = rng.chance(25) ? #""NotResource": \#(rng.pick(Self.resources))"# : #""Resource": \#(rng.pick(Self.resources))"#
        return #"{"Effect": "\#(effect)", \#(action), \#(resource)}"#
    }

    static func policy(_ rng: inout Rng, name: String) throws -> Policy {
        let body = (0..<1 + rng.int(5)).map { _ in statement(&rng) }.joined(separator: ", ")
        return try makePolicy(#"{"Version": "1", "Statement": [\#(body)]}"#, name: name)
    }

    static func names(_ layers: [(layer: PolicyLayer, statements: [StatementMatch])]) -> [String] {
        layers.map { "\($0.layer): " + $0.statements.map { "\($0.file)#\($0.policyIndex).\($0.statement.index)" }.joined(separator: " ") }
    }

    @Test func keptStatementsMatchAsTheEngineMatches() throws {
        var rng = Rng(state: 17)
        var direct = 0, nonEmpty = 0
        for round in 0..<300 {
            let identity = try (0..<rng.int(3)).map { try Self.policy(&rng, name: "i\($0).json") }
            let session = rng.chance(30) ? [try Self.policy(&rng, name: "s.json")] : []
            let control = rng.chance(30) ? [try Self.policy(&rng, name: "c.json")] : []
            let layers = PolicyLayers(identity: identity, session: session, control: control)
            let actions = rng.chance(50) ? [submit] : [submit, "vod:GetVideoInfo", "ecs:StopInstance"]
            let index = StatementIndex(layers: layers, scope: OperationGranularServices(), actions: actions)
            for action in actions {
                for resource in ["*", "acs:ecs:cn-hangzhou:1:instance/x"] {
                    let engine = index.matcher.applicableStatements(Request(action: action, resource: resource), assumptions: false)
                        .map { (layer: $0.layer, statements: $0.statements) }
                    guard let kept = index.keptRelevant(action: action, resource: resource) else {
                        // Only a resource other than `*` on an action with resource-level permissions is left to the engine.
                        #expect(resource != "*" && action == "ecs:StopInstance")
                        continue
                    }
                    direct += 1
                    if kept.contains(where: { !$0.statements.isEmpty }) { nonEmpty += 1 }
                    #expect(Self.names(kept) == Self.names(engine), "round \(round) \(action) \(resource)")
                    #expect(kept.map { $0.statements.map(\.statement) } == engine.map { $0.statements.map(\.statement) })
                    let relevant = index.relevant(action: action, resource: resource, assumptions: false)
                    #expect(Self.names(relevant.layers) == Self.names(kept) && relevant.assumptions.isEmpty)
                }
            }
        }
        #expect(direct > 500 && nonEmpty > 200)
    }

    @Test func onlyPatternsOfStarsAndOneQuestionMarkMatchTheStarResource() throws {
        for (pattern, matches) in [("*", true), ("**", true), ("?", true), ("*?*", true), ("??", false), ("", false),
                                   ("*x", false), ("acs:*", false), ("x*", false), ("é*", false), ("\u{212A}", false)] {
            #expect(StatementIndex.matchesStar(pattern) == matches, "\(pattern)")
            #expect(StatementIndex.matchesStar(pattern) == Glob(pattern, caseInsensitive: false).matches("*"), "\(pattern)")
        }
        // Policies the validator accepts: only "*" itself, and NotResource turns it around.
        for (resource, matches) in [("*", true), ("acs:vod:*:*:workflow/*", false), ("acs:vod:*:*:*", false)] {
            let p = try makePolicy(statementJSON(resource: "\"\(resource)\""))
            #expect(StatementIndex.matchesStarResource(p.statements[0]) == matches, "\(resource)")
            let not = try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "\#(resource)"}]}"#)
            #expect(StatementIndex.matchesStarResource(not.statements[0]) == !matches, "not \(resource)")
        }
    }
}
