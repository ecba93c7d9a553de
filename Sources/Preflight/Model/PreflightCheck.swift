/// The result of one named preflight check.
///
/// Messages never contain a secret: credentials appear only as masked AccessKey IDs.
public struct PreflightCheck: Sendable, Hashable, CustomStringConvertible {
    /// A stable id from ``PreflightCheckID``, e.g. `credentials.found`.
    public var id: String
    /// A short human title, e.g. `Credentials found`.
    public var title: String
    public var severity: PreflightSeverity
    public var status: PreflightStatus
    /// What was found, in a sentence a user can act on.
    public var message: String
    /// What to do about it; `nil` when there is nothing to do.
    public var remedy: String?
    /// Supporting lines: every credential source and its outcome, the engine's trace, …
    public var details: [String]

    public init(id: String, title: String, severity: PreflightSeverity, status: PreflightStatus, message: String,
                remedy: String? = nil, details: [String] = []) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.message = message
        self.remedy = remedy
        self.details = details
    }

    /// Whether this check stops a submission: a blocking check that failed.
    public var blocksSubmission: Bool { severity == .blocking && status == .fail }

    public var description: String { "[\(status.rawValue)] \(id): \(message)" }
}
