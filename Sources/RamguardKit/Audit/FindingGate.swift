import Analysis

/// When a `lint` or `audit` run fails: the `--fail-on` rule.
///
/// Each item is a severity (`error`, `security-warning`, `warning`, `suggestion`: that class *and every
/// more severe one*), a finding code (`AdministratorAccess`: exactly that rule, whatever its severity), or
/// `none` (never fail on findings). Suppressed and baselined findings never count: that is what
/// suppressing is for. The default, `security-warning`, fails on errors and security warnings — what AWS
/// Access Analyzer's CI integrations block on — and lets warnings and suggestions through.
public struct FindingGate: Sendable, Hashable {
    public var threshold: FindingSeverity?
    public var codes: Set<String>

    public static let defaultRule = "security-warning"

    public init(threshold: FindingSeverity?, codes: Set<String> = []) {
        self.threshold = threshold
        self.codes = codes
    }

    public init(parsing items: [String]) throws(RamguardError) {
        var threshold: FindingSeverity?
        var codes = Set<String>()
        var sawNone = false
        for raw in items.isEmpty ? [Self.defaultRule] : items {
            for item in raw.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !item.isEmpty {
                if item == "none" {
                    sawNone = true
                } else if let severity = FindingSeverity(rawValue: item) {
                    threshold = threshold.map { min($0, severity) } ?? severity
                } else if let code = FindingCode.named(item) {
                    codes.insert(code.id)
                } else {
                    let severities = FindingSeverity.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .usage("--fail-on \(item): expected a severity (\(severities)), none, or a finding code such as AdministratorAccess (see `ramguard lint --list-rules`)")
                }
            }
        }
        if sawNone, threshold != nil || !codes.isEmpty {
            throw .usage("--fail-on none cannot be combined with other --fail-on values")
        }
        self.threshold = threshold
        self.codes = codes
    }

    /// Whether this finding makes the run fail.
    public func fails(on finding: Finding) -> Bool {
        fails(code: finding.code.id, severity: finding.severity)
    }

    /// ``fails(on:)`` for a finding's code and severity, read where the finding lies.
    func fails(code: String, severity: FindingSeverity) -> Bool {
        // Asked for each of a large tree's 150,000 findings: an empty set is not hashed into.
        if !codes.isEmpty, codes.contains(code) { return true }
        if let threshold, severity >= threshold { return true }
        return false
    }

    /// `--fail-on` as it was understood, for the report.
    public var description: String {
        var parts: [String] = []
        if let threshold { parts.append("\(threshold.rawValue) or more severe") }
        parts += codes.sorted()
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
