/// The stable ids of the checks, for scripts matching on them. Ids never change meaning; new checks get
/// new ids.
public enum PreflightCheckID: Sendable {
    /// A credential was found by the provider chain (which source won, and why the others did not).
    public static let credentialsFound = "credentials.found"
    /// The credential has an AccessKey ID and a secret.
    public static let credentialsComplete = "credentials.complete"
    /// The AccessKey ID and secret have a plausible shape (no whitespace, a known prefix).
    public static let credentialsWellFormed = "credentials.well-formed"
    /// `STS.` keys come with a security token, and only they do.
    public static let credentialsSecurityToken = "credentials.sts-token"
    /// Temporary credentials have not expired.
    public static let credentialsNotExpired = "credentials.not-expired"
    /// The region is one VOD serves and the endpoint could be derived (or `--endpoint` is acceptable).
    public static let endpoint = "endpoint.resolved"
    /// `WorkflowId` is present and has the shape of a VOD ID.
    public static let workflowId = "parameters.workflow-id"
    /// `MediaId`, when given, has the shape of a VOD ID.
    public static let mediaId = "parameters.media-id"
    /// The local clock is within the gateway's ±15 minutes.
    public static let clock = "clock.sane"
    /// The `--policy` files grant `vod:SubmitWorkflowJob` on `*` in the call's request context.
    public static let policyGrant = "policy.grants-submit"
    /// The journal holds no earlier submission of the same workflow/media whose outcome is unknown.
    public static let journalUnknownOutcome = "journal.no-unknown-outcome"
}
