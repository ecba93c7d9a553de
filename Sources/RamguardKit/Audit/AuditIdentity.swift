/// One RAM user or role as `audit` sees it: the policies attached to it and the layers above it.
public struct AuditIdentity: Sendable, Hashable {
    /// A name for reports: the identity's directory relative to the audited path, or the manifest's name.
    public var name: String
    /// The identity policies (all evaluated as one unit, like `check --policy`).
    public var identityFiles: [String]
    /// An STS session policy that narrows the identity, when the identity is used through a role session.
    public var sessionFile: String?
    /// Resource Directory control policies above the identity's account.
    public var controlFiles: [String]

    public init(name: String, identityFiles: [String], sessionFile: String? = nil, controlFiles: [String] = []) {
        self.name = name
        self.identityFiles = identityFiles
        self.sessionFile = sessionFile
        self.controlFiles = controlFiles
    }

    /// Every file of every layer, control first, as the loader reads them.
    public var allFiles: [String] { controlFiles + (sessionFile.map { [$0] } ?? []) + identityFiles }
}
