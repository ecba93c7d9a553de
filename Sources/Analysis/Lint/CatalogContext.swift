import ActionCatalog
import RAMPolicy

/// The catalogue facts every document needs, computed once per linter run rather than per action.
///
/// A class so that every action entry analysed shares one reference: as a struct, each entry copied
/// the whole catalogue value (and its reference counts) in and out.
final class CatalogContext: Sendable {
    let catalog: ActionCatalog
    /// The catalogue's service code, lower-cased; empty when the catalogue could not be loaded.
    let service: String
    private let serviceBytes: [UInt8]
    /// The catalogue's service code as messages write it (`VOD`), upper-cased once.
    let serviceUppercased: String
    /// How many current actions the catalogue lists (a count over its bit set, taken once).
    let currentActionCount: Int
    /// Every action of the catalogue has a position ``CatalogBits`` can hold, so every catalogue set of
    /// an action pattern has its ``ActionShape/catalogBits``.
    let bitsFit: Bool
    /// `catalog.allResourcesActionSet` as bits (when ``bitsFit``).
    let allResourcesBits: CatalogBits?

    /// ``KnownServices/codes`` packed (see ``pack(_:)``) and sorted, for a lookup without hashing text;
    /// nil if a code does not pack (then every lookup asks ``KnownServices``).
    private let knownServices: [PackedCode]?

    init(_ catalog: ActionCatalog) {
        self.catalog = catalog
        service = catalog.actions.isEmpty ? "" : Glob.fold(catalog.service)
        serviceBytes = Array(service.utf8)
        serviceUppercased = catalog.service.uppercased()
        currentActionCount = catalog.currentActionSet.count
        bitsFit = catalog.actions.count <= CatalogBits.capacity
        allResourcesBits = bitsFit ? CatalogBits(catalog.allResourcesActionSet) : nil
        var packed: [PackedCode] = []
        for code in KnownServices.codes {
            var copy = code
            guard let p = copy.withUTF8({ Self.pack($0) }) else { packed = []; break }
            packed.append(p)
        }
        knownServices = packed.count == KnownServices.codes.count ? packed.sorted() : nil
    }

    /// The ``ActionShape`` of an action text, computed the first time a document the calling thread
    /// lints writes it (``ActionShapeCache``). `hash` is the text's ``TextIndex/hash(_:)``, which the
    /// caller has computed for its own table.
    func shape(of text: String, hash: UInt64) -> ActionShape {
        ActionShapeCache.perThread.withValue { shape(of: text, hash: hash, cache: $0) }
    }

    /// ``shape(of:hash:)`` with the calling thread's cache, which a caller asking for many texts looks
    /// up once.
    func shape(of text: String, hash: UInt64, cache: ActionShapeCache) -> ActionShape {
        if let known = cache.shape(of: text, hash: hash, context: ObjectIdentifier(self)) { return known }
        let made = ActionShape(text, context: self)
        cache.add(made, of: text, hash: hash, context: self)
        return made
    }

    /// True when `code` (any case) is the catalogue's service code; no copy of `code` is made.
    func covers(service code: Substring) -> Bool {
        guard !service.isEmpty, code.utf8.count == service.utf8.count else { return false }
        var mine = service.utf8.makeIterator()
        for b in code.utf8 where ASCIIFold.byte(b) != mine.next() { return false }
        return true
    }

    /// ``covers(service:)`` for the bytes of a service code.
    func covers(service code: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !service.isEmpty, code.count == serviceBytes.count else { return false }
        for (b, m) in zip(code, serviceBytes) where ASCIIFold.byte(b) != m { return false }
        return true
    }

    /// `KnownServices.contains(code)`: a binary search over packed codes for an ASCII code of at most
    /// 15 bytes (every real one), instead of a lower-cased copy hashed into a set for every action entry.
    func isKnownService(_ code: Substring) -> Bool {
        var copy = code
        guard let known = knownServices, let key = copy.withUTF8({ Self.pack($0) }) else {
            return KnownServices.contains(code)
        }
        var low = 0, high = known.count
        while low < high {
            let mid = (low + high) / 2
            if known[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < known.count && known[low] == key
    }

    /// An ASCII text of at most 15 bytes, folded as `Glob.fold` folds it, with its length: two texts
    /// pack equal exactly when their folded forms are equal.
    struct PackedCode: Comparable, Sendable {
        var high: UInt64
        var low: UInt64
        static func < (a: PackedCode, b: PackedCode) -> Bool { (a.high, a.low) < (b.high, b.low) }
    }

    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedCode? {
        guard bytes.count <= 15 else { return nil }
        var p = PackedCode(high: 0, low: UInt64(bytes.count))
        for (i, b) in bytes.enumerated() {
            guard b < 0x80 else { return nil }
            let f = UInt64(ASCIIFold.byte(b))
            if i < 8 { p.high |= f << UInt64(56 - 8 * i) } else { p.low |= f << UInt64(56 - 8 * (i - 8)) }
        }
        return p
    }
}
