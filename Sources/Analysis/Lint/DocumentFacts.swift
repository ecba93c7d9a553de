import RAMPolicy

/// What every statement of one document shares: the file, the policy's statements, the analysed
/// action and resource entries of all of them (in statement order) and the document's pattern
/// coverage table.
///
/// One object per document, which each ``StatementFacts`` refers to: a statement's facts used to copy
/// its `Statement` (a dozen reference-counted fields), the file name and windows on these lists, and
/// counting those references in and out for every statement was a tenth of the linter's time.
final class DocumentFacts {
    let file: String
    let statements: [Statement]
    /// The facts of every action entry, statement after statement.
    let entries: [ActionFacts]
    /// The facts of every resource entry, statement after statement.
    let resources: [ResourceFacts]
    /// Which of the document's action patterns cover which.
    let coverage: ActionCoverage
    /// The ``PathTable`` of the thread that lints the document, looked up once for all its findings.
    let paths: PathTable

    init(file: String, statements: [Statement], entries: [ActionFacts], resources: [ResourceFacts], coverage: ActionCoverage,
         paths: PathTable = PathTable.perThread.withValue { $0 }) {
        self.file = file
        self.statements = statements
        self.entries = entries
        self.resources = resources
        self.coverage = coverage
        self.paths = paths
    }
}
