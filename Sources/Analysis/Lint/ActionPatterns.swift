import RAMPolicy

/// The distinct action patterns of one document, each analysed once, and which of them cover which.
///
/// A document writes the same few actions in many statements; interning them by text makes each
/// analysis (scan, fold, catalogue lookup) once per pattern instead of once per entry, and gives every
/// pattern a number, so that "which patterns of this document cover pattern p" can be worked out once
/// (``coverage()``) and statement comparisons become mask tests (``PatternMask``).
struct ActionPatterns {
    let context: CatalogContext
    /// The calling thread's shapes (``ActionShapeCache/perThread``), looked up once per document.
    private let shapes: ActionShapeCache
    /// The calling thread's tables of texts and folded texts (``InternTables/perThread``), emptied for
    /// this document.
    private let tables: InternTables
    private(set) var patterns: [ActionFacts] = []
    /// The pattern number of every text interned, in order (the document's entries).
    private var entryIDs: [Int32] = []

    /// A table for a document of about `entries` action entries.
    init(context: CatalogContext, entries: Int = 16) {
        self.context = context
        shapes = ActionShapeCache.perThread.withValue { $0 }
        tables = InternTables.perThread.withValue { $0 }
        tables.byText.reset(expected: entries)
        tables.byFolded.reset(expected: entries)
        patterns.reserveCapacity(entries)
        entryIDs.reserveCapacity(entries)
    }

    /// The facts of the pattern `text` (made on its first occurrence in the document).
    mutating func intern(_ text: String) -> ActionFacts {
        let hash = TextIndex.hash(text)
        let (id, inserted) = tables.byText.insert(text, hash: hash)
        entryIDs.append(Int32(truncatingIfNeeded: id))
        guard inserted else { return patterns[id] }
        let shape = context.shape(of: text, hash: hash, cache: shapes)
        let facts = ActionFacts(shape, id: id, foldedID: shape.ascii ? tables.byFolded.insert(shape.folded, hash: shape.foldedHash).number : -1)
        patterns.append(facts)
        return facts
    }

    /// Which patterns cover each pattern, frozen for the document's statements to share.
    func coverage() -> ActionCoverage {
        ActionCoverage(patterns, foldedCount: tables.byFolded.count, entries: entryIDs)
    }
}

/// For each pattern of a document, the patterns of the same document that cover it
/// (`ActionFacts.isCovered(by:)`), as masks, each worked out the first time a comparison asks; none
/// when the document has more patterns than a mask holds (``isComplete`` is false).
///
/// A class so that every statement of the document shares one table (and what it has worked out),
/// and so that a comparison can tell two statements of one document (same table) from statements of
/// different documents, whose pattern numbers mean different things. Lazy because many patterns are
/// never asked about: a VOD entry that the catalogue decides is compared by its catalogue set.
final class ActionCoverage {
    /// True when the masks answer for this document.
    let isComplete: Bool
    private let patterns: [ActionFacts]
    /// The patterns that can cover a pattern of another folded form: wildcards, all-actions entries
    /// and non-ASCII entries (see `isCovered(by:)`).
    private let special: [ActionFacts]
    /// Per folded number, the ASCII patterns of that folded form.
    private let sameFolded: [PatternMask]
    /// The masks worked out so far. Unchecked exclusivity: the table belongs to one document's lint
    /// on one thread and `coveredBy(_:)` does not re-enter, while the runtime checks on these two
    /// arrays cost a third of the lookups.
    @exclusivity(unchecked) private var masks: [PatternMask]
    /// The patterns whose masks are worked out (a mask, as there are at most `PatternMask.capacity`).
    private var known = PatternMask()
    /// The pattern number of each entry of the document, in order (when ``isComplete``).
    private let entries: [Int32]
    /// The patterns the catalogue decides (see `StatementFacts.covers(_:)`), and their catalogue sets
    /// as bits by pattern number.
    private let decided: PatternMask
    private let decidedBits: [CatalogBits]

    /// `entries` are the pattern numbers of the document's entries, in order.
    init(_ patterns: [ActionFacts], foldedCount: Int, entries: [Int32] = []) {
        isComplete = !patterns.isEmpty && patterns.count <= PatternMask.capacity
        self.patterns = isComplete ? patterns : []
        var sameFolded = [PatternMask](repeating: PatternMask(), count: isComplete ? foldedCount : 0)
        var special: [ActionFacts] = []
        if isComplete {
            special.reserveCapacity(patterns.count)
            for p in patterns {
                if p.foldedID >= 0 { sameFolded[p.foldedID].insert(p.id) }
                if p.wild || p.isAll || !p.ascii { special.append(p) }
            }
        }
        self.sameFolded = sameFolded
        self.special = special
        masks = Array(repeating: PatternMask(), count: self.patterns.count)
        self.entries = isComplete ? entries : []
        var decided = PatternMask()
        var decidedBits = [CatalogBits](repeating: CatalogBits(), count: self.patterns.count)
        for p in self.patterns {
            let shape = p.shape
            if shape.decidable, !shape.catalogEmpty, let bits = shape.catalogBits {
                decided.insert(p.id)
                decidedBits[p.id] = bits
            }
        }
        self.decided = decided
        self.decidedBits = decidedBits
    }

    /// True when each of `count` entries from `start` of the document is covered by a pattern of
    /// `mask` or, for a pattern the catalogue decides, by the catalogue union `union` (nil for none):
    /// `StatementFacts.covers(_:)` for two statements of this document when every catalogue set has
    /// its bits. Works on pattern numbers, where asking for each entry's facts copied them (a
    /// reference count each way per entry and pair of statements).
    func covers(entries start: Int, count: Int, mask: PatternMask, union: CatalogBits?) -> Bool {
        for k in start..<(start + count) {
            let p = Int(entries[k])
            if let union, decided.contains(p) {
                if !decidedBits[p].isSubset(of: union) { return false }
            } else if !coveredBy(id: p).intersects(mask) {
                return false
            }
        }
        return true
    }

    /// ``coveredBy(id:)`` when it is worked out already, else nil (and always nil when the table is
    /// not complete).
    func knownCoveredBy(id: Int) -> PatternMask? {
        isComplete && known.contains(id) ? masks[id] : nil
    }

    /// The patterns that cover `p` (a pattern of this table; only when ``isComplete``).
    func coveredBy(_ p: ActionFacts) -> PatternMask {
        coveredBy(id: p.id)
    }

    /// The patterns that cover pattern number `id` (only when ``isComplete``).
    func coveredBy(id: Int) -> PatternMask {
        if known.contains(id) { return masks[id] }
        let p = patterns[id]
        var mask = PatternMask()
        if p.foldedID >= 0 {
            // An ASCII pattern is covered by the ASCII patterns of its folded form, and otherwise only
            // by a special one.
            mask = sameFolded[p.foldedID]
            for q in special where p.isCoveredQuickly(by: q) { mask.insert(q.id) }
        } else {
            for q in patterns where p.isCovered(by: q) { mask.insert(q.id) }
        }
        masks[p.id] = mask
        known.insert(p.id)
        return mask
    }
}
