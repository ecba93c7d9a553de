import AlibabaCloud
import Preflight
import RAMPolicy
import VOD

/// Everything worked out before a call is sent: the request, the policies, the credential, the target,
/// the preflight checks — and, for `submit`, the locked journal.
public struct PreparedCall: Sendable {
    public var options: SubmitOptions
    public var request: SubmitWorkflowJobRequest
    /// The `--policy` files, loaded and validated; `nil` when none were given.
    public var loaded: LoadedPolicies?
    /// The `--context` keys as given.
    public var userContext: RequestContext
    public var credentials: CredentialLookup
    /// Where the credential came from, for the report (never the secret).
    public var credentialSource: String?
    /// Sentences about what ramguard set up (the emulator, the demo key …).
    public var notes: [String]
    public var preflight: PreflightResult
    /// The journal, opened and locked (submit only).
    public var journal: SubmitJournal?
    /// The local endpoint ramguard started, to be stopped when the call is over.
    public var localEndpoint: (any LocalEndpointProvider)?
}
