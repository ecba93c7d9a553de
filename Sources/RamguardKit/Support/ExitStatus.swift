/// ramguard's documented exit codes.
public enum ExitStatus {
    public static let allowed: Int32 = 0
    public static let denied: Int32 = 1
    public static let invalid: Int32 = 2

    public static func forDecision(_ decision: String) -> Int32 {
        switch decision {
        case "Allow": allowed
        case "ExplicitDeny", "ImplicitDeny": denied
        default: invalid
        }
    }
}
