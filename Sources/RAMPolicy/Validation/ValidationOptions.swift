/// How a document is validated.
public struct ValidationOptions: Sendable, Hashable {
    /// The role the document plays (decides which elements are allowed and the size limit).
    public var kind: PolicyKind
    /// Reject undocumented syntax (Sid, NotResource, a single-object Statement, numeric Version,
    /// IfExists outside the Date family, non-string condition values) instead of accepting it with a warning.
    public var strict: Bool

    public init(kind: PolicyKind = .identity, strict: Bool = false) {
        self.kind = kind
        self.strict = strict
    }
}

/// The outcome of validating one document: the policy (absent when any error was found), every
/// problem found, and the undocumented readings the policy relies on.
public struct ValidationResult: Sendable {
    public var policy: Policy?
    public var diagnostics: [PolicyDiagnostic]
    public var assumptions: [Assumption]
    public var characterCount: Int
    public var statementCount: Int

    public var errors: [PolicyDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [PolicyDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var isValid: Bool { policy != nil }
}
