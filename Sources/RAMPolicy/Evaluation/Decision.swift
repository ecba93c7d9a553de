/// RAM's three possible answers to a request.
public enum Decision: String, Sendable, Hashable, CaseIterable {
    case allow = "Allow"
    /// A Deny statement applied: nothing can override it.
    case explicitDeny = "ExplicitDeny"
    /// No Allow statement applied: RAM identities have no permissions by default.
    case implicitDeny = "ImplicitDeny"
}

/// Where a policy sits in RAM's evaluation chain (control → session → identity, plus trust for AssumeRole).
public enum PolicyLayer: String, Sendable, Hashable, CaseIterable {
    case control
    case session
    case identity
    case trust

    public var kind: PolicyKind {
        switch self {
        case .control: .control
        case .session: .session
        case .identity: .identity
        case .trust: .trust
        }
    }
}
