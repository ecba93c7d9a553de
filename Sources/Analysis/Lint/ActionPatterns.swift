import RAMPolicy

/// The distinct action patterns of one document, each analysed once, and which of them cover which.
///
/// A document writes the same few actions in many statements; interning them by text makes each
/// analysis (scan, fold, catalogue lookup) once per pattern instead of once per entry, and gives every
/// pattern a number, so that "which patterns of this document cover pattern p" can be worked out once
/// (``coverage()``) and statement comparisons become mask tests (``PatternMask``).
struct ActionPatterns {
    let context: CatalogContext
    private var byText: TextIndex
    private var byFolded: TextIndex
    private(set) var patterns: [ActionFacts] = []

    /// A table for a document of about `entries` action entries.
    init(context: CatalogContext, entries: Int = 16) {
        self.context = context
        byText = TextIndex(expected: entries)
        byFolded = TextIndex(expected: entries)
        patterns.reserveCapacity(entries)
    }

    /// The entry for `located`, with the facts of its pattern (analysed on its first occurrence).
    mutating func intern(_ located: Located<String>) -> ActionEntry {
        let (id, inserted) = byText.insert(located.value)
        guard inserted else { return ActionEntry(located, facts: patterns[id]) }
        let facts = ActionFacts(located.value, id: id, context: context) { byFolded.insert($0).number }
        patterns.append(facts)
        return ActionEntry(located, facts: facts)
    }

    /// Which patterns cover each pattern, frozen for the document's statements to share.
    func coverage() -> ActionCoverage {
        ActionCoverage(patterns, foldedCount: byFolded.count)
    }
}

/// For each pattern of a document, the patterns of the same document that cover it
/// (`ActionFacts.isCovered(by:)`), as masks; empty when the document has more patterns than a mask holds.
///
/// A class so that every statement of the document shares one table, and so that a comparison can tell
/// two statements of one document (same table) from statements of different documents, whose pattern
/// numbers mean different things.
final class ActionCoverage {
    let coveredBy: [PatternMask]

    init(_ patterns: [ActionFacts], foldedCount: Int) {
        guard patterns.count <= PatternMask.capacity else {
            coveredBy = []
            return
        }
        // An ASCII pattern is covered by the ASCII patterns with the same folded form, and otherwise
        // only by a wildcard, an all-actions entry or a non-ASCII entry (see `isCovered(by:)`): only
        // those are compared. An ASCII pattern with a literal service code only covers ASCII patterns
        // of the same code (folded): a literal of the covering pattern absorbs only itself, so a
        // pattern with another code, a wildcard in its code or no code at all is never inside it.
        var sameFolded = [PatternMask](repeating: PatternMask(), count: foldedCount)
        var special: [ActionFacts] = []
        for p in patterns {
            if p.foldedID >= 0 { sameFolded[p.foldedID].insert(p.id) }
            if p.wild || p.isAll || !p.ascii { special.append(p) }
        }
        coveredBy = patterns.map { p in
            var mask = PatternMask()
            if p.foldedID >= 0 {
                mask = sameFolded[p.foldedID]
                for q in special {
                    if q.ascii, let service = q.serviceKey, !q.isAll, p.serviceKey != service { continue }
                    if p.isCovered(by: q) { mask.insert(q.id) }
                }
            } else {
                for q in patterns where p.isCovered(by: q) { mask.insert(q.id) }
            }
            return mask
        }
    }

    /// True when the masks answer for this document.
    var isComplete: Bool { !coveredBy.isEmpty }
}
