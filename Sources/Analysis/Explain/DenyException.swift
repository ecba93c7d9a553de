import RAMPolicy

/// A Deny statement that removes contexts from what the Allow statements grant: the request is denied
/// whenever it satisfies every constraint.
public struct DenyException: Sendable, Hashable {
    /// The Deny statement's conditions (empty: it denies in every context).
    public var constraints: [Constraint]
    public var statement: StatementMatch
    public var layer: PolicyLayer

    public init(constraints: [Constraint], statement: StatementMatch, layer: PolicyLayer) {
        self.constraints = constraints
        self.statement = statement
        self.layer = layer
    }

    /// `file:line:column` of the statement, as editors and the summary show it.
    public var location: String { SummaryWriter.location(statement) }
}
