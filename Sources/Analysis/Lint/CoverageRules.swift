import ActionCatalog
import RAMPolicy

/// Rules that compare statements: a Deny that matches nothing, an Allow made redundant by another
/// Allow, an Allow cancelled by a Deny.
extension DocumentLint {
    mutating func denyRules() {
        for s in statements where !s.isAllow {
            let st = s.statement
            if s.actionsListed, s.catalogOnly, s.unionIsEmpty == true {
                emit(.denyNeverMatches,
                     message: "\(s.path) denies nothing: \(Formatting.list(st.actions.map(\.value))) match\(st.actions.count == 1 ? "es" : "") no \(context.serviceUppercased) action",
                     span: st.span, path: s.path)
            } else if let reason = s.neverHolds {
                emit(.denyNeverMatches,
                     message: Formatting.concat(s.path, " denies nothing: its condition ", reason.path, " can never hold"),
                     span: st.span, path: s.path, related: [RelatedLocation(file: reason.file, span: reason.span, path: reason.path, message: reason.message)])
            }
        }
    }

    mutating func coverageWithinDocument() {
        guard statements.count > 1, kind != .trust else { return }
        compare(statements, against: statements)
    }

    /// Adds the findings that only appear when this document's statements are compared with the other
    /// documents of the same identity (`all` holds every document's statements, this one's included).
    mutating func coverageAcrossDocuments(_ all: [StatementFacts]) {
        let others = all.filter { $0.file != file }
        guard !statements.isEmpty, !others.isEmpty else { return }
        compare(statements, against: others)
    }

    private mutating func compare(_ mine: [StatementFacts], against candidates: [StatementFacts]) {
        // Only unconditional statements can cover another; most documents have few or none. Their
        // positions (the Denies, then the Allows, each in candidate order) go in a temporary buffer,
        // so that each statement is compared with those only: going through every candidate for
        // every statement, twice, was most of this function's own time. (Lists of the candidates
        // themselves cost two allocations per document and a reference count per statement.)
        guard candidates.contains(where: \.canCover) else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: candidates.count) { covering in
            var denies = 0
            for k in candidates.indices where candidates[k].canCover && !candidates[k].isAllow {
                covering[denies] = k
                denies += 1
            }
            var count = denies
            for k in candidates.indices where candidates[k].canCover && candidates[k].isAllow {
                covering[count] = k
                count += 1
            }
            for i in mine.indices {
                compare(mine[i], against: candidates, denies: covering[..<denies], allows: covering[denies..<count])
            }
        }
    }

    /// The coverage finding about `s`, if any: the first of the `denies` (positions in `candidates`)
    /// that covers it, else the first of the `allows` that covers it (unless they cover each other
    /// and `s` comes first).
    private mutating func compare(_ s: StatementFacts, against candidates: [StatementFacts],
                                  denies: Slice<UnsafeMutableBufferPointer<Int>>, allows: Slice<UnsafeMutableBufferPointer<Int>>) {
        guard s.isAllow && s.actionsListed && s.resourcesListed else { return }
        var deny: StatementFacts?
        for k in denies where candidates[k].mayCover(s) && candidates[k].covers(s) {
            deny = candidates[k]
            break
        }
        if let d = deny {
            emit(.allowOverriddenByDeny,
                 message: Formatting.concat(s.path, " allows nothing: the Deny ", d.name(relativeTo: file),
                                            " covers all its actions and resources without conditions, and a Deny always wins"),
                 span: s.span, location: s.location,
                 related: [RelatedLocation(file: d.file, span: d.span, path: d.path, message: "the Deny that cancels it")])
            return
        }
        var cover: StatementFacts?
        for k in allows {
            let t = candidates[k]
            guard t !== s && t.mayCover(s) && t.covers(s) else { continue }
            if s.unconditional && s.covers(t) && s.precedes(t) { continue }
            cover = t
            break
        }
        guard let t = cover else { return }
        let related = [RelatedLocation(file: t.file, span: t.span, path: t.path,
                                       message: "grants the same without conditions")]
        let location = s.location
        let path = location.path
        if s.unconditional {
            emit(.shadowedStatement,
                 message: Formatting.concat(path, " changes nothing: ", t.name(relativeTo: file),
                                            " allows the same actions on the same resources (or more)"),
                 span: s.span, location: location, related: related)
        } else {
            emit(.shadowedStatement, severity: .warning,
                 message: Formatting.concat("the conditions of ", path, " restrict nothing: ", t.name(relativeTo: file),
                                            " allows the same actions on the same resources (or more) without conditions"),
                 span: s.span, location: location, related: related)
        }
    }
}

extension StatementFacts {
    /// Document order across files: the earlier of two equal statements is the one kept.
    func precedes(_ other: StatementFacts) -> Bool {
        document === other.document || file == other.file ? index < other.index : file < other.file
    }
}
