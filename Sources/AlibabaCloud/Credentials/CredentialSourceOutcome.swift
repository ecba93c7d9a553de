/// What happened when the chain looked at one source. None of the cases carries a secret value.
public enum CredentialSourceOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The source supplied the credential the chain returned.
    case used(String)
    /// Nothing is configured here, e.g. the variables are unset or the file does not exist.
    case notConfigured(String)
    /// Switched off by the user, e.g. `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
    case disabled(String)
    /// Configured, but required values are missing: the names of what is missing, and where.
    case incomplete(missing: [String], detail: String)
    /// A file exists but cannot be parsed or has a field of the wrong type; the issue names file and line.
    case malformed(CredentialFileIssue)
    /// A file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// Configured for a kind of credential this build does not support.
    case unsupported(String)
    /// Configured for credentials that only a network call (STS, instance metadata, a URI) can produce;
    /// this module makes no network calls.
    case needsNetworkCall(String)
    /// Not tried at all, e.g. the instance metadata service while offline.
    case notAttempted(String)
    /// Not looked at, because an earlier source decided the outcome.
    case notConsulted

    /// A stable one-word status for machine-readable reports.
    public var status: String {
        switch self {
        case .used: return "used"
        case .notConfigured: return "not-configured"
        case .disabled: return "disabled"
        case .incomplete: return "incomplete"
        case .malformed: return "malformed"
        case .unreadable: return "unreadable"
        case .unsupported: return "unsupported"
        case .needsNetworkCall: return "needs-network-call"
        case .notAttempted: return "not-attempted"
        case .notConsulted: return "not-consulted"
        }
    }

    /// The explanation without the status word.
    public var detail: String {
        switch self {
        case .used(let detail), .notConfigured(let detail), .disabled(let detail), .unsupported(let detail),
             .needsNetworkCall(let detail), .notAttempted(let detail):
            return detail
        case .incomplete(let missing, let detail):
            return "missing \(missing.joined(separator: ", ")): \(detail)"
        case .malformed(let issue):
            return issue.description
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        case .notConsulted:
            return "an earlier source decided the outcome"
        }
    }

    public var description: String {
        switch self {
        case .used: return "used — \(detail)"
        case .notConfigured: return "not configured — \(detail)"
        case .disabled: return "disabled — \(detail)"
        case .incomplete: return "incomplete — \(detail)"
        case .malformed: return "malformed — \(detail)"
        case .unreadable: return "unreadable — \(detail)"
        case .unsupported: return "unsupported — \(detail)"
        case .needsNetworkCall: return "needs a network call — \(detail)"
        case .notAttempted: return "not attempted — \(detail)"
        case .notConsulted: return "not consulted — \(detail)"
        }
    }
}

extension CredentialSourceOutcome: Encodable {
    private enum CodingKeys: String, CodingKey {
        case status, detail, missing, issue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
        switch self {
        case .incomplete(let missing, _):
            try container.encode(missing, forKey: .missing)
        case .malformed(let issue):
            try container.encode(issue, forKey: .issue)
        default:
            break
        }
    }
}
