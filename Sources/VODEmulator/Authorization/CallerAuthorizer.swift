import AlibabaCloud
import Foundation
import RAMPolicy
import VOD

/// Decides `vod:SubmitWorkflowJob` for an authenticated caller with ramguard's engine, and turns a denial
/// into the `AccessDeniedDetail` the real service sends.
///
/// The request context carries what RAM itself would know about a call to the emulator:
/// `acs:SourceIp` (the TCP peer, never a client-supplied header), `acs:SecureTransport` = `false` (plain
/// HTTP on loopback), `acs:CurrentTime` (the emulator's clock) and `acs:AccessId` (the AccessKey ID).
struct CallerAuthorizer: Sendable {
    let identity: EmulatorIdentity
    let authorizer: Authorizer
    private let evaluators: EvaluatorPool

    init(identity: EmulatorIdentity) {
        self.identity = identity
        self.authorizer = Authorizer(identity: identity.policies, session: identity.sessionPolicy.map { [$0] } ?? [])
        self.evaluators = EvaluatorPool(authorizer: authorizer)
    }

    struct Denial {
        var detail: AccessDeniedDetail
        var evaluation: Evaluation
    }

    /// `nil` when allowed; otherwise the denial to answer with.
    func authorize(sourceIp: String?, now: Date) -> Denial? {
        let context = Self.context(sourceIp: sourceIp, now: now, accessKeyId: identity.accessKeyId)
        let request = Request(action: SubmitWorkflowJob.ramAction, resource: SubmitWorkflowJob.ramResource, context: context)
        // The cached decision first (the common case is an Allow); the full trace only for a denial, which
        // the answer's AccessDeniedDetail is built from.
        let evaluation: Evaluation? = evaluators.withEvaluator { evaluator in
            evaluator.decide(request) == .allow ? nil : evaluator.evaluate(request)
        }
        guard let evaluation, evaluation.decision != .allow else { return nil }
        let policyType = Self.policyType(for: evaluation.deniedBy)
        let diagnostic = DiagnosticMessage(
            explicitDeny: evaluation.decision == .explicitDeny,
            noPermissionPolicyType: policyType,
            authAction: SubmitWorkflowJob.ramAction,
            authResource: evaluation.evaluatedResource,
            authPrincipal: .init(authPrincipalType: identity.principalType, authPrincipalOwnerId: identity.accountId,
                                 authPrincipalDisplayName: identity.displayName),
            authConditions: context.entries.map { .init(conditionKey: $0.key, conditionValues: $0.values) },
            matchedPolicies: evaluation.deciding.map { match in
                .init(policyType: "Custom",
                      policyIdentifier: URL(fileURLWithPath: match.file).lastPathComponent,
                      effect: match.statement.effect.rawValue,
                      attachedEntityType: identity.principalType == AccessDeniedDetail.PrincipalType.subUser ? "RamUser" : "RamRole",
                      attachedScope: "Account")
            })
        let detail = AccessDeniedDetail(
            policyType: policyType,
            noPermissionType: evaluation.decision.rawValue,
            authAction: SubmitWorkflowJob.ramAction,
            authPrincipalType: identity.principalType,
            authPrincipalOwnerId: identity.accountId,
            authPrincipalDisplayName: identity.displayName,
            encodedDiagnosticMessage: diagnostic.encoded())
        return Denial(detail: detail, evaluation: evaluation)
    }

    static func context(sourceIp: String?, now: Date, accessKeyId: String) -> RequestContext {
        var context = RequestContext()
        if let sourceIp { context.add("acs:SourceIp", value: sourceIp) }
        context.add("acs:SecureTransport", value: "false")
        context.add("acs:CurrentTime", value: SigningTimestamp.string(from: now))
        context.add("acs:AccessId", value: accessKeyId)
        return context
    }

    /// `PolicyType` for the layer that denied (reference `ram-policy-language.md` §8.2).
    static func policyType(for layer: PolicyLayer?) -> String {
        switch layer {
        case .session: AccessDeniedDetail.PolicyType.sessionPolicy
        case .control: AccessDeniedDetail.PolicyType.controlPolicy
        case .trust: AccessDeniedDetail.PolicyType.assumeRolePolicy
        case .identity, nil: AccessDeniedDetail.PolicyType.accountLevelIdentityBasedPolicy
        }
    }
}
