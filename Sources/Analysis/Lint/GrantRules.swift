import ActionCatalog
import RAMPolicy

/// Rules about how much a statement grants, and where.
extension DocumentLint {
    mutating func grantRules(_ s: StatementFacts) {
        guard kind == .identity, s.isAllow else { return }
        if !s.actionsListed {
            let st = s.statement
            let names = st.actions.map(\.value)
            emit(.notActionWithAllow,
                 message: Formatting.concat(s.path, " allows every action of every service except ", Formatting.list(names),
                                            ", including services and actions added later"),
                 span: Formatting.span(of: st.actions), path: st.pathComponents.key("NotAction").description)
        }
        if !s.resourcesListed, let resources = s.statement.resources {
            let st = s.statement
            emit(.notResourceWithAllow,
                 message: "\(s.path) allows its actions on every resource except \(Formatting.list(resources.map(\.value))), including resources created later",
                 span: Formatting.span(of: resources), path: st.pathComponents.key("NotResource").description)
        }
        guard s.actionsListed else { return }
        let administrator = s.unconditional && s.resourcesListed && s.hasAllResources
        // The entries read in place and the patterns' flags read from their shapes: copying an entry
        // (its text and path) or a service code counted references for every entry of every statement.
        // The messages about ASCII entries come made from their shapes (`ActionShape.grantMessage`).
        let entries = s.entries
        let actions = s.actions
        for j in actions.indices {
            let a = actions[j].shape
            guard a.isAll || a.literalService else { continue }
            if a.isAll {
                if administrator {
                    emit(.administratorAccess,
                         message: Formatting.concat(s.path, " allows every action (", entries[j].value,
                                                    ") on every resource without conditions: full administrator access"),
                         span: entries[j].span, location: s.actionLocation(j))
                } else {
                    emit(.serviceWildcard,
                         message: a.grantMessage ?? Formatting.concat(entries[j].value, " grants every action of every service; list the actions this identity needs"),
                         span: entries[j].span, location: s.actionLocation(j))
                }
                continue
            }
            let wholeService = a.byteCount == a.serviceLength + 2 && a.prefixStar
            if a.decidable, a.catalogSet != nil {
                let current = a.currentCount
                if wholeService || current >= options.broadWildcardThreshold {
                    if let message = a.grantMessage {
                        emit(.serviceWildcard, message: message, span: entries[j].span, location: s.actionLocation(j))
                        continue
                    }
                    let total = context.currentActionCount
                    let share = wholeService || current == total ? "" : Formatting.concat(" of ", String(total))
                    emit(.serviceWildcard,
                         message: Formatting.concat(entries[j].value, " grants ", String(current), share, " ", context.serviceUppercased,
                                                    " actions; list the actions this identity needs"),
                         span: entries[j].span, location: s.actionLocation(j))
                }
            } else if wholeService {
                emit(.serviceWildcard,
                     message: a.grantMessage ?? Formatting.concat(entries[j].value, " grants every action of the ", foldedService(a),
                                                                  " service; list the actions this identity needs"),
                     span: entries[j].span, location: s.actionLocation(j))
            }
        }
    }

    /// ARNs in a statement whose actions are all VOD (All-Resources) actions (assumption U1).
    mutating func resourceScopeRule(_ s: StatementFacts) {
        guard s.actionsListed, s.resourcesListed, s.catalogOnly, let resources = s.resources, !s.hasAllResources,
              s.unionIsEmpty == false, s.unionIsAllResources(context) else { return }
        let service = context.serviceUppercased
        let effect = s.isAllow ? "grant nothing" : "deny nothing"
        for r in resources {
            emit(.resourceOnAllResourcesAction,
                 message: "\"\(r.located.value)\" is an ARN, but every action of \(s.path) is a \(service) action without resource-level permission (All Resources). ramguard evaluates such actions against the resource \"*\", which this ARN does not match, so the statement may \(effect); how Alibaba treats a specific ARN here is undocumented (assumption U1). Write \"Resource\": \"*\"",
                 span: r.located.span, path: r.located.path)
        }
    }

    /// `Glob.fold(String(service))`: for an ASCII entry, the start of its folded text (no copy to fold).
    private func foldedService(_ a: ActionShape) -> String {
        guard a.ascii, let service = a.service else { return Glob.fold(String(a.service ?? "")) }
        let folded = a.folded
        return String(folded[..<folded.utf8.index(folded.startIndex, offsetBy: service.utf8.count)])
    }
}
