import Analysis
import RAMPolicy
import Testing

/// Layers (control, session, identity), Deny carve-outs, NotAction, wildcards and resources.
@Suite struct LayerTests {
    let sourceIps = ["acs:SourceIp": ["10.0.0.1", "10.9.0.1", "192.168.0.1", "2001:db8::1"]]

    @Test func noStatementIsNever() throws {
        let layers = PolicyLayers(identity: [try makePolicy(statementJSON(action: #""vod:GetVideoInfo""#))])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .never)
        #expect(e.summary == "Never allowed: no statement grants vod:SubmitWorkflowJob.")
        #expect(e.allowedWhen.isEmpty)
        #expect(e.allowedExample == nil)
        #expect(e.deniedExample == [:])
        #expect(e.examplesConfirmed)
        let empty = AccessExplainer(layers: PolicyLayers(identity: [])).explain(action: submit)
        #expect(empty.verdict == .never)
    }

    @Test func unconditionalDenyIsNever() throws {
        let layers = PolicyLayers(identity: [try makePolicy(statementJSON(action: #""vod:*""#)), try denyWhen(nil)])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .never)
        #expect(e.summary == "Never allowed: denied by deny.json:1:32 (Deny).")
        #expect(e.exceptions.map(\.location) == ["deny.json:1:32"])
        #expect(e.granting.isEmpty)
        #expect(e.examplesConfirmed)
    }

    @Test func conditionalDenyCoveringTheGrantIsNever() throws {
        let layers = PolicyLayers(identity: [
            try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/16"}}"#),
            try denyWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#),
        ])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .never)
        #expect(e.summary == "Never allowed: denied by deny.json:1:32 (Deny).")
        // The denied example is one the Allow grants: it shows the Deny at work.
        #expect(e.deniedExample == ["acs:SourceIp": ["10.0.0.1"]])
        #expect(e.examplesConfirmed)
        expectAgreement(e, layers, contexts(sourceIps))
    }

    @Test func denyCarvesOutOfUnconditionalAllow() throws {
        let layers = PolicyLayers(identity: [
            try makePolicy(statementJSON(action: #""vod:*""#)),
            try denyWhen(#"{"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#, name: "guard.json"),
        ])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.summary == "Allowed except when acs:SourceIp, if present, is not in 10.0.0.0/8 (Deny, guard.json:1:32).")
        #expect(e.allowedWhen.map { $0.map(\.description) } == [["acs:SourceIp is in 10.0.0.0/8"]])
        #expect(e.exceptions.first?.layer == .identity)
        #expect(e.assumptions.contains { $0.kind == .missingKeyUnderNegatedOperator })
        expectAgreement(e, layers, contexts(sourceIps))
    }

    @Test func denyThatMissesTheGrantIsNotAnException() throws {
        let layers = PolicyLayers(identity: [
            try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#),
            try denyWhen(#"{"IpAddress": {"acs:SourceIp": "192.168.0.0/16"}}"#),
        ])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        // Only a request carrying both addresses meets both; that one is carved out.
        #expect(e.exceptions.count == 1)
        expectAgreement(e, layers, contexts(sourceIps))
        let disjoint = PolicyLayers(identity: [
            try allowWhen(#"{"Bool": {"acs:SecureTransport": "true"}}"#),
            try denyWhen(#"{"Bool": {"acs:MFAPresent": "false"}, "StringEquals": {"acs:SourceVpc": "vpc-x"}, "NotIpAddress": {"acs:SourceIp": "0.0.0.0/0"}, "IpAddress": {"acs:SourceIp": "0.0.0.0/0"}}"#),
        ])
        let d = AccessExplainer(layers: disjoint).explain(action: submit)
        #expect(d.exceptions.isEmpty)
        #expect(d.summary == "Allowed only when acs:SecureTransport is true.")
    }

    @Test func sessionPolicyIntersects() throws {
        let identity = try makePolicy(statementJSON(action: #""vod:*""#), name: "identity.json")
        let session = try makePolicy(statementJSON(condition: #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#), kind: .session, name: "session.json")
        let layers = PolicyLayers(identity: [identity], session: [session])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.summary == "Allowed only when acs:SourceIp is in 10.0.0.0/8.")
        #expect(e.granting.map(\.layer) == [.session, .identity])
        expectAgreement(e, layers, contexts(sourceIps))
        // A session policy that leaves the action out cuts it entirely.
        let narrow = try makePolicy(statementJSON(action: #""vod:Get*""#), kind: .session, name: "session.json")
        let cut = AccessExplainer(layers: PolicyLayers(identity: [identity], session: [narrow])).explain(action: submit)
        #expect(cut.verdict == .never)
        #expect(cut.summary == "Never allowed: the session policy does not allow vod:SubmitWorkflowJob.")
        #expect(cut.examplesConfirmed)
    }

    @Test func controlPoliciesMustAllowAndTheirDenyWins() throws {
        let identity = try allowWhen(#"{"Bool": {"acs:SecureTransport": "true"}}"#, name: "identity.json")
        let readOnly = try makePolicy(statementJSON(action: #""vod:Get*""#), kind: .control, name: "control.json")
        let cut = AccessExplainer(layers: PolicyLayers(identity: [identity], control: [readOnly])).explain(action: submit)
        #expect(cut.summary == "Never allowed: the control policies do not allow vod:SubmitWorkflowJob.")

        let full = try makePolicy(statementJSON(action: #""*""#), kind: .control, name: "full.json")
        let fence = try makePolicy("""
        {"Version": "1", "Statement": [
          {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}}
        ]}
        """, kind: .control, name: "fence.json")
        let layers = PolicyLayers(identity: [identity], control: [full, fence])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.summary == "Allowed only when acs:SecureTransport is true, except when acs:CurrentTime is after 2027-01-01T00:00:00Z (Deny, fence.json:2:3).")
        #expect(e.exceptions.first?.layer == .control)
        expectAgreement(e, layers, contexts(["acs:SecureTransport": ["true", "false"],
                                             "acs:CurrentTime": ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-01-01T00:00:01Z"]]))
    }

    @Test func contradictoryLayersAreNever() throws {
        let identity = try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#, name: "identity.json")
        let session = try makePolicy(statementJSON(condition: #"{"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#), kind: .session, name: "session.json")
        let e = AccessExplainer(layers: PolicyLayers(identity: [identity], session: [session])).explain(action: submit)
        #expect(e.verdict == .never)
        #expect(e.examplesConfirmed)
    }

    @Test func notActionAndWildcards() throws {
        let layers = PolicyLayers(identity: [try makePolicy("""
        {"Version": "1", "Statement": [
          {"Effect": "Allow", "NotAction": ["vod:Delete*", "ram:*"], "Resource": "*"},
          {"Effect": "Deny", "NotAction": "vod:Get*", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "false"}}},
          {"Effect": "Allow", "Action": "*:DeleteVideo", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}
        ]}
        """, name: "mixed.json")])
        let x = AccessExplainer(layers: layers)
        let submitE = x.explain(action: submit)
        #expect(submitE.summary == "Allowed except when acs:SecureTransport is false (Deny, mixed.json:3:3).")
        let get = x.explain(action: "vod:GetVideoInfo")
        #expect(get.verdict == .always)
        let delete = x.explain(action: "vod:DeleteVideo")
        #expect(delete.summary == "Allowed only when acs:SourceIp is in 10.0.0.0/8, except when acs:SecureTransport is false (Deny, mixed.json:3:3).")
        let ram = x.explain(action: "ram:CreateUser")
        #expect(ram.verdict == .never)
        #expect(ram.summary == "Never allowed: no statement grants ram:CreateUser.")
        for e in [submitE, get, delete, ram] {
            expectAgreement(e, layers, contexts(["acs:SecureTransport": ["true", "false"], "acs:SourceIp": ["10.0.0.1", "1.1.1.1"]]))
        }
        // Actions match case-insensitively (assumption U6).
        let lower = x.explain(action: "vod:getvideoinfo")
        #expect(lower.verdict == .always)
    }

    @Test func resourcesFollowTheScope() throws {
        // VOD is an All-Resources service: an ARN pattern does not match the evaluated "*" (assumption U1).
        let arn = PolicyLayers(identity: [try makePolicy(statementJSON(resource: #""acs:vod:*:*:*""#))])
        let vod = AccessExplainer(layers: arn).explain(action: submit, resource: "acs:vod:cn-shanghai:123:workflow/1")
        #expect(vod.verdict == .never)
        #expect(vod.assumptions.contains { $0.kind == .resourcePatternOnAllResourcesAction })
        #expect(vod.examplesConfirmed)

        let oss = PolicyLayers(identity: [try makePolicy(statementJSON(action: #""oss:GetObject""#, resource: #""acs:oss:*:*:media/*""#,
                                                                      condition: #"{"Bool": {"acs:SecureTransport": "true"}}"#))])
        let x = AccessExplainer(layers: oss)
        let inside = x.explain(action: "oss:GetObject", resource: "acs:oss:*:123:media/a.mp4")
        #expect(inside.verdict == .conditional)
        #expect(inside.examplesConfirmed)
        let outside = x.explain(action: "oss:GetObject", resource: "acs:oss:*:123:other/a.mp4")
        #expect(outside.summary == "Never allowed: no statement grants oss:GetObject on acs:oss:*:123:other/a.mp4.")
    }

    @Test func undecidableSaysWhy() throws {
        let wildcardIP = PolicyLayers(identity: [try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.*"}}"#)])
        let e = AccessExplainer(layers: wildcardIP).explain(action: submit)
        #expect(e.verdict == .undecidable)
        #expect(e.undecidableReasons.count == 1)
        #expect(e.undecidableReasons.first?.contains("10.0.*") == true)
        #expect(e.summary.hasPrefix("Cannot decide when vod:SubmitWorkflowJob is allowed: acs:SourceIp has the wildcard IP value"))
        #expect(e.allowedExample == nil && e.deniedExample == nil)

        let mixed = PolicyLayers(identity: [try allowWhen(#"{"StringEquals": {"svc:K": "1"}, "NumericEquals": {"svc:K": "1"}}"#)])
        let m = AccessExplainer(layers: mixed).explain(action: submit)
        #expect(m.verdict == .undecidable)
        #expect(m.undecidableReasons == ["svc:K is compared by operators of several families (String, Numeric); the analysis does not combine value types on one key"])

        // Still decided when no layer can grant, whatever the conditions.
        let none = PolicyLayers(identity: [try makePolicy(statementJSON(action: #""vod:Get*""#, condition: #"{"IpAddress": {"acs:SourceIp": "10.0.*"}}"#))])
        #expect(AccessExplainer(layers: none).explain(action: submit).verdict == .never)
    }
}
