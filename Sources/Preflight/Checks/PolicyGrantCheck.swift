import AlibabaCloud
import Foundation
import RAMPolicy
import VOD

/// `policy.grants-submit`: do the `--policy` files grant `vod:SubmitWorkflowJob` on `*` in the request
/// context the call will have?
///
/// The context is what RAM will see: `acs:SecureTransport` from the endpoint's scheme, `acs:CurrentTime`
/// now, and whatever the user knows and gives with `--context` (`acs:SourceIp`, `acs:SourceVpc`,
/// `acs:MFAPresent`, …). When the policies test a key the user did not give — a key the service *will*
/// know — the answer cannot be decided offline, and the check says so rather than passing or failing.
enum PolicyGrantCheck {
    static let title = "RAM policies grant vod:SubmitWorkflowJob"

    /// Keys ramguard sets itself; the user cannot override them with `--context`.
    static let derivedKeys = ["acs:SecureTransport", "acs:CurrentTime"]

    /// The user's keys plus `acs:SecureTransport` (from `endpoint`; HTTPS when unknown) and `acs:CurrentTime`.
    static func context(user: RequestContext, endpoint: ServiceEndpoint?, now: Date) -> RequestContext {
        var context = RequestContext()
        for entry in user.entries where !derivedKeys.contains(where: { Glob.fold($0) == entry.foldedKey }) {
            context.add(entry.key, values: entry.values)
        }
        context.add("acs:SecureTransport", value: (endpoint?.isSecure ?? true) ? "true" : "false")
        context.add("acs:CurrentTime", value: SigningTimestamp.string(from: now))
        return context
    }

    static func run(_ input: PolicyGrantInput?, context: RequestContext, endpoint: ServiceEndpoint?) -> (PreflightCheck, Evaluation?) {
        let id = PreflightCheckID.policyGrant
        let contextLines = describe(context, user: input?.userContext, endpoint: endpoint)
        guard let input else {
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .undecided,
                message: "No --policy was given, so whether the caller's RAM policies grant \(SubmitWorkflowJob.ramAction) on * cannot be decided offline; the service decides when the call is made.",
                remedy: "Pass the policies attached to the caller with --policy FILE|DIR (and the request's condition keys with --context KEY=VALUE) to decide before sending.",
                details: contextLines), nil)
        }
        guard let authorizer = input.authorizer, input.invalidReasons.isEmpty else {
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .fail,
                message: "The --policy files are not valid RAM policies, so nothing can be concluded from them.",
                remedy: "Fix the errors listed (ramguard check --policy … shows them with their locations).",
                details: input.invalidReasons), nil)
        }
        let evaluation = authorizer.evaluate(Request(action: SubmitWorkflowJob.ramAction, resource: SubmitWorkflowJob.ramResource, context: context))
        let details = contextLines + trace(evaluation, context: context)
        let deciding = evaluation.deciding.map(locate).joined(separator: ", ")
        if !evaluation.missingKeys.isEmpty {
            let keys = evaluation.missingKeys.joined(separator: ", ")
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .undecided,
                message: "The policies test \(keys), which the call will carry but which was not given, so the answer cannot be decided offline (without \(evaluation.missingKeys.count == 1 ? "it" : "them") the engine says \(evaluation.decision.rawValue)); the service decides.",
                remedy: "Give the values the call will have with --context KEY=VALUE (e.g. --context acs:SourceIp=203.0.113.7) to decide before sending.",
                details: details), evaluation)
        }
        switch evaluation.decision {
        case .allow:
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .pass,
                message: "The policies grant \(SubmitWorkflowJob.ramAction) on * in this context (allowed by \(deciding.isEmpty ? "the policies" : deciding)).",
                details: details), evaluation)
        case .explicitDeny:
            let layer = evaluation.deniedBy.map { " in the \($0.rawValue) layer" } ?? ""
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .fail,
                message: "Explicitly denied\(layer) by \(deciding.isEmpty ? "a Deny statement" : deciding); nothing can override a Deny, so the call is not sent.",
                remedy: "Remove or narrow the Deny statement, or use an identity it does not cover.",
                details: details), evaluation)
        case .implicitDeny:
            let layer = evaluation.deniedBy.map { " (implicit deny in the \($0.rawValue) layer)" } ?? " (implicit deny)"
            return (PreflightCheck(
                id: id, title: title, severity: .blocking, status: .fail,
                message: "No statement allows \(SubmitWorkflowJob.ramAction) on * in this context\(layer), so the call is not sent.",
                remedy: "Attach a policy with an Allow of \(SubmitWorkflowJob.ramAction) (or vod:*) on Resource \"*\" whose conditions the call meets.",
                details: details), evaluation)
        }
    }

    static func locate(_ match: StatementMatch) -> String {
        let s = match.statement
        let sid = s.sid.map { " \"\($0)\"" } ?? ""
        return "\(match.file):\(s.span.start.line):\(s.span.start.column) \(s.path)\(sid)"
    }

    static func describe(_ context: RequestContext, user: RequestContext?, endpoint: ServiceEndpoint?) -> [String] {
        context.entries.map { entry in
            let origin: String
            switch entry.foldedKey {
            case Glob.fold("acs:SecureTransport"):
                origin = endpoint.map { $0.isSecure ? "the endpoint is https://" : "the endpoint is plain http://" } ?? "https assumed"
            case Glob.fold("acs:CurrentTime"):
                origin = "the local clock"
            default:
                origin = user?.entry(folded: entry.foldedKey) != nil ? "--context" : "ramguard"
            }
            return "context: \(entry.key)=\(entry.values.joined(separator: ",")) (\(origin))"
        }
    }

    /// The engine's trace: every layer, and every statement whose action matched, with what became of it.
    static func trace(_ evaluation: Evaluation, context: RequestContext) -> [String] {
        var lines: [String] = []
        for layer in evaluation.layers {
            guard let decision = layer.decision else {
                lines.append("\(layer.layer.rawValue) layer: not evaluated (an earlier layer denied)")
                continue
            }
            lines.append("\(layer.layer.rawValue) layer: \(decision.rawValue)")
            if layer.traces.isEmpty {
                lines.append("  no statement covers \(SubmitWorkflowJob.ramAction)")
            }
            for trace in layer.traces {
                let s = trace.match.statement
                let head = "  \(locate(trace.match)) \(s.effect.rawValue)"
                switch trace.outcome {
                case .applied:
                    lines.append("\(head): applies")
                case .resourceMismatch:
                    let resources = s.resources?.map(\.value).joined(separator: ", ") ?? "-"
                    lines.append("\(head): does not apply, its Resource (\(resources)) does not cover * (an All-Resources action)")
                case .principalMismatch:
                    lines.append("\(head): does not apply, its Principal does not match")
                case .conditionFailed(let index):
                    if index < s.conditions.count {
                        let condition = s.conditions[index]
                        let values = condition.values.map(\.value).joined(separator: ", ")
                        let actual = context.values(for: condition.key.value).map { $0.joined(separator: ",") } ?? "absent"
                        lines.append("\(head): does not apply, \(condition.op.name) \(condition.key.value) [\(values)] does not hold (the request has \(actual))")
                    } else {
                        lines.append("\(head): does not apply, a condition does not hold")
                    }
                }
            }
        }
        if !evaluation.missingKeys.isEmpty {
            lines.append("missing keys: \(evaluation.missingKeys.joined(separator: ", "))")
        }
        return lines
    }
}
