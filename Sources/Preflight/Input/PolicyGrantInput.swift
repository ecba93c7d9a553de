import RAMPolicy

/// The `--policy` files, ready for the engine, and the condition keys the user gave with `--context`.
public struct PolicyGrantInput: Sendable {
    /// The engine over every layer of the loaded policies; `nil` when a file is invalid.
    public var authorizer: Authorizer?
    /// The files, for messages.
    public var files: [String]
    /// One line per validation error, when a file is invalid.
    public var invalidReasons: [String]
    /// `--context` keys (acs:SourceIp, acs:SourceVpc, acs:MFAPresent, …).
    public var userContext: RequestContext

    public init(authorizer: Authorizer?, files: [String], invalidReasons: [String] = [], userContext: RequestContext = RequestContext()) {
        self.authorizer = authorizer
        self.files = files
        self.invalidReasons = invalidReasons
        self.userContext = userContext
    }
}
