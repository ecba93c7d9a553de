import AlibabaCloud
import RAMPolicy
import Reporting
import VOD

/// Puts a service denial (RAM's `AccessDeniedDetail`, or a bare `Forbidden*`/`NoPermission`/
/// `NotAuthorized`/`AccessDenied` code) into the engine's vocabulary — explicit or implicit deny, and
/// which layer — and says which local `--policy` statement, if any, explains it.
///
/// When the service's diagnostic message is readable (ramguard's emulator sends it decoded-ready) its
/// condition-key values replace the local ones for the comparison, since they are what RAM evaluated.
enum DenialExplainer {
    /// The engine layer for a `PolicyType` value (reference `ram-policy-language.md` §8.2).
    static func layer(forPolicyType type: String?) -> PolicyLayer? {
        switch type?.lowercased() {
        case "accountlevelidentitybasedpolicy", "resourcegrouplevelidentitybasedpolicy", "identitybasedpolicy": .identity
        case "sessionpolicy": .session
        case "controlpolicy": .control
        case "assumerolepolicy": .trust
        default: nil
        }
    }

    static func explain(_ error: ServiceError, loaded: LoadedPolicies?, context: RequestContext) -> AccessDeniedInfo {
        let detail = error.accessDenied
        let diagnostic = detail?.diagnostic
        let decision: Decision? = detail?.isExplicitDeny.map { $0 ? .explicitDeny : .implicitDeny }
        let layer = layer(forPolicyType: detail?.policyType ?? diagnostic?.noPermissionPolicyType)
        let serviceContext = (diagnostic?.authConditions ?? []).map {
            ContextEntry(key: $0.key, values: shown(key: $0.key, $0.values), source: "service")
        }
        let servicePolicies = (diagnostic?.matchedPolicies ?? []).map { policy -> String in
            var text = policy.policyIdentifier ?? "(unnamed policy)"
            let attributes = [policy.effect, policy.policyType, policy.attachedEntityType.map { "attached to a \($0)" },
                              policy.attachedScope.map { "at \($0) scope" }].compactMap { $0 }
            if !attributes.isEmpty { text += " (" + attributes.joined(separator: ", ") + ")" }
            return text
        }

        var info = AccessDeniedInfo(
            policyType: detail?.policyType, noPermissionType: detail?.noPermissionType, authAction: detail?.authAction,
            authPrincipalType: detail?.authPrincipalType, authPrincipalOwnerId: detail?.authPrincipalOwnerId,
            authPrincipalDisplayName: detail?.authPrincipalDisplayName, encodedDiagnosticMessage: detail?.encodedDiagnosticMessage,
            decision: decision?.rawValue, layer: layer?.rawValue, serviceContext: serviceContext, servicePolicies: servicePolicies,
            statements: [], explanation: "")

        var what = "The service denied \(detail?.authAction ?? SubmitWorkflowJob.ramAction) (\(error.code))"
        switch decision {
        case .explicitDeny?: what += ": an explicit deny — a Deny statement matched"
        case .implicitDeny?: what += ": an implicit deny — no Allow statement matched"
        default: what += detail == nil ? " without an AccessDeniedDetail, so whether a Deny matched or no Allow did is not known" : ""
        }
        if let layer { what += ", in the \(layer.rawValue) layer" }
        what += "."

        guard let loaded, loaded.isValid else {
            info.explanation = what + " No --policy files were given, so no local statement can explain it; pass the caller's policies with --policy to compare."
            return info
        }

        // Evaluate again with what the service saw, where it said.
        var serviceView = RequestContext()
        var replaced: [String] = []
        let theirs = diagnostic?.authConditions ?? []
        for entry in context.entries {
            if let their = theirs.first(where: { Glob.fold($0.key) == entry.foldedKey }) {
                serviceView.add(entry.key, values: their.values)
                if their.values != entry.values { replaced.append("\(entry.key)=\(shown(key: their.key, their.values).joined(separator: ","))") }
            } else {
                serviceView.add(entry.key, values: entry.values)
            }
        }
        for entry in theirs where serviceView.entry(folded: Glob.fold(entry.key)) == nil {
            serviceView.add(entry.key, values: entry.values)
            replaced.append("\(entry.key)=\(shown(key: entry.key, entry.values).joined(separator: ","))")
        }
        let evaluation = loaded.authorizer().evaluate(Request(action: SubmitWorkflowJob.ramAction, resource: SubmitWorkflowJob.ramResource, context: serviceView))
        let sources = loaded.sources
        let seen = replaced.isEmpty ? "" : " with the values the service reported (\(replaced.joined(separator: "; ")))"

        switch evaluation.decision {
        case .allow:
            info.explanation = what + " The local --policy files allow the call\(seen), so no local statement explains the denial:"
                + " the caller's policies on the service differ from them, or a layer the files do not cover (a control policy,"
                + " a session policy, a resource-group policy) denied it."
                + (servicePolicies.isEmpty ? "" : " The service names: \(servicePolicies.joined(separator: ", ")).")
        case .explicitDeny:
            info.statements = evaluation.deciding.map { StatementRef($0, source: sources[$0.file]) }
            let agrees = decision == nil || decision == .explicitDeny
            info.explanation = what + " The local --policy files deny it too\(seen): the Deny statement\(info.statements.count == 1 ? "" : "s") below"
                + " \(info.statements.count == 1 ? "explains" : "explain") it"
                + (agrees ? "." : ", although the service reported an implicit deny; its policies may differ from the files.")
        case .implicitDeny:
            // The Allow statements that would grant it but whose condition (or resource) fails.
            let nearMisses = evaluation.layers.filter { $0.layer == evaluation.deniedBy }.flatMap(\.traces)
                .filter { $0.match.statement.effect == .allow && $0.outcome != .applied }
            info.statements = nearMisses.map { StatementRef($0.match, source: sources[$0.match.file]) }
            let agrees = decision == nil || decision == .implicitDeny
            var text = what + " The local --policy files do not allow it either\(seen) (implicit deny"
                + (evaluation.deniedBy.map { " in the \($0.rawValue) layer" } ?? "") + ")"
            if nearMisses.isEmpty {
                text += ": no statement allows \(SubmitWorkflowJob.ramAction) on *."
            } else {
                text += ": the Allow statement\(nearMisses.count == 1 ? "" : "s") below would grant it, but "
                    + nearMisses.map { reason($0, context: serviceView) }.joined(separator: "; ") + "."
            }
            if !agrees { text += " The service reported an explicit deny, so its policies contain a Deny the files do not." }
            info.explanation = text
        }
        return info
    }

    /// Values as a report shows them: AccessKey IDs (`acs:AccessId`) masked, like everywhere else.
    static func shown(key: String, _ values: [String]) -> [String] {
        guard Glob.fold(key) == Glob.fold("acs:AccessId") else { return values }
        return values.map { Credential(accessKeyId: $0, accessKeySecret: "").maskedAccessKeyId }
    }

    static func reason(_ trace: StatementTrace, context: RequestContext) -> String {
        let statement = trace.match.statement
        let name = "\(statement.path)\(statement.sid.map { " \"\($0)\"" } ?? "")"
        switch trace.outcome {
        case .applied:
            return "\(name) applies"
        case .resourceMismatch:
            return "\(name) names a Resource other than *"
        case .principalMismatch:
            return "\(name) names another Principal"
        case .conditionFailed(let index):
            guard index < statement.conditions.count else { return "\(name) has a condition that does not hold" }
            let condition = statement.conditions[index]
            let actual = context.values(for: condition.key.value).map { shown(key: condition.key.value, $0).joined(separator: ",") } ?? "absent"
            return "\(name) requires \(condition.op.name) \(condition.key.value) [\(condition.values.map(\.value).joined(separator: ", "))] and the call had \(actual)"
        }
    }
}
