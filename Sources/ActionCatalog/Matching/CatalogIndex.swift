import RAMPolicy

/// The lookup structures of a catalogue, built once: folded names, singleton sets and the memo of
/// wildcard expansions.
///
/// A class so that every copy of an ``ActionCatalog`` shares one memo; all mutable state sits behind
/// `lock`, the rest is immutable after `init`.
final class CatalogIndex: @unchecked Sendable {
    let foldedService: String
    let foldedNames: [String]
    let foldedAPIs: [[UInt8]]
    let byName: [String: Int]
    /// Names exactly as the catalogue spells them: policies nearly always use that spelling, and an
    /// exact hit needs no lower-cased copy of the name.
    let byExactName: [String: Int]
    let historicalByName: [String: Int]
    let singletons: [ActionSet]
    let none: ActionSet
    let all: ActionSet
    /// The actions of status `current`, and those with resource type All Resources.
    let current: ActionSet
    let allResources: ActionSet

    private let lock = Lock()
    private var memo: [String: ActionSet] = [:]
    /// Distinct patterns remembered before the memo starts over (bounds memory on hostile input).
    static let memoLimit = 8_192

    init(service: String, actions: [CatalogAction], historical: [CatalogAction]) {
        foldedService = Glob.fold(service)
        foldedNames = actions.map { Glob.fold($0.name) }
        foldedAPIs = actions.map { Array(Glob.fold($0.api).utf8) }
        var byName: [String: Int] = [:]
        for (i, n) in foldedNames.enumerated() where byName[n] == nil { byName[n] = i }
        self.byName = byName
        var byExactName: [String: Int] = [:]
        for (i, a) in actions.enumerated() where byExactName[a.name] == nil { byExactName[a.name] = i }
        self.byExactName = byExactName
        var historicalByName: [String: Int] = [:]
        for (i, a) in historical.enumerated() {
            let n = Glob.fold(a.name)
            if historicalByName[n] == nil { historicalByName[n] = i }
        }
        self.historicalByName = historicalByName
        none = ActionSet(capacity: actions.count)
        var all = none
        var current = none
        var allResources = none
        var singletons: [ActionSet] = []
        singletons.reserveCapacity(actions.count)
        for (i, a) in actions.enumerated() {
            var s = none
            s.insert(i)
            singletons.append(s)
            all.insert(i)
            if a.status == .current { current.insert(i) }
            if a.isAllResources { allResources.insert(i) }
        }
        self.singletons = singletons
        self.all = all
        self.current = current
        self.allResources = allResources
    }

    /// `pattern` as written: the exact spelling of an action is answered without folding.
    func matching(pattern: String) -> ActionSet {
        if let i = byExactName[pattern] { return singletons[i] }
        return matching(folded: Glob.fold(pattern))
    }

    func matching(folded: String) -> ActionSet {
        var wild = false
        var colon = -1
        var serviceWild = false
        var position = 0
        for b in folded.utf8 {
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "?") {
                wild = true
                if colon < 0 { serviceWild = true }
            } else if b == UInt8(ascii: ":") && colon < 0 {
                colon = position
            }
            position += 1
        }
        if !wild {
            return byName[folded].map { singletons[$0] } ?? none
        }
        // A literal service code other than ours matches nothing here, without touching the memo.
        if colon >= 0 && !serviceWild && !folded.utf8.prefix(colon).elementsEqual(foldedService.utf8) {
            return none
        }
        if let hit = lock.withLock({ memo[folded] }) { return hit }
        let glob = Glob(folded, caseInsensitive: false)
        var result = none
        if glob.matchesEverything {
            result = all
        } else {
            for (i, name) in foldedNames.enumerated() where glob.matches(folded: name) { result.insert(i) }
        }
        lock.withLock {
            if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
            memo[folded] = result
        }
        return result
    }

    func nearest(to name: String) -> Int? {
        let folded = Glob.fold(name)
        let bytes = Array(folded.utf8)
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        let sameService = colon.map { bytes[..<$0].elementsEqual(foldedService.utf8) } ?? true
        let query: [UInt8]
        if sameService {
            query = colon.map { Array(bytes[($0 + 1)...]) } ?? bytes
        } else {
            query = bytes
        }
        guard !query.isEmpty else { return nil }
        let limit = max(2, query.count / 4)
        var best: (index: Int, distance: Int)?
        for i in foldedAPIs.indices {
            let candidate = sameService ? foldedAPIs[i] : Array(foldedNames[i].utf8)
            let bound = best.map { min(limit, $0.distance - 1) } ?? limit
            guard bound >= 0, let d = EditDistance.distance(query, candidate, limit: bound) else { continue }
            best = (i, d)
            if d == 0 { break }
        }
        return best?.index
    }
}
