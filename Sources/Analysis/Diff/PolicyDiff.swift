import RAMPolicy

/// What changed between two versions of a policy set, action by action.
public struct PolicyDiff: Sendable, Hashable {
    /// Only the actions whose allowed contexts changed, in the order of the action list given.
    public var changes: [AccessChange]
    public var unchangedCount: Int
    /// NEW may allow something OLD did not: an action gained or loosened, or changed where NEW is not
    /// provably tighter.
    public var grantsNewAccess: Bool
    /// NEW's verdict for every action compared, by folded action name.
    var newVerdicts: [String: AccessExplanation.Verdict]

    public init(changes: [AccessChange], unchangedCount: Int, newVerdicts: [String: AccessExplanation.Verdict]) {
        self.changes = changes
        self.unchangedCount = unchangedCount
        self.grantsNewAccess = changes.contains(where: \.mayGrantNewAccess)
        self.newVerdicts = Dictionary(newVerdicts.map { (Glob.fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// True when NEW allows the action always or in some contexts (what `--still-grants` checks).
    /// An action that was not compared (not in the action list nor named by either set) is not granted.
    public func stillGrants(_ action: String) -> Bool {
        switch newVerdicts[Glob.fold(action)] {
        case .always?, .conditional?: true
        default: false
        }
    }

    /// NEW's verdict for a compared action.
    public func newVerdict(for action: String) -> AccessExplanation.Verdict? { newVerdicts[Glob.fold(action)] }
}
