import ActionCatalog
import RAMPolicy

/// One statement with its entries analysed, shared by all rules of a document (and across documents
/// of one identity).
///
/// The statement itself, its entries' facts and the file are read from its ``DocumentFacts`` (by
/// position) rather than copied here: see there why.
final class StatementFacts {
    let document: DocumentFacts
    /// This statement's position in `document.statements`.
    let position: Int
    /// `statement.index`, read by every path and ordering question.
    let index: Int
    /// Where this statement's entries start in `document.entries`, and how many there are.
    private let entryStart: Int
    private let entryCount: Int
    /// Where this statement's resource entries start in `document.resources`, and how many there are
    /// (-1 without a resource list).
    private let resourceStart: Int
    private let resourceCount: Int
    /// The patterns of ``actions`` (when ``coverage`` is complete).
    let actionMask: PatternMask
    /// Some action entry has a catalogue set, and the union of those sets as bits (exact when
    /// ``bitsExact``, which it is for every catalogue ``CatalogBits`` can hold).
    let hasUnion: Bool
    let unionBits: CatalogBits
    let bitsExact: Bool
    /// Every action entry names a literal service the catalogue describes.
    let catalogOnly: Bool
    /// Every action entry is decided by the catalogue and grants something, so another statement covers
    /// this one's actions exactly when its catalogue union contains this one's (see `coversAction`).
    let actionsDecided: Bool
    let isAllow: Bool
    let unconditional: Bool
    let actionsListed: Bool
    let resourcesListed: Bool
    let hasAllResources: Bool
    /// Unconditional with listed actions and resources: only such a statement can cover another.
    let canCover: Bool
    /// The service bits (``ActionShape/serviceBit``) a statement covering this one must have: those of
    /// its entries when every entry has one, else none (an entry of no literal service is not sorted).
    let servicesNeeded: UInt64
    /// The service bits of this statement's entries; all of them when some entry has none (it may cover
    /// entries of any service).
    let servicesCovered: UInt64
    /// The name bits (``ActionShape/nameBit``) of this statement's literal entries, the head bits
    /// (``ActionShape/headBit``) of its wildcard entries that have one, and the service bits of its
    /// other wildcard entries (all of them when some entry has no service bit).
    let namesCovered: UInt64
    let wildcardHeads: UInt64
    let wildcardServices: UInt64
    /// For up to four entries of this statement that only a pattern can cover (not the catalogue):
    /// their name bit (0 for a wildcard), service bit and head bit, one of which a covering statement
    /// must have among its ``namesCovered``, ``wildcardServices`` or ``wildcardHeads``; zeros past the
    /// last. Four suffice for most statements, and checking fewer entries than there are only lets
    /// more pairs through to ``covers(_:)``.
    private let checks: (Check, Check, Check, Check)

    /// What ``mayCover(_:)`` checks of one entry (all 0: nothing).
    private struct Check {
        var name: UInt64 = 0
        var service: UInt64 = 0
        var head: UInt64 = 0
    }
    /// Set by the condition rules: where the statement's conditions were found never to hold.
    var neverHolds: RelatedLocation?

    /// Statement `position` of `document`, whose action entries are `document.entries[entryStart...]`
    /// and resource entries `document.resources[resourceStart...]` (as many as the statement has).
    init(document: DocumentFacts, position: Int, entryStart: Int, resourceStart: Int) {
        self.document = document
        self.position = position
        self.entryStart = entryStart
        self.resourceStart = resourceStart
        // Read in place through a buffer: a copy of the statement counted a dozen references.
        let statements = document.statements
        let (index, entryCount, resourceCount, effect, conditionless, actionPolarity, resourcePolarity) =
            statements.withUnsafeBufferPointer { buffer in
                let statement = UnsafePointer(buffer.baseAddress! + position)
                return (statement.pointee.index, statement.pointee.actions.count, statement.pointee.resources?.count ?? -1,
                        statement.pointee.effect, statement.pointee.conditions.isEmpty,
                        statement.pointee.actionPolarity, statement.pointee.resourcePolarity)
            }
        self.index = index
        self.entryCount = entryCount
        self.resourceCount = resourceCount
        let complete = document.coverage.isComplete
        var mask = PatternMask()
        var bits = CatalogBits()
        var exact = true
        var union = false
        var only = entryCount > 0
        var decided = entryCount > 0
        var services: UInt64 = 0
        var sorted = true
        var names: UInt64 = 0
        var heads: UInt64 = 0
        var wildcards: UInt64 = 0
        var checks = (Check(), Check(), Check(), Check())
        var checked = 0
        document.entries.withUnsafeBufferPointer { entries in
            for k in entryStart..<(entryStart + entryCount) {
                let a = entries[k].shape
                services |= a.serviceBit
                if a.serviceBit == 0 {
                    sorted = false
                    wildcards = ~0
                } else {
                    if !a.wild {
                        names |= a.nameBit
                    } else if a.headBit != 0 {
                        heads |= a.headBit
                    } else {
                        wildcards |= a.serviceBit
                    }
                    if !a.catalogueDecides && checked < 4 {
                        let check = Check(name: a.nameBit, service: a.serviceBit, head: a.headBit)
                        switch checked {
                        case 0: checks.0 = check
                        case 1: checks.1 = check
                        case 2: checks.2 = check
                        default: checks.3 = check
                        }
                        checked += 1
                    }
                }
                if complete { mask.insert(entries[k].id) }
                if a.catalogSet != nil {
                    union = true
                    if let b = a.catalogBits { bits.formUnion(b) } else { exact = false }
                    if a.catalogEmpty { decided = false }
                } else {
                    decided = false
                }
                if !a.decidable { only = false; decided = false }
            }
        }
        servicesNeeded = sorted ? services : 0
        servicesCovered = sorted ? services : ~0
        namesCovered = names
        wildcardHeads = heads
        wildcardServices = wildcards
        self.checks = checks
        hasUnion = union
        unionBits = bits
        bitsExact = exact
        actionMask = mask
        catalogOnly = only
        actionsDecided = decided
        isAllow = effect == .allow
        unconditional = conditionless
        actionsListed = actionPolarity == .matching
        resourcesListed = resourcePolarity == .matching
        var all = false
        if resourceCount > 0 {
            let resources = document.resources
            for k in resourceStart..<(resourceStart + resourceCount) where resources[k].isAll { all = true; break }
        }
        hasAllResources = all
        canCover = unconditional && actionsListed && resourcesListed
    }

