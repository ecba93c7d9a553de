/// A preflight found at least one error-severity ``ParameterIssue``: sending the request would fail.
public struct ParameterValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every issue found (errors and warnings), in rule order.
    public var issues: [ParameterIssue]

    public init(issues: [ParameterIssue]) {
        self.issues = issues
    }

    public var errors: [ParameterIssue] { issues.filter { $0.severity == .error } }

    public var description: String {
        let errors = self.errors
        let list = errors.map { "\($0.parameter): \($0.message) — \($0.remedy)" }.joined(separator: "; ")
        return "SubmitWorkflowJob parameters are not valid (\(errors.count) error\(errors.count == 1 ? "" : "s")): \(list)"
    }
}
