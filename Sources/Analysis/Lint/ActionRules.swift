import ActionCatalog
import RAMPolicy

/// Rules about the action names themselves: do they exist?
extension DocumentLint {
    mutating func actionRules(_ s: StatementFacts) {
        // By index: most entries pass every rule, and reading one field spares copying the entry.
        let actions = s.actions
        for k in actions.indices {
            let a = actions[k]
            // Only an unknown service code (`knownService` is false only then) or a VOD entry can be reported.
            guard !a.knownService || a.decidable else { continue }
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
        // Short lists (the usual case) compare pairwise; long ones index by name.
        var first: [String: Int] = [:]
        let indexed = actions.count > 16
        var hasWildcard = false
        for a in actions where a.wild { hasWildcard = true; break }
        for i in actions.indices {
            let a = actions[i]
            var other: Int?
            var duplicate = false
            if indexed {
                if let j = first[a.folded] { other = j; duplicate = true } else { first[a.folded] = i }
            } else if let j = actions[..<i].firstIndex(where: { $0.id == a.id || $0.isSame(as: a) }) {
                other = j
                duplicate = true
            }
            if other == nil && !a.wild && hasWildcard {
                // The first wildcard of the list (in list order) that matches the literal.
                other = actions.indices.first { $0 != i && actions[$0].wild && a.isCoveredQuickly(by: actions[$0]) }
            }
            guard let j = other else { continue }
            // The entries read in place (a copy of one is a text and a path to count references of).
            let entries = s.entries
            let message = duplicate
                ? Formatting.concat(entries[i].value, " is listed twice in this statement (actions compare case-insensitively)")
                : Formatting.concat(entries[i].value, " is already matched by ", entries[j].value, " in the same list")
            emit(.duplicateAction, message: message, span: entries[i].span, path: s.actionPath(i),
                 related: [RelatedLocation(file: file, span: entries[j].span, path: s.actionPath(j),
                                           message: duplicate ? "first listed here" : "the wildcard that matches it")])
        }
    }
}
