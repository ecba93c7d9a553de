/// Whether an identity is granted one action, over every request context (`ramguard audit`).
///
/// The verdict is about the policies alone; ``expected`` and ``passed`` carry the audit's expectation and its
/// outcome, decided by the verb, so that encoders (JUnit, HTML) never decide what counts as a failure.
public struct AccessCheckInfo: Sendable, Codable, Hashable {
    /// The four verdicts, from "granted in every context" to "ramguard cannot tell".
    public static let verdicts = ["always", "never", "conditional", "undecidable"]

    public var action: String
    public var resource: String
    /// `always`, `never`, `conditional` or `undecidable` (see ``verdicts``), or `invalid` when the identity's
    /// policies are invalid and nothing could be evaluated.
    public var verdict: String
    /// One sentence: why, e.g. "Allowed only when acs:SourceIp is in 203.0.113.0/24."
    public var summary: String
    /// The statements the verdict rests on.
    public var statements: [StatementRef]
    /// What the audit expected: `granted` or `not-granted`; absent when nothing was expected.
    public var expected: String?
    /// Whether the verdict meets the expectation; absent when nothing was expected.
    public var passed: Bool?

    public init(action: String, resource: String, verdict: String, summary: String, statements: [StatementRef] = [],
                expected: String? = nil, passed: Bool? = nil) {
        self.action = action
        self.resource = resource
        self.verdict = verdict
        self.summary = summary
        self.statements = statements
        self.expected = expected
        self.passed = passed
    }
}
