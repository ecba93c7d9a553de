/// One validated statement of a policy.
public struct Statement: Sendable, Hashable {
    /// Which list an `Action`/`Resource`-like element was written as.
    public enum Polarity: Sendable, Hashable {
        /// `Action` / `Resource`: the statement covers what the patterns match.
        case matching
        /// `NotAction` / `NotResource`: the statement covers everything the patterns do *not* match.
        case excluding
    }

    // The optional properties are spelled `Optional<…>`, which (unlike `…?`) has no implicit `nil`
    // initial value: with one, the initializer stored `nil` first and then the argument over it, and the
    // optimizer no longer saw the statement as made in one piece, so building one (the validator builds
    // every statement of every file) copied the whole statement (a retain of each part) and destroyed
    // the original. The types are the same.

    /// Zero-based position in the policy's `Statement` array.
    public var index: Int
    public var span: SourceSpan
    public var pathComponents: PolicyPath
    public var path: String { pathComponents.description }
    public var sid: Optional<String>
    public var effect: Effect
    public var actionPolarity: Polarity
    public var actions: [Located<String>]
    /// Absent only in trust policies.
    public var resourcePolarity: Polarity
    public var resources: Optional<[Located<String>]>
    public var principal: Optional<Principal>
    public var conditions: [Condition]

    public init(
        index: Int, span: SourceSpan, path: PolicyPath, sid: String?, effect: Effect,
        actionPolarity: Polarity, actions: [Located<String>], resourcePolarity: Polarity,
        resources: [Located<String>]?, principal: Principal?, conditions: [Condition]
    ) {
        self.index = index
        self.span = span
        self.pathComponents = path
        self.sid = sid
        self.effect = effect
        self.actionPolarity = actionPolarity
        self.actions = actions
        self.resourcePolarity = resourcePolarity
        self.resources = resources
        self.principal = principal
        self.conditions = conditions
    }
}
