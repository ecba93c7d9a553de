/// What a check found.
public enum PreflightStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// The condition holds.
    case pass
    /// The condition does not hold; with ``PreflightSeverity/blocking`` the call is refused.
    case fail
    /// Probably fine, but something deserves attention.
    case warn
    /// Cannot be decided offline (or without information the user did not give); the message says what
    /// would decide it. Never counted as a pass.
    case undecided
}
