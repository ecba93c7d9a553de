/// `ramguard diff OLD NEW`: what access changed between two policy sets.
public struct DiffInfo: Sendable, Codable, Hashable {
    /// The old policy files.
    public var old: [String]
    /// The new policy files.
    public var new: [String]
    /// One entry per action whose verdict or allowed region changed.
    public var changes: [AccessChangeInfo]
    /// How many compared actions did not change.
    public var unchanged: Int
    /// The `noNewAccess` gate: `true` when no access was gained or loosened, `false` when it was (the gate is
    /// violated); absent when the gate was not asked for.
    public var noNewAccess: Bool?
    /// The `stillGrants` gates: each action that must still be granted by the new policies.
    public var stillGrants: [StillGrantsInfo]

    public init(old: [String], new: [String], changes: [AccessChangeInfo] = [], unchanged: Int = 0,
                noNewAccess: Bool? = nil, stillGrants: [StillGrantsInfo] = []) {
        self.old = old
        self.new = new
        self.changes = changes
        self.unchanged = unchanged
        self.noNewAccess = noNewAccess
        self.stillGrants = stillGrants
    }
}
