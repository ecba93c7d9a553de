/// ramguard's documented exit codes.
public enum ExitStatus {
    public static let allowed: Int32 = 0
    public static let denied: Int32 = 1
    public static let invalid: Int32 = 2

    /// `lint`, `audit`, `diff`: the gate passed (no counted finding, every expectation met).
    public static let passed: Int32 = 0
    /// `lint`, `audit`, `diff`: the gate failed (`--fail-on`, `--expect`, `--no-new-access`, `--still-grants`).
    public static let gateFailed: Int32 = 1

    /// `explain`: allowed in every context.
    public static let always: Int32 = 0
    /// `explain`: allowed in no context.
    public static let never: Int32 = 1
    /// `explain`: allowed only in some contexts ("only when …").
    public static let conditional: Int32 = 3
    /// `explain`: the analysis cannot decide (an operator outside what it covers); the report says why.
    public static let undecidable: Int32 = 4

    public static func forDecision(_ decision: String) -> Int32 {
        switch decision {
        case "Allow": allowed
        case "ExplicitDeny", "ImplicitDeny": denied
        default: invalid
        }
    }
}
