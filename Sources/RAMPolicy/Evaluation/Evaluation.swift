/// A statement that took part in a decision, with enough to point at it.
public struct StatementMatch: Sendable, Hashable {
    public var layer: PolicyLayer
    public var file: String
    public var policyIndex: Int
    public var statement: Statement

    public init(layer: PolicyLayer, file: String, policyIndex: Int, statement: Statement) {
        self.layer = layer
        self.file = file
        self.policyIndex = policyIndex
        self.statement = statement
    }
}

/// What happened to one statement whose action matched the request.
public struct StatementTrace: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Resource, principal and every condition matched: the statement's effect applies.
        case applied
        case resourceMismatch
        case principalMismatch
        /// The condition at this index of `statement.conditions` failed.
        case conditionFailed(Int)
    }

    public var match: StatementMatch
    public var outcome: Outcome
}

/// The result of one layer of the evaluation chain.
public struct LayerOutcome: Sendable, Hashable {
    public var layer: PolicyLayer
    /// Nil when an earlier layer already denied, so this one was not evaluated.
    public var decision: Decision?
    /// Every statement whose action matched, with what became of it.
    public var traces: [StatementTrace]

    public var applied: [StatementMatch] { traces.filter { $0.outcome == .applied }.map(\.match) }
}

/// RAM's answer to one request, with the proof: deciding statements, layers, missing keys, assumptions.
public struct Evaluation: Sendable, Hashable {
    public var decision: Decision
    /// The layer whose denial ended the evaluation (nil when allowed).
    public var deniedBy: PolicyLayer?
    public var layers: [LayerOutcome]
    /// The matching Deny statements (ExplicitDeny), or the matching Allow statements of every layer (Allow).
    public var deciding: [StatementMatch]
    /// Condition keys the matching statements reference that the request did not carry.
    public var missingKeys: [String]
    /// Undocumented readings this decision depended on.
    public var assumptions: [Assumption]
    /// The resource compared with Resource elements (`*` for All-Resources actions).
    public var evaluatedResource: String
}

/// A reference to a compiled statement, cheap enough to produce per request in batch mode.
public struct ProofRef: Sendable, Hashable {
    public var layer: PolicyLayer
    public var index: Int32
}

/// A decision with its proving statements but without a full trace.
public struct QuickDecision: Sendable, Hashable {
    public var decision: Decision
    public var deniedBy: PolicyLayer?
    /// The applying Deny (ExplicitDeny), or the first applying Allow of each layer (Allow); empty for ImplicitDeny.
    public var proof: [ProofRef]

    init<C: Collection>(decision: Decision, deniedBy: PolicyLayer?, proof: C) where C.Element == ProofRef {
        self.decision = decision
        self.deniedBy = deniedBy
        self.proof = Array(proof)
    }
}
