import AlibabaCloud
import RAMPolicy

/// Every check, in a fixed order, plus what the checks worked out along the way.
public struct PreflightResult: Sendable {
    public var checks: [PreflightCheck]
    /// Where the call would go, when the endpoint check passed.
    public var endpoint: ServiceEndpoint?
    /// The credential to sign with, when one was found.
    public var credential: Credential?
    /// The request context the policy check used (and the call will have, as far as ramguard knows).
    public var context: RequestContext
    /// The engine's evaluation, when `--policy` files were given and valid.
    public var evaluation: Evaluation?

    public init(checks: [PreflightCheck], endpoint: ServiceEndpoint?, credential: Credential?, context: RequestContext, evaluation: Evaluation?) {
        self.checks = checks
        self.endpoint = endpoint
        self.credential = credential
        self.context = context
        self.evaluation = evaluation
    }

    /// The check with `id`.
    public func check(_ id: String) -> PreflightCheck? { checks.first { $0.id == id } }

    /// Blocking checks that failed: any of them stops a submission.
    public var blockingFailures: [PreflightCheck] { checks.filter(\.blocksSubmission) }

    /// Whether the local policy check failed (the policies deny, or are invalid).
    public var policyDenied: Bool { check(PreflightCheckID.policyGrant)?.status == .fail && evaluation != nil }

    /// Whether every blocking check passed or is undecided, so the call may be sent.
    public var mayProceed: Bool { blockingFailures.isEmpty }

    /// Replaces the check with the same id (e.g. the clock check once a server `Date` is known).
    public mutating func replace(_ check: PreflightCheck) {
        if let index = checks.firstIndex(where: { $0.id == check.id }) {
            checks[index] = check
        } else {
            checks.append(check)
        }
    }
}
