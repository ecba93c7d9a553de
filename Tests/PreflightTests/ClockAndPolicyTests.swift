import AlibabaCloud
import Foundation
import Preflight
import RAMPolicy
import Testing

@Suite("clock and policy checks")
struct ClockAndPolicyTests {
    @Test("offline, a plausible clock cannot be verified: undecided, and it says so")
    func clockOffline() {
        let check = Sample.check(PreflightCheckID.clock, Sample.input())
        #expect(check.status == .undecided)
        #expect(check.message.contains("cannot be verified offline"))
    }

    @Test("an impossible clock fails")
    func clockImpossible() {
        #expect(Sample.check(PreflightCheckID.clock, Sample.input(now: Date(timeIntervalSince1970: 0))).status == .fail)
    }

    @Test("against a server Date: within a minute passes, drift warns, beyond 15 minutes fails")
    func clockAgainstServer() {
        func status(skew: TimeInterval) -> PreflightStatus {
            Sample.check(PreflightCheckID.clock, Sample.input(serverDate: (Sample.now.addingTimeInterval(-skew), Sample.now))).status
        }
        #expect(status(skew: 2) == .pass)
        #expect(status(skew: -300) == .warn)
        #expect(status(skew: 16 * 60) == .fail)
        #expect(Preflight.clockCheck(now: Sample.now, serverDate: Sample.now.addingTimeInterval(-1200), receivedAt: Sample.now).message.contains("20 minutes ahead"))
    }

    @Test("no --policy: the policy check is undecided, not passed")
    func noPolicy() {
        let check = Sample.check(PreflightCheckID.policyGrant, Sample.input())
        #expect(check.status == .undecided)
        #expect(check.message.contains("cannot be decided offline"))
    }

    @Test("a grant passes, with the engine's trace and the context it used")
    func allowed() {
        let result = Preflight.run(Sample.input(policies: Sample.grant([Policies.allowSubmit])))
        let check = result.check(PreflightCheckID.policyGrant)!
        #expect(check.status == .pass)
        #expect(check.message.contains("policy0.json:1:"))
        #expect(check.details.contains("context: acs:SecureTransport=true (the endpoint is https://)"))
        #expect(check.details.contains { $0.hasPrefix("context: acs:CurrentTime=2026-05-28T") })
        #expect(check.details.contains("identity layer: Allow"))
        #expect(result.evaluation?.decision == .allow)
    }

    @Test("an explicit deny fails and names the statement")
    func explicitDeny() {
        let check = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.allowSubmit, Policies.denySubmit])))
        #expect(check.status == .fail)
        #expect(check.message.contains("Explicitly denied in the identity layer"))
        #expect(check.message.contains("\"Stop\""))
        #expect(Preflight.run(Sample.input(policies: Sample.grant([Policies.denySubmit]))).policyDenied)
    }

    @Test("an implicit deny fails with the reason from the trace")
    func implicitDeny() {
        let check = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.readOnly])))
        #expect(check.status == .fail)
        #expect(check.details.contains("  no statement covers vod:SubmitWorkflowJob"))
        let arn = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.arnResource])))
        #expect(arn.status == .fail)
        #expect(arn.details.contains { $0.contains("its Resource (acs:vod:*:*:*) does not cover *") })
    }

    @Test("acs:SecureTransport comes from the scheme: http on loopback fails an HTTPS-only grant")
    func secureTransport() {
        #expect(Sample.check(PreflightCheckID.policyGrant, Sample.input(target: .endpoint("https://vod.cn-shanghai.aliyuncs.com"), policies: Sample.grant([Policies.httpsOnly]))).status == .pass)
        let plain = Sample.check(PreflightCheckID.policyGrant, Sample.input(target: .endpoint("http://127.0.0.1:9"), policies: Sample.grant([Policies.httpsOnly])))
        #expect(plain.status == .fail)
        #expect(plain.details.contains { $0.contains("Bool acs:SecureTransport [true] does not hold (the request has false)") })
    }

    @Test("a key the policies test but the user did not give: undecided; given, decided")
    func missingKey() {
        let unknown = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.fromOffice])))
        #expect(unknown.status == .undecided)
        #expect(unknown.message.contains("acs:SourceIp"))
        let inside = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.fromOffice], context: [("acs:SourceIp", "203.0.113.4")])))
        #expect(inside.status == .pass)
        #expect(inside.details.contains("context: acs:SourceIp=203.0.113.4 (--context)"))
        let outside = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: Sample.grant([Policies.fromOffice], context: [("acs:SourceIp", "198.51.100.1")])))
        #expect(outside.status == .fail)
    }

    @Test("a --context value for a derived key is ignored in favour of the real one")
    func derivedKeys() {
        let check = Sample.check(PreflightCheckID.policyGrant, Sample.input(target: .endpoint("http://127.0.0.1:9"),
                                                                            policies: Sample.grant([Policies.httpsOnly], context: [("acs:SecureTransport", "true")])))
        #expect(check.status == .fail)
        #expect(Preflight.derivedContextKeys == ["acs:SecureTransport", "acs:CurrentTime"])
    }

    @Test("invalid policy files fail the check with the reasons")
    func invalid() {
        let input = PolicyGrantInput(authorizer: nil, files: ["bad.json"], invalidReasons: ["bad.json:1:1: [InvalidVersion] …"])
        let check = Sample.check(PreflightCheckID.policyGrant, Sample.input(policies: input))
        #expect(check.status == .fail)
        #expect(check.details == ["bad.json:1:1: [InvalidVersion] …"])
    }
}
