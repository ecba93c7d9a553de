/// One problem a preflight found in an operation's parameters, before anything is sent.
///
/// Errors make the request certain to fail (or to do something other than intended); warnings flag a
/// value that is unusual but might be accepted. Messages name the parameter and say what to do.
public struct ParameterIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    /// The rule that fired, e.g. ``ParameterRule/workflowIdRequired``.
    public var rule: ParameterRule
    /// The API parameter name, e.g. `WorkflowId`.
    public var parameter: String
    /// What is wrong, quoting (a bounded prefix of) the value.
    public var message: String

    public init(severity: Severity, rule: ParameterRule, parameter: String, message: String) {
        self.severity = severity
        self.rule = rule
        self.parameter = parameter
        self.message = message
    }

    /// What to do about it (the rule's remedy).
    public var remedy: String { rule.remedy }

    /// `error [workflow-id-required] WorkflowId: message`
    public var description: String {
        "\(severity.rawValue) [\(rule.id)] \(parameter): \(message)"
    }
}
