import RAMPolicy
import Testing

/// ``Authorizer/applicableStatements(_:assumptions:)`` and the condition-free authorizer the analyses
/// match statements with.
struct ApplicableStatementsTests {
    static let identity = #"""
    {"Version": "1", "Statement": [
      {"Effect": "Allow", "Action": "VOD:submitworkflowjob", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "true"}}},
      {"Effect": "Deny", "Action": "vod:*", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}},
      {"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "acs:vod:*:*:video/*"},
      {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},
      {"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "NotResource": "acs:vod:*:*:secret/*"}
    ]}
    """#

    @Test func listsMatchingStatementsInDocumentOrderWithTheTracedAssumptions() throws {
        let policy = try makePolicy(Self.identity, name: "id.json")
        let control = try makePolicy(statementPolicy(action: "\"*\""), kind: .control, name: "control.json")
        let full = Authorizer(identity: [policy], control: [control])
        let layers = full.applicableStatements(request(resource: "acs:vod:cn-shanghai:1:video/x"))
        #expect(layers.map(\.layer) == [.control, .identity])
        #expect(layers[1].statements.map(\.statement.index) == [0, 1, 4])
        let kinds = Set(layers[1].assumptions.map(\.kind.id))
        // Case-insensitive action (U6), the ARN pattern missed by an All-Resources action (U1), NotResource (U7).
        #expect(kinds == ["U1", "U6", "U7"])
        // The traced evaluation notes the same assumptions for the same statements.
        let traced = full.evaluate(request(resource: "acs:vod:cn-shanghai:1:video/x", [("acs:SecureTransport", ["true"])]))
        for a in layers[1].assumptions { #expect(traced.assumptions.contains(a), "\(a.detail)") }
        #expect(full.applicableStatements(request(), assumptions: false).allSatisfy { $0.assumptions.isEmpty })
    }

    @Test func ignoringConditionsMatchesLikeTheFullEngineAndDecidesWithoutConditions() throws {
        let policy = try makePolicy(Self.identity, name: "id.json")
        let full = Authorizer(identity: [policy])
        let free = Authorizer.ignoringConditions(identity: [policy])
        for action in ["vod:SubmitWorkflowJob", "ecs:DescribeInstances", "ram:CreateUser"] {
            for resource in ["*", "acs:vod:cn-shanghai:1:secret/y"] {
                let r = request(action, resource: resource)
                #expect(free.applicableStatements(r).map(\.statements) == full.applicableStatements(r).map(\.statements))
                #expect(free.applicableStatements(r).map(\.assumptions) == full.applicableStatements(r).map(\.assumptions))
            }
        }
        // Every condition held true: the Deny on vod:* applies with no acs:SourceIp in the request.
        #expect(free.decide(request()) == .explicitDeny)
        #expect(full.decide(request()) == .allow)
        #expect(free.decide(request("ecs:DescribeInstances")) == .allow)
    }
}
