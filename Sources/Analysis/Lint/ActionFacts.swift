import ActionCatalog
import RAMPolicy

/// What the rules need to know about one action entry, computed once per entry.
///
/// A class so that rules and statement comparisons pass one reference around instead of copying a
/// struct of strings and arrays (the copies were a third of the linter's time).
final class ActionFacts {
    let located: Located<String>
    /// The service code as written; nil for `*`.
    let service: Substring?
    let serviceWild: Bool
    let wild: Bool
    /// `*`, `**`, `*:*` and the like: every action of every service.
    let isAll: Bool
    /// Catalogue actions the entry matches; nil when the catalogue cannot tell (another service).
    let catalogSet: ActionSet?
    /// True when the service code is a literal the catalogue describes (so "matches nothing" is decidable).
    let decidable: Bool

    /// The entry is ASCII (nearly every action), so comparisons can work on bytes.
    let ascii: Bool
    /// The action lower-cased (RAM compares actions case-insensitively); the entry itself when it has
    /// no upper-case letter. Made eagerly: statement comparisons read it in their innermost loops,
    /// where a lazy property's checks cost more than folding every entry once.
    let folded: String
    /// A glob over `folded`, built the first time a comparison with a non-ASCII entry needs it
    /// (wildcard entries only).
    private(set) lazy var glob: Glob? = wild ? Glob(folded, caseInsensitive: false) : nil

    /// What one pass over the entry's bytes finds.
    private struct Scan {
        var wild = false
        var serviceWild = false
        var colon = -1
        var colons = 0
        var allStarsOrColon = true
        var ascii = true
        var upper = false
        /// The service code is the catalogue's (see ``CatalogContext/covers(service:)``).
        var catalogService = false

        init(_ bytes: UnsafeBufferPointer<UInt8>, context: CatalogContext) {
            for (position, c) in bytes.enumerated() {
                if c >= 0x80 { ascii = false } else if c >= 0x41 && c <= 0x5A { upper = true }
                if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                    wild = true
                    if colon < 0 { serviceWild = true }
                    if c == UInt8(ascii: "?") { allStarsOrColon = false }
                } else if c == UInt8(ascii: ":") {
                    if colon < 0 { colon = position }
                    colons += 1
                } else {
                    allStarsOrColon = false
                }
            }
            if colon >= 0, !serviceWild { catalogService = context.covers(service: UnsafeBufferPointer(rebasing: bytes[..<colon])) }
        }
    }

    init(_ located: Located<String>, context: CatalogContext) {
        self.located = located
        var value = located.value
        let scan = value.withUTF8 { Scan($0, context: context) }
        wild = scan.wild
        serviceWild = scan.serviceWild
        ascii = scan.ascii
        folded = scan.ascii ? ASCIIFold.fold(ascii: value, hasUpperCase: scan.upper) : Glob.fold(value)
        // ":" is ASCII, so the UTF-8 offset is a character boundary.
        service = scan.colon >= 0 ? value[..<value.utf8.index(value.startIndex, offsetBy: scan.colon)] : nil
        // "*" and "*:*" match every action; "**:*" too. A "?" makes it narrower.
        isAll = scan.wild && scan.allStarsOrColon && scan.colons <= 1
        if scan.catalogService {
            decidable = true
            catalogSet = context.catalog.matching(value)
        } else if scan.serviceWild, !context.service.isEmpty {
            decidable = false
            catalogSet = context.catalog.matching(value)
        } else {
            decidable = false
            catalogSet = nil
        }
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
        if ASCIIFold.equal(other.located.value, located.value) { return true }
        guard other.wild, let g = other.glob else { return false }
        if !wild { return g.matches(folded: folded) }
        return GlobInclusion.covers(other.folded, folded)
    }

    /// The same action up to case (`ASCIIFold.equal` of the two entries).
    func isSame(as other: ActionFacts) -> Bool {
        ascii && other.ascii ? folded == other.folded : ASCIIFold.equal(other.located.value, located.value)
    }
}
