import Analysis
import RAMPolicy

/// One policy file after linting: what it says, what the engine made of it, and what lint found.
public struct LintedFile: Sendable {
    public var path: String
    public var kind: PolicyKind
    public var text: String
    public var result: ValidationResult
    public var findings: [Finding]
}
