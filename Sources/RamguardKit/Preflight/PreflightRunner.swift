import Foundation
import Preflight

/// `ramguard preflight`: every check `submit` runs, nothing sent.
///
/// Exit codes: 0 when no blocking check failed (undecided checks do not fail it), 1 when the `--policy`
/// files deny the call, 2 for usage or input errors (including invalid policy files), 3 when another
/// blocking check failed.
public struct PreflightRunner: Sendable {
    public var planner: PreflightPlanner

    public init(planner: PreflightPlanner) {
        self.planner = planner
    }

    public func run(_ options: SubmitOptions) async throws(RamguardError) -> SubmitResult {
        var options = options
        options.dryRun = true
        let prepared = try await planner.prepare(options, forSubmit: false)
        await prepared.localEndpoint?.stop()
        let report = PreflightReportBuilder.report(prepared, command: "preflight")
        return SubmitResult(report: report, exitCode: Self.exitCode(prepared.preflight, invalidPolicies: prepared.loaded.map { !$0.isValid } ?? false), outcome: nil)
    }

    /// The exit code for a preflight result: 0 may proceed, 1 policy denial, 2 invalid policies, 3 other failure.
    static func exitCode(_ result: PreflightResult, invalidPolicies: Bool) -> Int32 {
        if invalidPolicies { return SubmitExitCode.usage }
        if result.policyDenied { return SubmitExitCode.denied }
        if !result.mayProceed { return SubmitExitCode.preflightFailed }
        return SubmitExitCode.success
    }
}
