/// How much a failing check matters.
public enum PreflightSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    /// A failure stops `ramguard submit` before anything is sent.
    case blocking
    /// A failure is reported, but the call may still go ahead.
    case warning
}
