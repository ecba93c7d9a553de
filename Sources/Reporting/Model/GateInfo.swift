/// Why a run fails or passes: the thresholds it was held to, and the verdict.
///
/// The verb decides ``failed`` and writes the ``reasons``; encoders only show them. ``counts(_:)`` is the one
/// rule for which findings a gate counts, shared by the verb and the encoders (JUnit, HTML) so they agree.
public struct GateInfo: Sendable, Codable, Hashable {
    /// The threshold used when a report carries no gate: only errors count.
    public static let defaultThreshold = "error"

    /// The least severe finding class that fails the run (`error`, `security-warning`, `warning` or
    /// `suggestion`); more severe classes fail it too. Absent: no class fails the run by severity alone.
    public var threshold: String?
    /// Finding codes that fail the run whatever their severity (`--fail-on CODE`).
    public var failOn: [String]
    /// Whether the run fails (the process exits non-zero).
    public var failed: Bool
    /// One sentence per reason the run fails, or why it passes, e.g. "2 warnings at or above the warning threshold."
    public var reasons: [String]

    public init(threshold: String? = GateInfo.defaultThreshold, failOn: [String] = [], failed: Bool, reasons: [String] = []) {
        self.threshold = threshold
        self.failOn = failOn
        self.failed = failed
        self.reasons = reasons
    }

    /// Whether this gate counts `finding` against the run: it is not suppressed, and its severity is at or above
    /// ``threshold`` or its code is in ``failOn``.
    public func counts(_ finding: FindingInfo) -> Bool {
        guard finding.suppressed == nil else { return false }
        if failOn.contains(finding.code) { return true }
        guard let threshold, let limit = FindingInfo.severities.firstIndex(of: threshold) else { return false }
        return finding.severityRank <= limit
    }
}
