import AlibabaCloud
import Foundation
import VOD

/// Everything the checks look at. Nothing here is read from the process: the caller resolves
/// credentials, loads policies and reads the clock, so checks are deterministic and testable.
public struct PreflightInput: Sendable {
    public var credentials: CredentialLookup
    /// The ECS metadata probe's result, when the chain reached that source and the probe ran.
    public var ecsProbe: ECSMetadataProbeResult?
    public var target: TargetSpec
    public var request: SubmitWorkflowJobRequest
    /// `nil` when no `--policy` was given: the policy check is then undecided.
    public var policies: PolicyGrantInput?
    /// The local clock.
    public var now: Date
    /// The server's `Date` header and the local time it was received, after a call; lets the clock
    /// check compare instead of only judging plausibility.
    public var serverDate: (server: Date, local: Date)?
    /// Checks computed by the caller (e.g. the journal check), appended in order.
    public var additionalChecks: [PreflightCheck]

    public init(
        credentials: CredentialLookup, ecsProbe: ECSMetadataProbeResult? = nil, target: TargetSpec,
        request: SubmitWorkflowJobRequest, policies: PolicyGrantInput? = nil, now: Date = Date(),
        serverDate: (server: Date, local: Date)? = nil, additionalChecks: [PreflightCheck] = []
    ) {
        self.credentials = credentials
        self.ecsProbe = ecsProbe
        self.target = target
        self.request = request
        self.policies = policies
        self.now = now
        self.serverDate = serverDate
        self.additionalChecks = additionalChecks
    }
}
