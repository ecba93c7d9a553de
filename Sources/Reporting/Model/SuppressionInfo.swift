/// Why a finding is silenced. Suppressed findings stay in the report but gates do not count them.
public struct SuppressionInfo: Sendable, Codable, Hashable {
    /// `config` (an ignore rule in the configuration) or `baseline` (the finding was in the accepted baseline).
    public var kind: String
    /// The justification written in the configuration, or e.g. `in baseline .ramguard-baseline.json`.
    public var reason: String

    public init(kind: String, reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
