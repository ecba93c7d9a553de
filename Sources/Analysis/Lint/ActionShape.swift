import ActionCatalog
import RAMPolicy

/// What an action pattern's text decides on its own (with the linter's catalogue): computed once per
/// distinct text per linter and shared by every document that writes it (``CatalogContext/shape(of:)``).
///
/// A stress tree writes the same hundred-odd actions in thousands of documents; scanning, folding and
/// looking each one up in the catalogue again for every document was the largest part of preparing
/// a document's statements.
///
/// A class: the cache hands the same shape to every document that writes the text, and a reference
/// is one count to copy and release where the fields were a dozen (strings, a substring, a set).
final class ActionShape: Sendable {
    /// The pattern as written.
    let text: String
    /// The service code as written; nil for `*`.
    let service: Substring?
    let serviceWild: Bool
    /// A literal service code (`service` is not nil and has no wildcard), and its length in bytes
    /// (-1 without a service code): the grant rules read these for every entry.
    let literalService: Bool
    let serviceLength: Int
    /// One bit picked by a hash of the folded service code, for an ASCII entry with a literal service
    /// code; 0 for any other entry (a wildcard or missing service code, or non-ASCII text), which may
    /// cover or be covered by an entry of any service. An entry covers another of a literal service
    /// only if it names the same service (see `StatementFacts.mayCover(_:)`), so statements whose
    /// service bits differ are told apart without comparing their patterns.
    let serviceBit: UInt64
    /// One bit picked by ``foldedHash``, for a literal (no wildcard) entry with a ``serviceBit``; 0
    /// otherwise. Such an entry is covered (up to the catalogue) only by the same text up to case or
    /// by a wildcard of its service: see `StatementFacts.mayCover(_:)`.
    let nameBit: UInt64
    /// One bit picked by the folded service code, colon and the three bytes after it, when they are
    /// literal (an ASCII entry with a ``serviceBit``); 0 otherwise. A wildcard whose text before its
    /// first wildcard is that long covers only entries that start with the same bytes.
    let headBit: UInt64
    /// The catalogue may decide whether another statement covers this entry (`StatementFacts.covers`
    /// asks the catalogue union for such entries, not the patterns).
    let catalogueDecides: Bool
    let wild: Bool
    /// `*`, `**`, `*:*` and the like: every action of every service.
    let isAll: Bool
    /// Catalogue actions the entry matches; nil when the catalogue cannot tell (another service).
    let catalogSet: ActionSet?
    /// ``catalogSet`` as a fixed-width value, when there is one and the catalogue fits
    /// (``CatalogContext/bitsFit``); nil otherwise.
    let catalogBits: CatalogBits?
    /// ``catalogSet`` is empty (false without a set): the entry grants nothing the catalogue knows.
    let catalogEmpty: Bool
    /// True when the service code is a literal the catalogue describes (so "matches nothing" is decidable).
    let decidable: Bool
    /// The entry is ASCII (nearly every action), so comparisons can work on bytes.
    let ascii: Bool
    /// The action lower-cased (RAM compares actions case-insensitively); the entry itself when it has
    /// no upper-case letter.
    let folded: String
    /// For a non-wild entry of a literal service code other than the catalogue's: whether the code is
    /// one of ``KnownServices`` (true otherwise, as nothing asks).
    let knownService: Bool
    /// How many of the catalogue's current actions ``catalogSet`` holds (0 without a set).
    let currentCount: Int
    /// The first 16 bytes of ``folded`` (big-endian, zero past the end), and a mask of the bytes of
    /// them before the first wildcard: see `ActionFacts.mayBeCovered(by:)`.
    let head0: UInt64
    let head1: UInt64
    let literal0: UInt64
    let literal1: UInt64
    /// The pattern's length in bytes, and the position of its first wildcard (its length if none).
    let byteCount: Int
    let literalLength: Int
    /// The only wildcard is one `*` at the end (`vod:Get*`): such a pattern covers exactly the
    /// patterns that start with its text before the `*`.
    let prefixStar: Bool
    /// A glob over ``folded`` (wildcard entries only), for comparisons with a non-ASCII entry: built
    /// with the shape, once per text for every document, since a shape is shared and immutable.
    let glob: Glob?
    /// ``TextIndex/hash(_:)`` of ``folded``: a document numbers its folded forms, and the shape is
    /// made once per text where documents repeat it thousands of times.
    let foldedHash: UInt64
    /// The message of the `ServiceWildcard` finding about an entry written as this ASCII text, when the
    /// grant rules report one (an all-actions entry outside an administrator grant, a catalogue
    /// wildcard, or a whole other service): it depends on the text and the catalogue only, and a third
    /// of a stress tree's findings are such grants, each building the same message again. Nil for a
    /// non-ASCII text, whose entries may be written differently but compare equal.
    let grantMessage: String?

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
        /// The first 16 bytes, folded, big-endian (zero past the end).
        var head0: UInt64 = 0
        var head1: UInt64 = 0
        /// Where the first wildcard is (the length when there is none).
        var literalLength = -1
        /// FNV-1a of the folded bytes before the first colon.
        var serviceHash: UInt64 = 0xcbf2_9ce4_8422_2325

