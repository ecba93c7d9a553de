/// One `stillGrants` gate of `ramguard diff`: an action the new policies must still grant.
public struct StillGrantsInfo: Sendable, Codable, Hashable {
    public var action: String
    /// Whether the new policies still grant it (the gate holds).
    public var granted: Bool

    public init(action: String, granted: Bool) {
        self.action = action
        self.granted = granted
    }
}
