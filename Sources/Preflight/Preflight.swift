import AlibabaCloud
import Foundation
import RAMPolicy

/// The named checks run before a `SubmitWorkflowJob` call (and by `ramguard preflight`), in this order:
///
/// 1. `credentials.found`, `credentials.complete`, `credentials.well-formed`, `credentials.sts-token`,
///    `credentials.not-expired`;
/// 2. `endpoint.resolved`;
/// 3. `parameters.workflow-id`, `parameters.media-id`;
/// 4. `clock.sane`;
/// 5. `policy.grants-submit`;
/// 6. the caller's additional checks (e.g. `journal.no-unknown-outcome`).
///
/// Checks never touch the network, the environment or the file system: everything comes in through
/// ``PreflightInput``. A check that cannot be decided offline is ``PreflightStatus/undecided``, never a pass.
public enum Preflight {
    public static func run(_ input: PreflightInput) -> PreflightResult {
        var checks = CredentialChecks.run(input.credentials, probe: input.ecsProbe, now: input.now)
        let (endpointCheck, endpoint) = EndpointCheck.run(input.target)
        checks.append(endpointCheck)
        checks += ParameterChecks.run(input.request)
        checks.append(ClockCheck.run(now: input.now, serverDate: input.serverDate))
        let context = PolicyGrantCheck.context(user: input.policies?.userContext ?? RequestContext(), endpoint: endpoint, now: input.now)
        let (policyCheck, evaluation) = PolicyGrantCheck.run(input.policies, context: context, endpoint: endpoint)
        checks.append(policyCheck)
        checks += input.additionalChecks
        return PreflightResult(checks: checks, endpoint: endpoint, credential: input.credentials.credential,
                               context: context, evaluation: evaluation)
    }

    /// The clock check judged against a server's `Date` header, received at local time `local`.
    public static func clockCheck(now: Date, serverDate: Date, receivedAt local: Date) -> PreflightCheck {
        ClockCheck.run(now: now, serverDate: (serverDate, local))
    }

    /// The keys ramguard derives for the call's context (`acs:SecureTransport`, `acs:CurrentTime`); a
    /// `--context` value for them is not used.
    public static var derivedContextKeys: [String] { PolicyGrantCheck.derivedKeys }
}