        init(_ bytes: UnsafeBufferPointer<UInt8>, context: CatalogContext) {
            for position in bytes.indices {
                let c = bytes[position]
                if c >= 0x80 { ascii = false } else if c >= 0x41 && c <= 0x5A { upper = true }
                if position < 16 {
                    let f = UInt64(ASCIIFold.byte(c))
                    if position < 8 { head0 |= f << UInt64(56 - 8 * position) } else { head1 |= f << UInt64(120 - 8 * position) }
                }
                if c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
                    if literalLength < 0 { literalLength = position }
                    wild = true
                    if colon < 0 { serviceWild = true }
                    if c == UInt8(ascii: "?") { allStarsOrColon = false }
                } else if c == UInt8(ascii: ":") {
                    if colon < 0 { colon = position }
                    colons += 1
                } else {
                    allStarsOrColon = false
                }
                if colon < 0 { serviceHash = (serviceHash ^ UInt64(ASCIIFold.byte(c))) &* FNV1a64.prime }
            }
            if literalLength < 0 { literalLength = bytes.count }
            if colon >= 0, !serviceWild { catalogService = context.covers(service: UnsafeBufferPointer(rebasing: bytes[..<colon])) }
        }
    }

    init(_ text: String, context: CatalogContext) {
        self.text = text
        var value = text
        let scan = value.withUTF8 { Scan($0, context: context) }
        wild = scan.wild
        serviceWild = scan.serviceWild
        literalService = scan.colon >= 0 && !scan.serviceWild
        serviceLength = scan.colon
        serviceBit = scan.ascii && scan.colon >= 0 && !scan.serviceWild ? 1 << ((scan.serviceHash ^ scan.serviceHash >> 32) & 63) : 0
        head0 = scan.head0
        head1 = scan.head1
        byteCount = value.utf8.count
        literalLength = scan.literalLength
        prefixStar = scan.wild && scan.literalLength == byteCount - 1 && value.utf8.last == UInt8(ascii: "*")
        let literal = min(scan.literalLength, 16)
        literal0 = literal >= 8 ? ~0 : literal == 0 ? 0 : ~0 << UInt64(64 - 8 * literal)
        literal1 = literal <= 8 ? 0 : literal == 16 ? ~0 : ~0 << UInt64(128 - 8 * literal)
        ascii = scan.ascii
        let folded = scan.ascii ? ASCIIFold.fold(ascii: value, hasUpperCase: scan.upper) : Glob.fold(value)
        self.folded = folded
        glob = scan.wild ? Glob(folded, caseInsensitive: false) : nil
        foldedHash = TextIndex.hash(folded)
        nameBit = serviceBit != 0 && !scan.wild ? 1 << ((foldedHash ^ foldedHash >> 40) & 63) : 0
        let head = scan.colon + 4
        if serviceBit != 0, scan.literalLength >= head, head <= 16 {
            let mask0: UInt64 = head >= 8 ? ~0 : ~0 << UInt64(64 - 8 * head)
            let mask1: UInt64 = head <= 8 ? 0 : head == 16 ? ~0 : ~0 << UInt64(128 - 8 * head)
            let mixed = ((scan.head0 & mask0) ^ ((scan.head1 & mask1) &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
            headBit = 1 << (mixed >> 58)
        } else {
            headBit = 0
        }
        // ":" is ASCII, so the UTF-8 offset is a character boundary.
        let service = scan.colon >= 0 ? value[..<value.utf8.index(value.startIndex, offsetBy: scan.colon)] : nil
        self.service = service
        // "*" and "*:*" match every action; "**:*" too. A "?" makes it narrower.
        isAll = scan.wild && scan.allStarsOrColon && scan.colons <= 1
        let catalogSet: ActionSet?
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
        self.catalogSet = catalogSet
        catalogBits = context.bitsFit ? catalogSet.flatMap { CatalogBits($0) } : nil
        catalogEmpty = catalogSet?.isEmpty ?? false
        catalogueDecides = decidable && catalogSet != nil && !catalogEmpty
        currentCount = catalogSet?.intersection(context.catalog.currentActionSet).count ?? 0
        if let service, !scan.serviceWild, !scan.catalogService {
            knownService = context.isKnownService(service)
        } else {
            knownService = true
        }
        let wholeService = byteCount == scan.colon + 2 && prefixStar
        if !scan.ascii {
            grantMessage = nil
        } else if isAll {
            grantMessage = Formatting.concat(text, " grants every action of every service; list the actions this identity needs")
        } else if literalService, scan.catalogService, catalogSet != nil {
            let total = context.currentActionCount
            let share = wholeService || currentCount == total ? "" : Formatting.concat(" of ", String(total))
            grantMessage = Formatting.concat(text, " grants ", String(currentCount), share, " ", context.serviceUppercased,
                                             " actions; list the actions this identity needs")
        } else if literalService, wholeService {
            grantMessage = Formatting.concat(text, " grants every action of the ", String(folded[..<folded.utf8.index(folded.startIndex, offsetBy: scan.colon)]),
                                             " service; list the actions this identity needs")
        } else {
            grantMessage = nil
        }
    }
}
