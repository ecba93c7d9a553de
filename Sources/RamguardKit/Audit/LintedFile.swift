import Analysis
import RAMPolicy

/// One policy file after linting: what it says, what the engine made of it, and what lint found.
public struct LintedFile: Sendable {
    public var path: String
    public var kind: PolicyKind
    public var text: String
    /// The engine's verdict. `result.policy` is dropped after linting when the caller does not need the
    /// policy any more (``LintPass/run(_:keepPolicies:)``), so ``isValid`` is kept apart.
    public var result: ValidationResult
    public var findings: [Finding]
    /// Whether the document validated, whether or not `result.policy` was kept.
    public var isValid: Bool
}
