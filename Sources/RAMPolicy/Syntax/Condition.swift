/// One `operator: { key: values }` entry of a statement's `Condition` block.
///
/// A statement's conditions are ANDed (over operators and keys); the values of one entry are ORed
/// (NOR for negated operators).
public struct Condition: Sendable, Hashable {
    public var op: ConditionOperator
    public var operatorSpan: SourceSpan
    public var key: Located<String>
    public var values: [Located<String>]
    /// The JSON path of the entry, e.g. `Statement[0].Condition.IpAddress.acs:SourceIp`.
    public var pathComponents: PolicyPath
    public var path: String { pathComponents.description }

    public init(op: ConditionOperator, operatorSpan: SourceSpan, key: Located<String>, values: [Located<String>], path: PolicyPath) {
        self.op = op
        self.operatorSpan = operatorSpan
        self.key = key
        self.values = values
        self.pathComponents = path
    }
}
