import Reporting

/// A finished `submit` or `preflight`: the report to print and the exit code.
public struct SubmitResult: Sendable {
    public var report: Report
    public var exitCode: Int32
    /// `nil` for `ramguard preflight`.
    public var outcome: SubmitOutcome?

    public init(report: Report, exitCode: Int32, outcome: SubmitOutcome?) {
        self.report = report
        self.exitCode = exitCode
        self.outcome = outcome
    }
}
