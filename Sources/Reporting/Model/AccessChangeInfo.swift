/// How one action's access changed between the old and the new policies (`ramguard diff`).
public struct AccessChangeInfo: Sendable, Codable, Hashable {
    /// `gained` (newly granted), `lost` (no longer granted), `loosened` (granted in more contexts),
    /// `tightened` (in fewer contexts) or `changed` (different contexts, neither a superset nor a subset).
    public static let kinds = ["gained", "lost", "loosened", "tightened", "changed"]

    public var action: String
    /// One of ``kinds``.
    public var change: String
    /// Verdicts (see ``AccessCheckInfo/verdicts``) and one-sentence summaries before and after.
    public var oldVerdict: String
    public var newVerdict: String
    public var oldSummary: String
    public var newSummary: String
    /// The statements, old or new, responsible for the change.
    public var statements: [StatementRef]

    public init(action: String, change: String, oldVerdict: String, newVerdict: String, oldSummary: String,
                newSummary: String, statements: [StatementRef] = []) {
        self.action = action
        self.change = change
        self.oldVerdict = oldVerdict
        self.newVerdict = newVerdict
        self.oldSummary = oldSummary
        self.newSummary = newSummary
        self.statements = statements
    }

    /// Whether the change grants access that was not granted before (what `noNewAccess` forbids).
    public var widensAccess: Bool { change == "gained" || change == "loosened" || change == "changed" }
}
