/// The counts at the top of a `lint`, `audit`, `explain` or `diff` report.
public struct SummaryInfo: Sendable, Codable, Hashable {
    /// Policy files read.
    public var files: Int
    /// Identities audited (0 for `lint`).
    public var identities: Int
    /// Unsuppressed findings by severity; all four keys of ``FindingInfo/severities`` are always present.
    public var findings: [String: Int]
    /// Findings silenced by the configuration (`SuppressionInfo.kind == "config"`).
    public var suppressed: Int
    /// Findings silenced because they are in the baseline (`SuppressionInfo.kind == "baseline"`).
    public var baselined: Int
    /// Access checks by verdict; all four keys of ``AccessCheckInfo/verdicts`` are always present.
    public var checks: [String: Int]
    /// Wall-clock time of the run, when measured. Absent in golden files, which must not depend on timing.
    public var durationMs: Int?

    /// Missing keys of ``FindingInfo/severities`` and ``AccessCheckInfo/verdicts`` are added with 0.
    public init(files: Int, identities: Int, findings: [String: Int], suppressed: Int, baselined: Int,
                checks: [String: Int], durationMs: Int? = nil) {
        self.files = files
        self.identities = identities
        self.findings = Self.complete(findings, keys: FindingInfo.severities)
        self.suppressed = suppressed
        self.baselined = baselined
        self.checks = Self.complete(checks, keys: AccessCheckInfo.verdicts)
        self.durationMs = durationMs
    }

    /// Counts `findings` (unsuppressed by severity, suppressed and baselined apart) and `checks` (by verdict).
    public init(files: Int, identities: Int, findings: [FindingInfo], checks: [AccessCheckInfo] = [], durationMs: Int? = nil) {
        // The four known severities are counted in place (a report can carry 150,000 findings, and
        // hashing each one's severity into a dictionary was most of the count's cost).
        var known = [Int](repeating: 0, count: FindingInfo.severities.count)
        var bySeverity: [String: Int] = [:]
        var suppressed = 0
        var baselined = 0
        // Read in place: iterating copied each finding out of the array (its strings retained, then
        // released), on the serial end of a run.
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                if let kind = findings[index].suppressed?.kind {
                    if kind == "baseline" { baselined += 1 } else { suppressed += 1 }
                    continue
                }
                switch findings[index].severity {
                case "error": known[0] += 1
                case "security-warning": known[1] += 1
                case "warning": known[2] += 1
                case "suggestion": known[3] += 1
                default: bySeverity[findings[index].severity, default: 0] += 1
                }
            }
        }
        for (index, severity) in FindingInfo.severities.enumerated() where known[index] > 0 {
            bySeverity[severity, default: 0] += known[index]
        }
        var byVerdict: [String: Int] = [:]
        for check in checks {
            byVerdict[check.verdict, default: 0] += 1
        }
        self.init(files: files, identities: identities, findings: bySeverity, suppressed: suppressed, baselined: baselined,
                  checks: byVerdict, durationMs: durationMs)
    }

    private static func complete(_ counts: [String: Int], keys: [String]) -> [String: Int] {
        var counts = counts
        for key in keys where counts[key] == nil {
            counts[key] = 0
        }
        return counts
    }
}
