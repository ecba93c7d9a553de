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
                 message: "\(s.path) allows every action of every service except \(Formatting.list(names)), including services and actions added later",
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
        for j in s.actions.indices {
            let a = s.actions[j]
            guard a.isAll || (a.service != nil && !a.serviceWild) else { continue }
            let e = s.statement.actions[j]
            if a.isAll {
                if administrator {
                    emit(.administratorAccess,
                         message: "\(s.path) allows every action (\(e.value)) on every resource without conditions: full administrator access",
                         span: e.span, path: s.actionPath(j))
                } else {
                    emit(.serviceWildcard,
                         message: "\(e.value) grants every action of every service; list the actions this identity needs",
                         span: e.span, path: s.actionPath(j))
                }
                continue
            }
            guard let service = a.service, !a.serviceWild else { continue }
            let written = e.value.utf8
            let wholeService = written.count == service.utf8.count + 2 && written.last == UInt8(ascii: "*")
            if a.decidable, a.catalogSet != nil {
                let current = a.currentCount
                if wholeService || current >= options.broadWildcardThreshold {
                    let total = catalog.currentActionSet.count
                    let share = wholeService || current == total ? "" : " of \(total)"
                    emit(.serviceWildcard,
                         message: "\(e.value) grants \(current)\(share) \(catalog.service.uppercased()) actions; list the actions this identity needs",
                         span: e.span, path: s.actionPath(j))
                }
            } else if wholeService {
                emit(.serviceWildcard,
                     message: "\(e.value) grants every action of the \(Glob.fold(String(service))) service; list the actions this identity needs",
                     span: e.span, path: s.actionPath(j))
            }
        }
    }

    /// ARNs in a statement whose actions are all VOD (All-Resources) actions (assumption U1).
    mutating func resourceScopeRule(_ s: StatementFacts) {
        guard s.actionsListed, s.resourcesListed, s.catalogOnly, let resources = s.resources, !s.hasAllResources,
              let union = s.catalogUnion, !union.isEmpty,
              union.isSubset(of: catalog.allResourcesActionSet) else { return }
        let service = catalog.service.uppercased()
        let effect = s.isAllow ? "grant nothing" : "deny nothing"
        for r in resources {
            emit(.resourceOnAllResourcesAction,
                 message: "\"\(r.located.value)\" is an ARN, but every action of \(s.path) is a \(service) action without resource-level permission (All Resources). ramguard evaluates such actions against the resource \"*\", which this ARN does not match, so the statement may \(effect); how Alibaba treats a specific ARN here is undocumented (assumption U1). Write \"Resource\": \"*\"",
                 span: r.located.span, path: r.located.path)
        }
    }
}
