import ActionCatalog

/// A set of catalogue actions (by position, as ``ActionSet`` numbers them) as a fixed 256-bit value,
/// for catalogues of at most `PatternMask.capacity` actions (VOD lists under 200).
///
/// Statement comparisons take the union of a statement's catalogue sets and ask whether one union
/// contains another for every pair of statements. As `ActionSet`s (an array of words) each union was
/// an allocation and each test counted references; a fixed-width value costs neither. Built once per
/// action text (``ActionShape/catalogBits``). The same 256 bits as a document's pattern masks.
typealias CatalogBits = PatternMask

extension PatternMask {
    /// The same set as `set`; nil when it holds a position past ``capacity``.
    init?(_ set: ActionSet) {
        self.init()
        for i in set.indices {
            guard i < Self.capacity else { return nil }
            insert(i)
        }
    }
}
