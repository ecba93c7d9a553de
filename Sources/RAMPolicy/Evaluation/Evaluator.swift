/// A per-thread evaluator that caches, for each action it has seen, the statements that can match it.
///
/// Batch simulation and benchmarks decide millions of requests over a handful of actions: building the
/// candidate list once per action leaves only resource and condition checks per request.
/// Not `Sendable` on purpose: give each thread its own.
public final class Evaluator {
    public let authorizer: Authorizer
    private var plans: [String: ActionPlan] = [:]

    public init(_ authorizer: Authorizer) {
        self.authorizer = authorizer
    }

    @inline(__always)
    private func plan(_ action: String) -> ActionPlan {
        if let p = plans[action] { return p }
        let p = authorizer.plan(forAction: action)
        if plans.count < 100_000 { plans[action] = p }
        return p
    }

    public func decide(_ request: Request) -> Decision {
        authorizer.decide(request, plan: plan(request.action))
    }

    /// The decision and its proving statements, without a full trace.
    public func decideWithProof(_ request: Request) -> QuickDecision {
        authorizer.decideWithProof(request, plan: plan(request.action), proof: true)
    }

    /// Condition keys the statements matching this action reference that the request lacks.
    public func missingKeys(_ request: Request) -> [String] {
        authorizer.missingKeys(request, plan: plan(request.action))
    }

    public func evaluate(_ request: Request) -> Evaluation {
        authorizer.evaluate(request, plan: plan(request.action))
    }
}

@available(*, unavailable)
extension Evaluator: Sendable {}
