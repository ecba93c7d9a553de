import Analysis
import RAMPolicy
import Testing

@Suite struct SummaryTests {
    @Test func issueExample() throws {
        let allow = try makePolicy("""
        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*",
          "Condition": {"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "Bool": {"acs:SecureTransport": "true"}}}]}
        """, name: "policies/allow.json")
        let deny = try makePolicy("""
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Deny", "Action": "vod:*", "Resource": "*",
              "Condition": {"DateGreaterThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}
            }
          ]
        }
        """, name: "policies/deny-after.json")
        let layers = PolicyLayers(identity: [allow, deny])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.summary == "Allowed only when acs:SourceIp is in 10.0.0.0/8 and acs:SecureTransport is true, except when acs:CurrentTime is after 2027-01-01T00:00:00Z (Deny, policies/deny-after.json:4:5).")
        #expect(e.exceptions.count == 1)
        #expect(e.examplesConfirmed)
        expectAgreement(e, layers, contexts([
            "acs:SourceIp": ["10.1.2.3", "11.0.0.1", "::1"],
            "acs:SecureTransport": ["true", "false"],
            "acs:CurrentTime": ["2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z"],
        ]))
    }
}
