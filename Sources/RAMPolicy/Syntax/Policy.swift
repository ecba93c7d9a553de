/// A validated RAM policy document: the input of compilation and evaluation.
public struct Policy: Sendable, Hashable {
    public var source: PolicySource
    public var kind: PolicyKind
    public var statements: [Statement]
    /// Characters in the raw document (Unicode scalars), compared with the kind's limit.
    public var characterCount: Int

    public init(source: PolicySource, kind: PolicyKind, statements: [Statement], characterCount: Int) {
        self.source = source
        self.kind = kind
        self.statements = statements
        self.characterCount = characterCount
    }
}
