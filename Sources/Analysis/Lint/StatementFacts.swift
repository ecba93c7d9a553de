import ActionCatalog
import RAMPolicy

/// One statement with its entries analysed, shared by all rules of a document (and across documents
/// of one identity).
final class StatementFacts {
    let file: String
    let statement: Statement
    /// The facts of each action entry, in the order of `statement.actions` (where the entries'
    /// text, span and path are: copying those here cost reference counts per entry for nothing).
    let actions: ActionList
    /// The document's table of which action patterns cover which.
    let coverage: ActionCoverage
    /// The patterns of ``actions`` (when ``coverage`` is complete).
    let actionMask: PatternMask
    /// The facts of each resource entry (nil without a resource list), a window on the document's list.
    let resources: ArraySlice<ResourceFacts>?
    /// Union of the catalogue sets of all action entries.
    let catalogUnion: ActionSet?
    /// Every action entry names a literal service the catalogue describes.
    let catalogOnly: Bool
    /// Every action entry is decided by the catalogue and grants something, so another statement covers
    /// this one's actions exactly when its catalogue union contains ``catalogUnion`` (see `coversAction`).
    let actionsDecided: Bool
    let isAllow: Bool
    let unconditional: Bool
    let actionsListed: Bool
    let resourcesListed: Bool
    let hasAllResources: Bool
    /// Unconditional with listed actions and resources: only such a statement can cover another.
    let canCover: Bool
    /// Set by the condition rules: where the statement's conditions were found never to hold.
    var neverHolds: RelatedLocation?
    /// `statement.path`, rendered once: a finding about a statement names it (and the statement
    /// that covers it) several times.
    private(set) lazy var path: String = statement.path
    /// The path of the action list (`Statement[1].Action`), and its rendering, made when a finding
    /// first names one of its entries.
    private lazy var actionListPath: PolicyPath = statement.pathComponents.key(actionsListed ? "Action" : "NotAction")
    private lazy var actionListText: String = actionListPath.description

    /// `actions` are the statement's entries interned in its document's patterns, `coverage` the
    /// document's table of which patterns cover which.
    /// `resources` are the facts of `statement.resources`, in order (nil when it has none).
    init(file: String, statement: Statement, actions: ActionList, resources: ArraySlice<ResourceFacts>?, coverage: ActionCoverage) {
        self.file = file
        self.statement = statement
        self.actions = actions
        self.coverage = coverage
        self.resources = resources
        var mask = PatternMask()
        var union: ActionSet?
        var only = !actions.isEmpty
        var decided = !actions.isEmpty
        for a in actions {
            if coverage.isComplete { mask.insert(a.id) }
            if let s = a.catalogSet {
                if union == nil { union = s } else { union?.formUnion(s) }
                if s.isEmpty { decided = false }
            } else {
                decided = false
            }
            if !a.decidable { only = false; decided = false }
        }
        catalogUnion = union
        actionMask = mask
        catalogOnly = only
        actionsDecided = decided
        isAllow = statement.effect == .allow
        unconditional = statement.conditions.isEmpty
        actionsListed = statement.actionPolarity == .matching
        resourcesListed = statement.resourcePolarity == .matching
        hasAllResources = resources?.contains { $0.isAll } ?? false
        canCover = unconditional && actionsListed && resourcesListed
    }

