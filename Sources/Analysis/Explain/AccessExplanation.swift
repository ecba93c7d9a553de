import RAMPolicy

/// For one identity and one action (on one resource): the exact set of request contexts under which
/// RAM allows it, in the three words a compliance report needs — always, never, only when — with
/// the Deny statements that carve contexts out, and one allowed and one denied example context that
/// the engine has confirmed.
public struct AccessExplanation: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        /// Allowed in every request context, including one that carries no condition key at all.
        case always
        /// Denied in every request context.
        case never
        /// Allowed exactly in the contexts `allowedWhen` (minus `exceptions`) describes.
        case conditional
        /// A condition lies outside what the analysis models; see `undecidableReasons`.
        case undecidable
    }

    public var action: String
    public var resource: String
    public var verdict: Verdict
    /// The allowed region in disjunctive normal form: a context is allowed when it satisfies every
    /// constraint of some term and no exception. Deny statements are already subtracted when the
    /// result stays small (subtracting the exceptions again changes nothing). `[]` for never, `[[]]` for always.
    public var allowedWhen: [[Constraint]]
    /// Deny statements (any layer) that remove contexts the Allow statements would grant.
    public var exceptions: [DenyException]
    /// One sentence for readers of a compliance report.
    public var summary: String
    /// A context (key → values; a key left out is absent) the engine allows; nil for never and undecidable.
    public var allowedExample: [String: [String]]?
    /// A context the engine denies; nil for always and undecidable.
    public var deniedExample: [String: [String]]?
    /// Both examples (those that exist) were evaluated by ``Authorizer`` with the promised decision;
    /// false when there is no example (undecidable).
    public var examplesConfirmed: Bool
    /// Allow statements (of any layer in force) that apply in some allowed context.
    public var granting: [StatementMatch]
    /// Why the analysis cannot decide (which key, which operator or value).
    public var undecidableReasons: [String]
    /// Documented-uncertain readings the answer relies on.
    public var assumptions: [Assumption]

    /// Whether a request context lies in the allowed region as described by `allowedWhen` and
    /// `exceptions` (for always/never: every/no context), without running the engine.
    public func describesAllowed(_ context: RequestContext) -> Bool? {
        switch verdict {
        case .always: return true
        case .never: return false
        case .undecidable: return nil
        case .conditional:
            let inTerm = allowedWhen.contains { term in term.allSatisfy { $0.isSatisfied(by: context) } }
            let excepted = exceptions.contains { e in e.constraints.allSatisfy { $0.isSatisfied(by: context) } }
            return inTerm && !excepted
        }
    }
}
