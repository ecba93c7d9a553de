/// `ramguard explain`: the condition space in which one identity is granted one action.
public struct ExplanationInfo: Sendable, Codable, Hashable {
    public var action: String
    public var resource: String
    /// `always`, `never`, `conditional` or `undecidable` (see ``AccessCheckInfo/verdicts``).
    public var verdict: String
    /// One sentence saying what the verdict means.
    public var summary: String
    /// Where the action is allowed, in disjunctive normal form: the action is allowed when every constraint of
    /// at least one inner list holds (e.g. `[["acs:SecureTransport is true", "acs:SourceIp in 203.0.113.0/24"]]`).
    /// Empty for `never`; `[[]]` (one empty conjunction) for `always`.
    public var allowedWhen: [[String]]
    /// Deny statements that carve holes into the allowed region.
    public var exceptions: [ExceptionInfo]
    /// A request context in which the action is allowed, when one exists.
    public var allowedExample: [ContextEntryInfo]?
    /// A request context in which the action is denied, when one exists.
    public var deniedExample: [ContextEntryInfo]?
    /// Whether the authorizer, evaluating the examples, gave the answers the analysis predicts.
    public var examplesConfirmed: Bool
    /// Why the verdict is `undecidable` (unknown operators, keys the analysis cannot model, …).
    public var undecidableReasons: [String]

    public init(
        action: String, resource: String, verdict: String, summary: String, allowedWhen: [[String]] = [],
        exceptions: [ExceptionInfo] = [], allowedExample: [ContextEntryInfo]? = nil, deniedExample: [ContextEntryInfo]? = nil,
        examplesConfirmed: Bool, undecidableReasons: [String] = []
    ) {
        self.action = action
        self.resource = resource
        self.verdict = verdict
        self.summary = summary
        self.allowedWhen = allowedWhen
        self.exceptions = exceptions
        self.allowedExample = allowedExample
        self.deniedExample = deniedExample
        self.examplesConfirmed = examplesConfirmed
        self.undecidableReasons = undecidableReasons
    }
}