    /// True when this statement certainly applies to every (action, resource) pair `other` applies to,
    /// ignoring conditions. Conservative: NotAction/NotResource are never compared.
    func covers(_ other: StatementFacts) -> Bool {
        guard actionsListed, resourcesListed, other.actionsListed, other.resourcesListed else { return false }
        // The catalogue's bit test first: most pairs differ in their actions, and it is one word-wise
        // subset test where the resource comparison matches patterns.
        let actionsDecidedByCatalogue = other.actionsDecided && catalogUnion != nil
        if actionsDecidedByCatalogue, let theirs = other.catalogUnion, let mine = catalogUnion, !theirs.isSubset(of: mine) {
            return false
        }
        // Two statements of one document: each of the other's entries against this statement's
        // patterns is one mask test, so it is asked before the resources.
        let byMask = !actionsDecidedByCatalogue && coverage === other.coverage && coverage.isComplete
        if byMask {
            // By index: iterating the entries copied each one (three reference counts) per test.
            let theirs = other.actions
            for k in 0..<theirs.count where !coversByMask(theirs[k]) { return false }
        }
        // The resource lists are bound only when both exist and this one is not All Resources:
        // binding them for every pair counted references for most pairs for nothing.
        guard (resources == nil) == (other.resources == nil) else { return false }
        if !hasAllResources, let mine = resources, let theirs = other.resources {
            for r in theirs where !mine.contains(where: { r.isCovered(by: $0) }) { return false }
        }
        if actionsDecidedByCatalogue || byMask { return true }
        for k in other.actions.indices where !coversAction(other.actions[k]) { return false }
        return true
    }

    /// The catalogue's answer for a VOD entry that grants something the catalogue decides: every
    /// syntactic cover implies the catalogue subset, so the bit test alone answers. An entry that grants
    /// nothing is never "covered" by the catalogue (it is reported as unknown instead). Nil otherwise.
    private func catalogueCovers(_ a: ActionFacts) -> Bool? {
        if a.decidable, let set = a.catalogSet, !set.isEmpty, let union = catalogUnion {
            return set.isSubset(of: union)
        }
        return nil
    }

    /// ``coversAction(_:)`` for a pattern of this statement's document.
    private func coversByMask(_ a: ActionFacts) -> Bool {
        catalogueCovers(a) ?? coverage.coveredBy(a).intersects(actionMask)
    }

    private func coversAction(_ a: ActionFacts) -> Bool {
        if let answer = catalogueCovers(a) { return answer }
        for k in actions.indices where a.isCoveredQuickly(by: actions[k]) { return true }
        return false
    }

    /// The path of action entry `j` (`located.path`): the list's path rendered once plus the index,
    /// when the entry's path is the list's with that index. Rendering a path costs thousands of
    /// instructions, and most findings name an action entry (and some a second one).
    func actionPath(_ j: Int) -> String {
        // The entry's path compared in place: a copy of the entry counted references for nothing.
        guard Self.rendersIndexSuffix, statement.actions[j].pathComponents == actionListPath.index(j) else {
            return statement.actions[j].path
        }
        // `Statement[i]` is a short string (no allocation), where the list's path was a string of its own.
        if listExtendsStatementPath { return Formatting.indexed(path, then: actionsListed ? ".Action" : ".NotAction", j) }
        return Formatting.indexed(actionListText, j)
    }

    /// True when the action list's path renders as the statement's followed by `.Action` (or
    /// `.NotAction`): the statement's path is entry `index` of the `Statement` array, and such paths
    /// render that way (``rendersKeySuffix``).
    private lazy var listExtendsStatementPath: Bool =
        Self.rendersKeySuffix && statement.pathComponents == Self.statementList.index(statement.index)

    private static let statementList = PolicyPath.root.key("Statement")

    /// True when an element under an indexed statement renders as the statement's path, a dot and the
    /// element's name; checked once, like ``rendersIndexSuffix``.
    static let rendersKeySuffix: Bool = {
        let statement = statementList.index(3)
        return statement.key("Action").description == statement.description + ".Action"
            && statement.key("NotAction").description == statement.description + ".NotAction"
    }()

    /// True when a path with an array index renders as the path without it followed by `[index]`, as
    /// JSON paths are written; checked once, so that ``actionPath(_:)`` falls back to rendering each
    /// path should that ever change.
    static let rendersIndexSuffix: Bool = {
        let list = PolicyPath.root.key("Statement").index(3).key("Action")
        return list.index(12).description == list.description + "[12]"
    }()

    /// "Statement[1]" or "Statement[1] of other.json".
    func name(relativeTo file: String) -> String {
        self.file == file ? path : Formatting.concat(path, " of ", self.file)
    }
}
