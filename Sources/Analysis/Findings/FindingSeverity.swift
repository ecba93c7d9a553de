/// How much a finding matters, from a hint to a document RAM would reject.
///
/// Ordered `suggestion < warning < security-warning < error`, so that "fail on warnings or worse" is
/// one comparison. The raw values are the words Alibaba's policy checker uses for its classes
/// (errors, security warnings, warnings, suggestions) and what configuration files and reports write.
public enum FindingSeverity: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    /// The policy works; it could be tighter or tidier.
    case suggestion
    /// The policy probably does not do what its author meant.
    case warning
    /// The policy grants more than it probably should.
    case securityWarning = "security-warning"
    /// The policy is invalid (RAM rejects it) or certainly broken.
    case error

    var rank: Int {
        switch self {
        case .suggestion: 0
        case .warning: 1
        case .securityWarning: 2
        case .error: 3
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
