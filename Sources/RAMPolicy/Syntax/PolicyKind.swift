/// The role a policy document plays, which decides which elements it may contain and its size limit.
public enum PolicyKind: String, Sendable, Hashable, CaseIterable {
    /// Attached to a RAM user, group or role (account scope). No `Principal`; `Resource` required.
    case identity
    /// The `Policy` passed to STS AssumeRole: narrows a role session, never widens it.
    case session
    /// A Resource Directory control policy: a boundary for member accounts that grants nothing itself.
    case control
    /// A RAM role's trust policy: `Principal` required, `Action` is `sts:AssumeRole`, no `Resource`.
    case trust

    /// "a" or "an", for messages.
    public var article: String { self == .identity ? "an" : "a" }

    /// Documented maximum document length in characters (reference §6).
    public var characterLimit: Int {
        switch self {
        case .identity: 6_144
        case .session: 2_048
        case .control: 4_096
        case .trust: 6_144
        }
    }
}
