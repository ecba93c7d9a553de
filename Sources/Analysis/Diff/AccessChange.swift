import RAMPolicy

/// How access to one action differs between two versions of a policy set.
public struct AccessChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// OLD allowed it in no context; NEW allows it in some.
        case gained
        /// OLD allowed it in some context; NEW in none.
        case lost
        /// NEW allows it in every context OLD did, and more.
        case loosened
        /// NEW allows it in a strict subset of OLD's contexts.
        case tightened
        /// Each allows contexts the other does not, or the analysis could not compare (undecidable).
        case changed
    }

    public var action: String
    public var kind: Kind
    public var old: AccessExplanation.Verdict
    public var new: AccessExplanation.Verdict
    public var oldSummary: String
    public var newSummary: String
    /// The statements that explain the change: NEW's Allow statements granting the contexts gained
    /// (gained, loosened), OLD's Allow statements granting the contexts lost and NEW's Deny statements
    /// cutting them (lost, tightened); both for changed. Statements present unchanged in both versions
    /// are left out when others explain the change.
    public var responsible: [StatementMatch]
    /// A context NEW allows and OLD denies (both confirmed by the engine), when there is one.
    public var gainedExample: [String: [String]]?
    /// A context OLD allows and NEW denies (both confirmed by the engine), when there is one.
    public var lostExample: [String: [String]]?

    public init(action: String, kind: Kind, old: AccessExplanation.Verdict, new: AccessExplanation.Verdict,
                oldSummary: String, newSummary: String, responsible: [StatementMatch],
                gainedExample: [String: [String]]? = nil, lostExample: [String: [String]]? = nil) {
        self.action = action
        self.kind = kind
        self.old = old
        self.new = new
        self.oldSummary = oldSummary
        self.newSummary = newSummary
        self.responsible = responsible
        self.gainedExample = gainedExample
        self.lostExample = lostExample
    }

    /// Whether NEW may allow something OLD did not (what `--no-new-access` fails on).
    public var mayGrantNewAccess: Bool { kind == .gained || kind == .loosened || kind == .changed }
}
