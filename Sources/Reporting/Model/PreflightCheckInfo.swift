/// One preflight check in a report (`ramguard preflight`, `ramguard submit`).
public struct PreflightCheckInfo: Sendable, Codable, Hashable {
    /// Stable id, e.g. `credentials.found`, `policy.grants-submit`.
    public var id: String
    public var title: String
    /// `blocking` or `warning`.
    public var severity: String
    /// `pass`, `fail`, `warn` or `undecided` (cannot be decided offline; never a pass).
    public var status: String
    /// What was found, without any secret.
    public var message: String
    /// What to do about it, when there is something to do.
    public var remedy: String?
    /// Supporting lines: credential sources and their outcomes, the engine's trace, …
    public var details: [String]

    public init(id: String, title: String, severity: String, status: String, message: String, remedy: String? = nil, details: [String] = []) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.message = message
        self.remedy = remedy
        self.details = details
    }
}
