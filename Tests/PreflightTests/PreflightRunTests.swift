import AlibabaCloud
import Foundation
import Preflight
import Testing

@Suite("Preflight.run")
struct PreflightRunTests {
    @Test("checks come in a fixed order with stable ids; additional checks go last")
    func order() {
        var input = Sample.input()
        input.additionalChecks = [PreflightCheck(id: "extra.check", title: "Extra", severity: .warning, status: .fail, message: "m")]
        let result = Preflight.run(input)
        #expect(result.checks.map(\.id) == [
            "credentials.found", "credentials.complete", "credentials.well-formed", "credentials.sts-token", "credentials.not-expired",
            "endpoint.resolved", "parameters.workflow-id", "parameters.media-id", "clock.sane", "policy.grants-submit", "extra.check",
        ])
        #expect(result.mayProceed, "a failed warning-severity check does not block")
        #expect(result.checks.allSatisfy { !$0.title.isEmpty && !$0.message.isEmpty })
        #expect(result.checks.filter { $0.status != .pass }.allSatisfy { $0.remedy != nil || $0.severity == .warning })
    }

    @Test("undecided checks do not block; a failed blocking check does")
    func blocking() {
        let ok = Preflight.run(Sample.input())
        #expect(ok.check(PreflightCheckID.clock)?.status == .undecided)
        #expect(ok.mayProceed)
        let bad = Preflight.run(Sample.input(workflowId: "x"))
        #expect(!bad.mayProceed)
        #expect(bad.blockingFailures.map(\.id) == [PreflightCheckID.workflowId])
        #expect(!bad.policyDenied)
    }

    @Test("replace swaps a check by id")
    func replace() {
        var result = Preflight.run(Sample.input())
        result.replace(Preflight.clockCheck(now: Sample.now, serverDate: Sample.now, receivedAt: Sample.now))
        #expect(result.check(PreflightCheckID.clock)?.status == .pass)
        #expect(result.checks.count == 10)
    }
}
