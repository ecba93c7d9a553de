/// The two tables ``ActionPatterns`` numbers a document's texts and folded texts with, one pair per
/// thread (``perThread``) emptied for each document: making them anew cost six allocations and frees
/// per document. A document interns all its texts before the next one starts on the same thread
/// (``ActionPatterns`` is used inside one document's lint only).
final class InternTables {
    static let perThread = PerThread { InternTables() }
    /// Unchecked exclusivity: the tables belong to one thread, and no access re-enters them.
    @exclusivity(unchecked) var byText = TextIndex(expected: 16)
    @exclusivity(unchecked) var byFolded = TextIndex(expected: 16)
}
