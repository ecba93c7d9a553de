import ActionCatalog
import RAMPolicy

/// One distinct action pattern of a document (see ``ActionPatterns``): its ``ActionShape`` (shared
/// by every document that writes the text) and its numbers in the document, which make statement
/// comparisons mask tests.
///
/// A small value: the shape is a shared reference, so copying the facts counts one reference (as
/// copying a struct of strings and arrays once did a dozen, which were a third of the linter's time),
/// and a document's patterns cost no allocation each.
struct ActionFacts {
    let shape: ActionShape
    /// This pattern's number in its document's ``ActionPatterns`` (0 for a pattern made on its own).
    let id: Int
    /// The number of the folded form among the document's ASCII patterns: two ASCII patterns of one
    /// document are the same up to case exactly when these are equal. -1 for a non-ASCII pattern or
    /// one made on its own.
    let foldedID: Int

    /// The pattern as written.
    var text: String { shape.text }
    /// The service code as written; nil for `*`.
    var service: Substring? { shape.service }
    var serviceWild: Bool { shape.serviceWild }
    var wild: Bool { shape.wild }
    /// `*`, `**`, `*:*` and the like: every action of every service.
    var isAll: Bool { shape.isAll }
    /// Catalogue actions the entry matches; nil when the catalogue cannot tell (another service).
    var catalogSet: ActionSet? { shape.catalogSet }
    /// True when the service code is a literal the catalogue describes (so "matches nothing" is decidable).
    var decidable: Bool { shape.decidable }
    /// The entry is ASCII (nearly every action), so comparisons can work on bytes.
    var ascii: Bool { shape.ascii }
    /// The action lower-cased (RAM compares actions case-insensitively).
    var folded: String { shape.folded }
    /// For a non-wild entry of a literal service code other than the catalogue's: whether the code is
    /// one of ``KnownServices``.
    var knownService: Bool { shape.knownService }
    /// How many of the catalogue's current actions ``catalogSet`` holds.
    var currentCount: Int { shape.currentCount }

    /// A glob over `folded` (wildcard entries only), for comparisons with a non-ASCII entry.
    var glob: Glob? { shape.glob }

    /// Analyses `text` on its own; ``ActionPatterns`` numbers the patterns of a document.
    init(_ text: String, context: CatalogContext) {
        self.init(ActionShape(text, context: context), id: 0, foldedID: -1)
    }

    /// Pattern `id` of a document, `foldedID` the number of its folded form (-1 if not ASCII).
    init(_ shape: ActionShape, id: Int, foldedID: Int) {
        self.shape = shape
        self.id = id
        self.foldedID = foldedID
    }

    /// True when every action this entry names is certainly also named by `other` (sound, not complete).
    func isCovered(by other: ActionFacts) -> Bool {
        if other.isAll { return true }
        if ascii && other.ascii {
            // Byte comparisons of the folded forms: what the general path below computes for ASCII.
            if folded == other.folded { return true }
            guard other.wild else { return false }
            return wild ? GlobInclusion.covers(ascii: other.folded, folded) : ASCIIGlob.matches(other.folded, folded)
        }
        if ASCIIFold.equal(other.text, text) { return true }
        guard other.wild, let g = other.glob else { return false }
        if !wild { return g.matches(folded: folded) }
        return GlobInclusion.covers(other.folded, folded)
    }

    /// ``isCovered(by:)``, answered from the first 16 bytes where they decide it: for two ASCII
    /// patterns, a pattern that does not start with `other`'s text before its first wildcard is not
    /// covered (``mayBeCovered(by:)``), and one that does is covered when `other` is that text followed
    /// by a single `*` (`vod:Get*`), as `GlobInclusion` and `ASCIIGlob` decide it.
    func isCoveredQuickly(by other: ActionFacts) -> Bool {
        if ascii && other.ascii {
            guard mayBeCovered(by: other) else { return false }
            if other.shape.prefixStar && other.shape.literalLength <= 16 { return shape.byteCount >= other.shape.literalLength }
        }
        return isCovered(by: other)
    }

    /// False when `other` certainly does not cover this pattern (both ASCII): every string `other`
    /// matches starts with its text before the first wildcard, so a covered pattern starts with that
    /// text too (a literal there that differs, a wildcard there or a shorter pattern would match
    /// strings `other` does not). Two word comparisons, where ``isCovered(by:)`` walks both texts.
    func mayBeCovered(by other: ActionFacts) -> Bool {
        (shape.head0 ^ other.shape.head0) & other.shape.literal0 == 0
            && (shape.head1 ^ other.shape.head1) & other.shape.literal1 == 0
    }

    /// The same action up to case (`ASCIIFold.equal` of the two entries). Patterns of one document
    /// compare their folded numbers; a pattern made on its own compares its folded text.
    func isSame(as other: ActionFacts) -> Bool {
        guard ascii && other.ascii else { return ASCIIFold.equal(other.text, text) }
        return foldedID >= 0 && other.foldedID >= 0 ? foldedID == other.foldedID : folded == other.folded
    }
}
