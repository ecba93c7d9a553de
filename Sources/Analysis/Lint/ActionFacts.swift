import ActionCatalog
import RAMPolicy

/// What the rules need to know about one action pattern, computed once per distinct pattern of a
/// document (see ``ActionPatterns``): a document repeats the same few actions across its statements,
/// and folding, scanning and looking each one up again per entry was most of building the facts.
///
/// A class so that rules and statement comparisons pass one reference around instead of copying a
/// struct of strings and arrays (the copies were a third of the linter's time).
final class ActionFacts {
    /// The pattern as written.
    let text: String
    /// This pattern's number in its document's ``ActionPatterns`` (0 for a pattern made on its own).
    let id: Int
    /// The number of the folded form among the document's ASCII patterns: two ASCII patterns of one
    /// document are the same up to case exactly when these are equal. -1 for a non-ASCII pattern or
    /// one made on its own.
    let foldedID: Int
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
        /// FNV-1a of the folded service code, when it is a literal.
        var serviceKey: UInt64?

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
            if colon >= 0, !serviceWild {
                let code = UnsafeBufferPointer(rebasing: bytes[..<colon])
                catalogService = context.covers(service: code)
                var h = FNV1a64()
                for b in code { h.combine(byte: ASCIIFold.byte(b)) }
                serviceKey = h.value
            }
        }
    }

    /// A hash of the folded service code when it is a literal (nil for a wildcard in the code or no
    /// code): patterns with different keys have different codes, which rules most pairs out of a
    /// coverage comparison without comparing text.
    let serviceKey: UInt64?

    /// For a non-wild entry of a literal service code other than the catalogue's: whether the code is
    /// one of ``KnownServices`` (answered once per pattern; true otherwise, as nothing asks).
    let knownService: Bool

    /// Analyses `text` on its own; ``ActionPatterns`` numbers the patterns of a document.
    convenience init(_ text: String, context: CatalogContext) {
        self.init(text, id: 0, context: context) { _ in -1 }
    }

    /// Analyses `text` as pattern `id`; `foldedID` numbers the folded form of an ASCII pattern.
    init(_ text: String, id: Int, context: CatalogContext, foldedID: (String) -> Int) {
        self.text = text
        self.id = id
        var value = text
        let scan = value.withUTF8 { Scan($0, context: context) }
        wild = scan.wild
        serviceWild = scan.serviceWild
        serviceKey = scan.serviceKey
        ascii = scan.ascii
        let folded = scan.ascii ? ASCIIFold.fold(ascii: value, hasUpperCase: scan.upper) : Glob.fold(value)
        self.folded = folded
        // ":" is ASCII, so the UTF-8 offset is a character boundary.
        let service = scan.colon >= 0 ? value[..<value.utf8.index(value.startIndex, offsetBy: scan.colon)] : nil
        self.service = service
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
        if let service, !scan.serviceWild, !scan.catalogService {
            knownService = context.isKnownService(service)
        } else {
            knownService = true
        }
        self.foldedID = scan.ascii ? foldedID(folded) : -1
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

    /// The same action up to case (`ASCIIFold.equal` of the two entries). Patterns of one document
    /// compare their folded numbers; a pattern made on its own compares its folded text.
    func isSame(as other: ActionFacts) -> Bool {
        guard ascii && other.ascii else { return ASCIIFold.equal(other.text, text) }
        return foldedID >= 0 && other.foldedID >= 0 ? foldedID == other.foldedID : folded == other.folded
    }
}
