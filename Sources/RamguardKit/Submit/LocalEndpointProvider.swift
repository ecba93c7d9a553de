import AlibabaCloud
import RAMPolicy

/// Starts a local stand-in for the VOD endpoint (the in-process emulator of `ramguard submit --emulator`).
///
/// RamguardKit does not link the emulator; the command line supplies an implementation. The endpoint is
/// started after credentials are resolved, so it can accept the credential the call will be signed with.
public protocol LocalEndpointProvider: Sendable {
    /// Starts the endpoint for one identity.
    ///
    /// - Parameters:
    ///   - credential: the identity's AccessKey (and token); requests signed with it must be accepted.
    ///   - policies: the identity's policies, evaluated by the endpoint as RAM would.
    ///   - sessionPolicy: the identity's STS session policy, if any.
    ///   - workflowIds: workflows that exist on the endpoint.
    /// - Returns: the loopback URL to send requests to, e.g. `http://127.0.0.1:54321`.
    func start(credential: Credential, policies: [Policy], sessionPolicy: Policy?, workflowIds: [String]) async throws -> String

    /// Stops the endpoint.
    func stop() async
}