    /// Union of the catalogue sets of all action entries, as an `ActionSet`: made only for a catalogue
    /// too large for ``unionBits`` to be exact.
    private lazy var catalogUnion: ActionSet? = {
        var union: ActionSet?
        for a in actions {
            if let s = a.catalogSet {
                if union == nil { union = s } else { union?.formUnion(s) }
            }
        }
        return union
    }()

    /// The union of the entries' catalogue sets is empty; nil when no entry has a set.
    var unionIsEmpty: Bool? {
        guard hasUnion else { return nil }
        return bitsExact ? unionBits.isEmpty : catalogUnion?.isEmpty
    }

    /// This statement's catalogue union is inside `other`'s (both have one).
    func unionIsSubset(of other: StatementFacts) -> Bool {
        if bitsExact && other.bitsExact { return unionBits.isSubset(of: other.unionBits) }
        guard let mine = catalogUnion, let theirs = other.catalogUnion else { return false }
        return mine.isSubset(of: theirs)
    }

    /// Every action of the catalogue union is an All-Resources action.
    func unionIsAllResources(_ context: CatalogContext) -> Bool {
        if bitsExact, let all = context.allResourcesBits { return unionBits.isSubset(of: all) }
        return catalogUnion?.isSubset(of: context.catalog.allResourcesActionSet) ?? false
    }

    var file: String { document.file }
    /// The statement (a copy: where a rule reads one field, ``entries``, ``span`` and the like read it in place).
    var statement: Statement { document.statements[position] }
    /// The statement's action entries as written.
    var entries: [Located<String>] { document.statements[position].actions }
    var span: SourceSpan { document.statements[position].span }
    var conditions: [Condition] { document.statements[position].conditions }
    /// The facts of each action entry, in the order of ``entries``.
    var actions: ActionList { ActionList(document.entries, offset: entryStart, count: entryCount) }
    /// The document's table of which action patterns cover which.
    var coverage: ActionCoverage { document.coverage }
    /// The facts of each resource entry (nil without a resource list).
    var resources: ArraySlice<ResourceFacts>? {
        resourceCount < 0 ? nil : document.resources[resourceStart..<(resourceStart + resourceCount)]
    }

    /// `statement.path` (`Statement[1]`), from the thread's ``PathTable`` (``DocumentFacts/paths``), once:
    /// a finding about a statement names it (and the statement that covers it) several times.
    var path: String { location.path }

    /// ``path``, and its form when the table rendered it.
    private(set) lazy var location: (path: String, form: PathForm?) = {
        let (text, standard) = document.paths.statementLocation(index, read { $0.pathComponents })
        return (text, standard ? .statement : nil)
    }()

    /// `body` of the statement, read in place (a copy of it counts a dozen references).
    @inline(__always)
    private func read<T>(_ body: (borrowing Statement) -> T) -> T {
        document.statements.withUnsafeBufferPointer { body($0[position]) }
    }

