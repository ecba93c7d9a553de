import ActionCatalog
import RAMPolicy

/// Rules about the action names themselves: do they exist?
extension DocumentLint {
    mutating func actionRules(_ s: StatementFacts) {
        // By index: most entries pass every rule, and reading one field spares copying the entry.
        let actions = s.actions
        for k in actions.indices {
            // Only an unknown service code (`knownService` is false only then) or a VOD entry matching
            // nothing can be reported: the flags are read in place, and the entry (its text, span and
            // path) is copied only for a finding.
            let (unknownService, matchesNothing) = actions.withUnsafeFacts { facts in
                let shape = facts[k].shape
                return (!shape.knownService && !shape.decidable && !shape.serviceWild && shape.service != nil,
                        shape.decidable && shape.catalogEmpty)
            }
            guard unknownService || matchesNothing else { continue }
            let a = actions[k]
            let e = s.entries[k]
            let written = a.text
            // Not `decidable`: the service code is not the catalogue's.
            if let service = a.service, !a.serviceWild, !a.decidable, !a.knownService {
                var message = "\"\(service)\" in \(written) is not a known Alibaba Cloud RAM service code"
                if let near = catalog.nearest(to: written) {
                    message += "; did you mean \(near.name)?"
                } else {
                    message += " (ramguard's list is not exhaustive; check the code against \"Services that work with RAM\")"
                }
                emit(.unknownService, message: message, span: e.span, path: e.path)
            }
            if a.decidable, a.shape.catalogEmpty {
                unknownVODAction(e, a, written: written)
            }
        }
        duplicateRules(s)
    }

    private mutating func unknownVODAction(_ e: Located<String>, _ a: ActionFacts, written: String) {
        let service = context.serviceUppercased
        if !a.wild {
            if let old = catalog.action(named: written), old.status == .historical {
                emit(.historicalAction,
                     message: "\(written) is a historical \(service) API name, not in the current \(catalog.apiVersion) API set; whether RAM still knows it is undocumented",
                     span: e.span, path: e.path)
                return
            }
            var message = "\(written) is not a \(service) action"
            if let near = catalog.nearest(to: written) {
                message += "; did you mean \(near.name)?"
            } else {
                message += " (ramguard's catalogue \(catalog.version) lists the \(catalog.currentActionSet.count) actions of \(service) \(catalog.apiVersion))"
            }
            emit(.unknownAction, message: message, span: e.span, path: e.path)
        } else {
            emit(.wildcardMatchesNothing,
                 message: "\(written) matches no \(service) action (catalogue \(catalog.version)), so it grants nothing",
                 span: e.span, path: e.path)
        }
    }

    /// An entry equal to an earlier one, or a literal already matched by a wildcard of the same list.
    /// Linear in the list for exact duplicates; literals are compared with the list's wildcards only.
    private mutating func duplicateRules(_ s: StatementFacts) {
        let actions = s.actions
        guard actions.count > 1 else { return }
        let coverage = s.coverage
        // The entries' facts read in place: a copy of one counts a reference each way, and the
        // searches below read every pair.
        let found = actions.withUnsafeFacts { facts -> [(entry: Int, other: Int, duplicate: Bool)] in
            var found: [(entry: Int, other: Int, duplicate: Bool)] = []
            // Short lists (the usual case) compare pairwise; long ones index by name.
            var first: [String: Int] = [:]
            let indexed = facts.count > 16
            var hasWildcard = false
            for k in facts.indices where facts[k].shape.wild { hasWildcard = true; break }
            for i in facts.indices {
                var other: Int?
                var duplicate = false
                if indexed {
                    let folded = facts[i].shape.folded
                    if let j = first[folded] { other = j; duplicate = true } else { first[folded] = i }
                } else {
                    // Patterns of one document: the same number, or the same folded number when both
                    // are ASCII (`ActionFacts.isSame(as:)`).
                    let id = facts[i].id, foldedID = facts[i].foldedID
                    for j in 0..<i {
                        let same = facts[j].id == id
                            || (foldedID >= 0 && facts[j].foldedID >= 0 ? facts[j].foldedID == foldedID : facts[j].isSame(as: facts[i]))
                        if same { other = j; duplicate = true; break }
                    }
                }
                if other == nil && !facts[i].shape.wild && hasWildcard {
                    // The first wildcard of the list (in list order) that matches the literal: from
                    // the coverage table when it has worked out the literal's covers already (working
                    // them out compares with every wildcard of the document, not just this list's).
                    if let covering = coverage.knownCoveredBy(id: facts[i].id) {
                        for j in facts.indices where j != i && facts[j].shape.wild && covering.contains(facts[j].id) {
                            other = j
                            break
                        }
                    } else {
                        for j in facts.indices where j != i && facts[j].shape.wild && facts[i].isCoveredQuickly(by: facts[j]) {
                            other = j
                            break
                        }
                    }
                }
                if let j = other {
                    if found.isEmpty { found.reserveCapacity(facts.count - i) }
                    found.append((i, j, duplicate))
                }
            }
            return found
        }
        guard !found.isEmpty else { return }
        // The entries read in place (a copy of one is a text and a path to count references of).
        let entries = s.entries
        for (i, j, duplicate) in found {
            let message = duplicate
                ? Formatting.concat(entries[i].value, " is listed twice in this statement (actions compare case-insensitively)")
                : Formatting.concat(entries[i].value, " is already matched by ", entries[j].value, " in the same list")
            emit(.duplicateAction, message: message, span: entries[i].span, location: s.actionLocation(i),
                 related: [RelatedLocation(file: file, span: entries[j].span, path: s.actionPath(j),
                                           message: duplicate ? "first listed here" : "the wildcard that matches it")])
        }
    }
}
