import RAMPolicy

/// What an audit reports of one identity × action check: the part of an ``AccessExplanation`` that
/// ``AccessExplainer/verdict(action:resource:)`` builds without the examples and assumptions.
public struct AccessVerdict: Sendable, Hashable {
    public var verdict: AccessExplanation.Verdict
    /// ``AccessExplanation/summary``.
    public var summary: String
    /// ``AccessExplanation/granting``.
    public var granting: [StatementMatch]
    /// The statements of ``AccessExplanation/exceptions``.
    public var exceptions: [StatementMatch]

    public init(verdict: AccessExplanation.Verdict, summary: String, granting: [StatementMatch], exceptions: [StatementMatch]) {
        self.verdict = verdict
        self.summary = summary
        self.granting = granting
        self.exceptions = exceptions
    }
}
