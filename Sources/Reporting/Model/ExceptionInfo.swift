/// A part of the allowed region that a Deny statement takes away (`ramguard explain`).
public struct ExceptionInfo: Sendable, Codable, Hashable {
    /// The constraints under which the Deny applies, all of which must hold (e.g. `acs:MFAPresent is false`).
    public var constraints: [String]
    /// The Deny statement.
    public var statement: StatementRef

    public init(constraints: [String], statement: StatementRef) {
        self.constraints = constraints
        self.statement = statement
    }
}