    /// False when this statement certainly does not cover `other`'s actions: some entry of `other` is
    /// of a service none of this statement's entries names, or (for up to four entries that only a
    /// pattern can cover: ``checks``) neither its text is among this statement's literals nor its
    /// service among this statement's wildcards, nor its first bytes among those of its wildcards
    /// with a long literal start (`rds:Delete*`). A few word tests, where most pairs of a document's
    /// statements differ and ``covers(_:)`` works out which patterns cover which.
    ///
    /// Sound for every way ``covers(_:)`` decides: a syntactic cover of an entry of a literal service
    /// code starts with that code and its colon (a literal absorbs only itself, and the code has no
    /// wildcard), so it is the same text up to case or a wildcard of that service whose literal start
    /// the entry starts with (a wildcard in it would match other text there); and a catalogue
    /// cover comes from entries of the catalogue's service or of a wildcard service (whose bits are
    /// all set).
    @inline(__always)
    func mayCover(_ other: StatementFacts) -> Bool {
        guard other.servicesNeeded & ~servicesCovered == 0 else { return false }
        let c = other.checks
        return admits(c.0) && admits(c.1) && admits(c.2) && admits(c.3)
    }

    /// The entry `check` describes may be covered by some entry of this statement.
    @inline(__always)
    private func admits(_ check: Check) -> Bool {
        check.service == 0 || check.name & namesCovered != 0 || check.service & wildcardServices != 0
            || check.head & wildcardHeads != 0
    }

    /// True when this statement certainly applies to every (action, resource) pair `other` applies to,
    /// ignoring conditions. Conservative: NotAction/NotResource are never compared.
    func covers(_ other: StatementFacts) -> Bool {
        guard actionsListed, resourcesListed, other.actionsListed, other.resourcesListed, mayCover(other) else { return false }
        // The catalogue's bit test first: most pairs differ in their actions, and it is one word-wise
        // subset test where the resource comparison matches patterns.
        let actionsDecidedByCatalogue = other.actionsDecided && hasUnion
        if actionsDecidedByCatalogue, other.hasUnion, !other.unionIsSubset(of: self) { return false }
        // Two statements of one document: each of the other's entries against this statement's
        // patterns is one mask test, so it is asked before the resources.
        let byMask = !actionsDecidedByCatalogue && document === other.document && document.coverage.isComplete
        if byMask {
            let coverage = document.coverage
            if bitsExact && other.bitsExact {
                // By pattern number: every catalogue set has its bits.
                guard coverage.covers(entries: other.entryStart, count: other.entryCount, mask: actionMask,
                                      union: hasUnion ? unionBits : nil) else { return false }
            } else {
                let entries = document.entries
                for k in other.entryStart..<(other.entryStart + other.entryCount) where !coversByMask(entries[k], coverage) {
                    return false
                }
            }
        }
        // The resource lists are compared only when both exist and this one is not All Resources.
        guard (resourceCount < 0) == (other.resourceCount < 0) else { return false }
        if !hasAllResources, resourceCount >= 0 {
            let mine = resources!
            for r in other.resources! where !mine.contains(where: { r.isCovered(by: $0) }) { return false }
        }
        if actionsDecidedByCatalogue || byMask { return true }
        let theirs = other.actions
        for k in theirs.indices where !coversAction(theirs[k]) { return false }
        return true
    }

    /// The catalogue's answer for a VOD entry that grants something the catalogue decides: every
    /// syntactic cover implies the catalogue subset, so the bit test alone answers. An entry that grants
    /// nothing is never "covered" by the catalogue (it is reported as unknown instead). Nil otherwise.
    private func catalogueCovers(_ a: ActionFacts) -> Bool? {
        let shape = a.shape
        guard shape.decidable, hasUnion, shape.catalogSet != nil, !shape.catalogEmpty else { return nil }
        if bitsExact, let bits = shape.catalogBits { return bits.isSubset(of: unionBits) }
        guard let set = shape.catalogSet, let union = catalogUnion else { return nil }
        return set.isSubset(of: union)
    }

    /// ``coversAction(_:)`` for a pattern of this statement's document (`coverage` its table).
    private func coversByMask(_ a: ActionFacts, _ coverage: ActionCoverage) -> Bool {
        catalogueCovers(a) ?? coverage.coveredBy(a).intersects(actionMask)
    }

    private func coversAction(_ a: ActionFacts) -> Bool {
        if let answer = catalogueCovers(a) { return answer }
        let mine = actions
        for k in mine.indices where a.isCoveredQuickly(by: mine[k]) { return true }
        return false
    }

    /// The path of action entry `j` (`statement.actions[j].path`), from the thread's ``PathTable``
    /// (``DocumentFacts/paths``):
    /// most findings name an action entry (and some a second one), and rendering a path costs an
    /// allocation and a thousand instructions.
    func actionPath(_ j: Int) -> String {
        actionLocation(j).path
    }

    /// ``actionPath(_:)``, and its form when the table rendered it.
    func actionLocation(_ j: Int) -> (path: String, form: PathForm?) {
        let (text, standard) = document.paths.actionLocation(statement: index, listed: actionsListed, j,
                                                             read { $0.actions[j].pathComponents })
        return (text, standard ? (actionsListed ? .action : .notAction) : nil)
    }

    /// "Statement[1]" or "Statement[1] of other.json".
    func name(relativeTo file: String) -> String {
        self.file == file ? path : Formatting.concat(path, " of ", self.file)
    }
}
