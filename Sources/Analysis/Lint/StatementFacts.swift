import ActionCatalog
import RAMPolicy

/// The catalogue facts every document needs, computed once per linter run rather than per action.
struct CatalogContext {
    let catalog: ActionCatalog
    /// The catalogue's service code, lower-cased; empty when the catalogue could not be loaded.
    let service: String

    init(_ catalog: ActionCatalog) {
        self.catalog = catalog
        service = catalog.actions.isEmpty ? "" : Glob.fold(catalog.service)
    }

    /// True when `code` (any case) is the catalogue's service code; no copy of `code` is made.
    func covers(service code: Substring) -> Bool {
        guard !service.isEmpty, code.utf8.count == service.utf8.count else { return false }
        var mine = service.utf8.makeIterator()
        for b in code.utf8 where ASCIIFold.byte(b) != mine.next() { return false }
        return true
    }
}

/// ASCII case folding on bytes, for comparisons that should not allocate a lower-cased copy.
enum ASCIIFold {
    @inline(__always)
    static func byte(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// Case-insensitive equality as `Glob.fold` defines it, without allocating for ASCII text.
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var ascii = true
        for (x, y) in zip(a.utf8, b.utf8) {
            if x >= 0x80 || y >= 0x80 { ascii = false; break }
            if byte(x) != byte(y) { return false }
        }
        return ascii || Glob.fold(a) == Glob.fold(b)
    }
}

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

    /// The action lower-cased (RAM compares actions case-insensitively), made when a comparison needs it.
    private(set) lazy var folded: String = Glob.fold(located.value)
    /// A glob over `folded`, built the first time a comparison needs it (wildcard entries only).
    private(set) lazy var glob: Glob? = wild ? Glob(folded, caseInsensitive: false) : nil

    init(_ located: Located<String>, context: CatalogContext) {
        self.located = located
        let value = located.value
        var wild = false
        var serviceWild = false
        var colon = -1
        var colons = 0
        var allStarsOrColon = true
        var position = 0
        for c in value.utf8 {
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
            position += 1
        }
        self.wild = wild
        self.serviceWild = serviceWild
        // ":" is ASCII, so the UTF-8 offset is a character boundary.
        let service: Substring? = colon >= 0 ? value[..<value.utf8.index(value.startIndex, offsetBy: colon)] : nil
        self.service = service
        // "*" and "*:*" match every action; "**:*" too. A "?" makes it narrower.
        isAll = wild && allStarsOrColon && colons <= 1
        if let service, !serviceWild, context.covers(service: service) {
            decidable = true
            catalogSet = context.catalog.matching(value)
        } else if serviceWild, !context.service.isEmpty {
            decidable = false
            catalogSet = context.catalog.matching(value)
        } else {
            decidable = false
            catalogSet = nil
        }
    }

    /// True when every action this entry names is certainly also named by `other` (sound, not complete).
    func isCovered(by other: ActionFacts) -> Bool {
        if other.isAll || ASCIIFold.equal(other.located.value, located.value) { return true }
        guard other.wild, let g = other.glob else { return false }
        if !wild { return g.matches(folded: folded) }
        return GlobInclusion.covers(other.folded, folded)
    }
}

/// What the rules need to know about one resource entry.
final class ResourceFacts {
    let located: Located<String>
    /// Only wildcards: matches every resource (and the `*` of All-Resources actions).
    let isAll: Bool
    let wild: Bool

    private(set) lazy var glob: Glob? = wild ? Glob(located.value, caseInsensitive: false) : nil

    init(_ located: Located<String>) {
        self.located = located
        var wild = false
        var star = false
        var allWild = true
        for c in located.value.utf8 {
            if c == UInt8(ascii: "*") {
                wild = true
                star = true
            } else if c == UInt8(ascii: "?") {
                wild = true
            } else {
                allWild = false
            }
        }
        self.wild = wild
        isAll = allWild && star
    }

    /// True when every resource this entry names is certainly also named by `other` (case-sensitive,
    /// which is at most as broad as the engine's matching, so the answer stays sound).
    func isCovered(by other: ResourceFacts) -> Bool {
        if other.isAll || other.located.value == located.value { return true }
        guard other.wild, let g = other.glob else { return false }
        if !wild { return g.matches(located.value) }
        return GlobInclusion.covers(other.located.value, located.value)
    }
}

/// One statement with its entries analysed, shared by all rules of a document (and across documents
/// of one identity).
final class StatementFacts {
    let file: String
    let statement: Statement
    let actions: [ActionFacts]
    let resources: [ResourceFacts]?
    /// Union of the catalogue sets of all action entries.
    let catalogUnion: ActionSet?
    /// Every action entry names a literal service the catalogue describes.
    let catalogOnly: Bool
    let isAllow: Bool
    let unconditional: Bool
    let actionsListed: Bool
    let resourcesListed: Bool
    let hasAllResources: Bool
    /// Set by the condition rules: where the statement's conditions were found never to hold.
    var neverHolds: RelatedLocation?

    init(file: String, statement: Statement, context: CatalogContext) {
        self.file = file
        self.statement = statement
        let actions = statement.actions.map { ActionFacts($0, context: context) }
        self.actions = actions
        let resources = statement.resources?.map(ResourceFacts.init)
        self.resources = resources
        var union: ActionSet?
        var only = !actions.isEmpty
        for a in actions {
            if let s = a.catalogSet {
                if union == nil { union = s } else { union?.formUnion(s) }
            }
            if !a.decidable { only = false }
        }
        catalogUnion = union
        catalogOnly = only
        isAllow = statement.effect == .allow
        unconditional = statement.conditions.isEmpty
        actionsListed = statement.actionPolarity == .matching
        resourcesListed = statement.resourcePolarity == .matching
        hasAllResources = resources?.contains { $0.isAll } ?? false
    }

    /// True when this statement certainly applies to every (action, resource) pair `other` applies to,
    /// ignoring conditions. Conservative: NotAction/NotResource are never compared.
    func covers(_ other: StatementFacts) -> Bool {
        guard actionsListed, resourcesListed, other.actionsListed, other.resourcesListed else { return false }
        switch (resources, other.resources) {
        case (nil, nil):
            break
        case (let mine?, let theirs?):
            if !hasAllResources {
                for r in theirs where !mine.contains(where: { r.isCovered(by: $0) }) { return false }
            }
        default:
            return false
        }
        for a in other.actions where !coversAction(a) { return false }
        return true
    }

    private func coversAction(_ a: ActionFacts) -> Bool {
        // For a VOD entry that grants something the catalogue decides: every syntactic cover implies
        // the catalogue subset, so the bit test alone answers. An entry that grants nothing is never
        // "covered" by the catalogue (it is reported as unknown instead).
        if a.decidable, let set = a.catalogSet, !set.isEmpty, let union = catalogUnion {
            return set.isSubset(of: union)
        }
        for b in actions where a.isCovered(by: b) { return true }
        return false
    }

    /// "Statement[1]" or "Statement[1] of other.json".
    func name(relativeTo file: String) -> String {
        self.file == file ? statement.path : "\(statement.path) of \(self.file)"
    }
}
