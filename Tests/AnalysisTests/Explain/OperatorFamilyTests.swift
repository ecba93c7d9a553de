import Analysis
import RAMPolicy
import Testing

/// One Allow statement per operator family: exact verdict and summary, and agreement with the engine
/// on contexts around every boundary (absent key, inside, outside, several values).
@Suite struct OperatorFamilyTests {
    func check(_ condition: String, verdict: AccessExplanation.Verdict = .conditional, summary: String,
               pools: [String: [String]], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let layers = PolicyLayers(identity: [try allowWhen(condition)])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == verdict, sourceLocation: sourceLocation)
        #expect(e.summary == summary, sourceLocation: sourceLocation)
        expectAgreement(e, layers, contexts(pools), sourceLocation: sourceLocation)
    }

    let vpcs = ["vpc-a", "vpc-b", "VPC-A", "vpc-c", ""]

    @Test func stringEquals() throws {
        try check(#"{"StringEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}}"#,
                  summary: #"Allowed only when acs:SourceVpc is one of "vpc-a", "vpc-b"."#, pools: ["acs:SourceVpc": vpcs])
    }

    @Test func stringNotEquals() throws {
        try check(#"{"StringNotEquals": {"acs:SourceVpc": "vpc-a"}}"#,
                  summary: #"Allowed only when acs:SourceVpc, if present, is not "vpc-a"."#, pools: ["acs:SourceVpc": vpcs])
    }

    @Test func stringEqualsIgnoreCase() throws {
        try check(#"{"StringEqualsIgnoreCase": {"acs:RequestTag/env": "Prod"}}"#,
                  summary: #"Allowed only when acs:RequestTag/env is "Prod" (ignoring case)."#,
                  pools: ["acs:RequestTag/env": ["prod", "PROD", "Prod", "dev", "pro"]])
    }

    @Test func stringNotEqualsIgnoreCase() throws {
        try check(#"{"StringNotEqualsIgnoreCase": {"acs:RequestTag/env": ["prod", "stage"]}}"#,
                  summary: #"Allowed only when acs:RequestTag/env, if present, is none of "prod", "stage" (ignoring case)."#,
                  pools: ["acs:RequestTag/env": ["prod", "PROD", "Stage", "dev"]])
    }

    @Test func stringLike() throws {
        try check(#"{"StringLike": {"acs:PrincipalARN": "acs:ram::*:role/ci-*"}}"#,
                  summary: #"Allowed only when acs:PrincipalARN is like "acs:ram::*:role/ci-*"."#,
                  pools: ["acs:PrincipalARN": ["acs:ram::123:role/ci-build", "acs:ram::123:role/CI-build",
                                               "acs:ram::1:role/ci-", "acs:ram::123:user/ci-x"]])
    }

    @Test func stringNotLikeWithQuestionMark() throws {
        try check(#"{"StringNotLike": {"acs:RequestTag/team": ["tmp-?", "test*"]}}"#,
                  summary: #"Allowed only when acs:RequestTag/team, if present, is not like "tmp-?" or "test*"."#,
                  pools: ["acs:RequestTag/team": ["tmp-1", "tmp-12", "testing", "media", "Test"]])
    }

    @Test func stringLikeAndEqualsOnOneKeyCombine() throws {
        // Like "team-*" but not the exact "team-x": the cells of both patterns are intersected.
        try check(#"{"StringLike": {"acs:RequestTag/team": "team-*"}, "StringNotEquals": {"acs:RequestTag/team": "team-x"}}"#,
                  summary: #"Allowed only when acs:RequestTag/team is (like "team-*" but not "team-x")."#,
                  pools: ["acs:RequestTag/team": ["team-x", "team-y", "team-", "other"]])
    }

    @Test func numericRangeOnOneKey() throws {
        try check(#"{"NumericGreaterThanEquals": {"svc:Count": "3"}, "NumericLessThan": {"svc:Count": "7.5"}}"#,
                  summary: "Allowed only when svc:Count is at least 3 and less than 7.5.",
                  pools: ["svc:Count": ["2", "3", "3.0", "7", "7.5", "8", "x", "1e1"]])
    }

    @Test func numericEqualsSeveralValues() throws {
        try check(#"{"NumericEquals": {"svc:Count": ["1", "2"]}}"#,
                  summary: "Allowed only when svc:Count is 1 or 2.", pools: ["svc:Count": ["1", "1.0", "2", "3", "two"]])
    }

    @Test func numericNotEquals() throws {
        try check(#"{"NumericNotEquals": {"svc:Count": "5"}}"#,
                  summary: "Allowed only when svc:Count, if present, is not 5.", pools: ["svc:Count": ["5", "05", "6", "five"]])
    }

    @Test func dateWindow() throws {
        try check(#"{"DateGreaterThanEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}, "DateLessThan": {"acs:CurrentTime": "2026-07-01T08:00:00+08:00"}}"#,
                  summary: "Allowed only when acs:CurrentTime is at or after 2026-01-01T00:00:00Z and before 2026-07-01T00:00:00Z.",
                  pools: ["acs:CurrentTime": ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00+08:00",
                                              "2026-07-01T00:00:00Z", "2026-06-30T23:59:59.5Z", "yesterday"]])
    }

    @Test func dateNotEquals() throws {
        try check(#"{"DateNotEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#,
                  summary: "Allowed only when acs:CurrentTime, if present, is not 2026-01-01T00:00:00Z.",
                  pools: ["acs:CurrentTime": ["2026-01-01T00:00:00Z", "2026-01-01T08:00:00+08:00", "2026-01-02T00:00:00Z"]])
    }

    @Test func boolTrue() throws {
        try check(#"{"Bool": {"acs:SecureTransport": "true"}}"#,
                  summary: "Allowed only when acs:SecureTransport is true.",
                  pools: ["acs:SecureTransport": ["true", "TRUE", "false", "yes"]])
    }

    @Test func boolFalse() throws {
        try check(#"{"Bool": {"acs:MFAPresent": "false"}}"#,
                  summary: "Allowed only when acs:MFAPresent is false.", pools: ["acs:MFAPresent": ["true", "False", "1"]])
    }

    @Test func ipv4() throws {
        try check(#"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.1.7"]}}"#,
                  summary: "Allowed only when acs:SourceIp is in 10.0.0.0/8, 192.168.1.7.",
                  pools: ["acs:SourceIp": ["10.0.0.0", "10.255.255.255", "11.0.0.0", "192.168.1.7", "192.168.1.8",
                                           "::ffff:10.1.1.1", "2001:db8::1", "not-ip"]])
    }

    @Test func ipv6() throws {
        try check(#"{"IpAddress": {"acs:SourceIp": "2001:db8::/32"}}"#,
                  summary: "Allowed only when acs:SourceIp is in 2001:db8::/32.",
                  pools: ["acs:SourceIp": ["2001:db8::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", "10.0.0.1"]])
    }

    @Test func notIpAddress() throws {
        try check(#"{"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8", "fd00::/8"]}}"#,
                  summary: "Allowed only when acs:SourceIp, if present, is not in 10.0.0.0/8, fd00::/8.",
                  pools: ["acs:SourceIp": ["10.2.3.4", "203.0.113.9", "fd12::1", "fe80::1", "junk"]])
    }

    @Test func ifExists() throws {
        try check(#"{"IpAddressIfExists": {"acs:SourceIp": "10.0.0.0/8"}, "DateLessThanIfExists": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}"#,
                  summary: "Allowed only when acs:SourceIp, if present, is in 10.0.0.0/8 and acs:CurrentTime, if present, is before 2027-01-01T00:00:00Z.",
                  pools: ["acs:SourceIp": ["10.0.0.1", "11.0.0.1"], "acs:CurrentTime": ["2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z"]])
    }

    @Test func everyFamilyTogether() throws {
        try check(#"{"StringEquals": {"acs:SourceVpc": "vpc-a"}, "NumericLessThanEquals": {"svc:Count": "10"}, "Bool": {"acs:SecureTransport": "true"}, "NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#,
                  summary: #"Allowed only when acs:SourceVpc is "vpc-a" and svc:Count is at most 10 and acs:SecureTransport is true and acs:SourceIp, if present, is not in 10.0.0.0/8."#,
                  pools: ["acs:SourceVpc": ["vpc-a", "vpc-b"], "svc:Count": ["10", "11"], "acs:SecureTransport": ["true", "false"],
                          "acs:SourceIp": ["10.0.0.1", "1.1.1.1"]])
    }

    @Test func unconditionalAllowIsAlways() throws {
        let layers = PolicyLayers(identity: [try makePolicy(statementJSON())])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .always)
        #expect(e.summary == "Allowed always.")
        #expect(e.allowedWhen == [[]])
        #expect(e.allowedExample == [:])
        #expect(e.deniedExample == nil)
        #expect(e.examplesConfirmed)
        #expect(e.granting.count == 1)
    }

    @Test func ifExistsAloneIsNotAlways() throws {
        // An absent key passes, but a present one outside the range does not: conditional, not always.
        let layers = PolicyLayers(identity: [try allowWhen(#"{"NumericLessThanIfExists": {"svc:Count": "3"}}"#)])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.deniedExample == ["svc:Count": ["3"]])
        #expect(e.examplesConfirmed)
    }

    @Test func contradictoryConditionsAreNever() throws {
        let layers = PolicyLayers(identity: [try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "NotIpAddress": {"acs:SourceIp": "10.0.0.0/16"}, "NumericLessThan": {"svc:N": "1"}, "NumericGreaterThan": {"svc:N": "1"}}"#)])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        // svc:N < 1 and > 1 holds for a request carrying two values ("0" and "2"): the any-value rule.
        #expect(e.verdict == .conditional)
        expectAgreement(e, layers, contexts(["acs:SourceIp": ["10.0.0.1", "10.1.0.1"], "svc:N": ["0", "1", "2"]]))
        let strict = PolicyLayers(identity: [try allowWhen(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/16"}, "NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#)])
        let never = AccessExplainer(layers: strict).explain(action: submit)
        #expect(never.verdict == .never)
        #expect(never.summary == "Never allowed: the conditions of the statements that would allow vod:SubmitWorkflowJob cannot all hold at once.")
        #expect(never.deniedExample == [:])
        #expect(never.examplesConfirmed)
    }

    @Test func multiValuedOnlyRegionIsSpelledOut() throws {
        let layers = PolicyLayers(identity: [try allowWhen(#"{"StringEquals": {"acs:RequestTag/a": "x"}, "StringLike": {"acs:RequestTag/a": "y*"}}"#)])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        #expect(e.verdict == .conditional)
        #expect(e.summary == #"Allowed only when acs:RequestTag/a has a value that is "x" and a value that is like "y*"."#)
        #expect(e.allowedExample?["acs:RequestTag/a"]?.count == 2)
        #expect(e.assumptions.contains { $0.kind == .multiValuedRequestKey })
        expectAgreement(e, layers, contexts(["acs:RequestTag/a": ["x", "y", "yy", "z"]]))
    }
}
