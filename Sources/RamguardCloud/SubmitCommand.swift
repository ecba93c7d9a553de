import AlibabaCloud
import AlibabaCloudHTTPClient
import ArgumentParser
import Foundation
import RAMPolicy
import RamguardCommandLine
import RamguardKit
import VODEmulator

/// `ramguard submit`: preflight, then a guarded `SubmitWorkflowJob` call. The work lives in RamguardKit.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Preflight, then call ApsaraVideo VOD SubmitWorkflowJob, guarded.",
        discussion: """
            Runs every preflight check (credentials, region/endpoint, WorkflowId/MediaId, clock, the --policy \
            files in the call's context, the journal) and refuses to send when a blocking one fails. Then signs \
            (V3 by default, RPC V1 with --signature-version v1) and sends POST with the parameters in the query, \
            as the official SDKs do.

            SubmitWorkflowJob has no idempotency token: a call is retried (with backoff and jitter) only when it \
            certainly was not processed — the connection was never established, or the gateway answered \
            Throttling* or ServiceUnavailable. A timeout, a connection closed after sending, or another server \
            error ends as "outcome unknown" (exit 5), never retried.

            --emulator starts the local VOD emulator in this process and sends the call there: no Alibaba \
            Cloud account needed. Its identity gets the --policy files (or a bundled least-privilege grant) and \
            the credential from the usual chain, or a fixed demo key when none is configured; the report says which.

            No secret, security token or signature is ever printed, logged or journalled.

            \(SubmitExitCode.documentation)
            """)

    @OptionGroup var call: CallArguments

    @Flag(name: .customLong("dry-run"), help: "Print the exact request (signature and token redacted) and send nothing.")
    var dryRun = false

    func run() async throws {
        let options = try call.options(dryRun: dryRun)
        let provider: EmulatorEndpoint? = call.emulator ? EmulatorEndpoint() : nil
        let runner = SubmitRunner(planner: PreflightPlanner(probeTransport: HTTPClientTransport(), localEndpoint: provider),
                                  transport: HTTPClientTransport())
        let result = try await runner.run(options)
        try ReportWriter(format: call.format, outputPath: call.output).write(result.report)
        throw ExitCode(result.exitCode)
    }
}

/// The options `submit` and `preflight` share.
struct CallArguments: ParsableArguments {
    @Option(name: .customLong("workflow-id"), help: ArgumentHelp("The WorkflowId (32 hexadecimal characters).", valueName: "id"))
    var workflowId: String

    @Option(name: .customLong("media-id"), help: ArgumentHelp("The MediaId (video ID), optional.", valueName: "id"))
    var mediaId: String?

    @Option(help: ArgumentHelp("VOD region, e.g. cn-shanghai (default: ALIBABA_CLOUD_REGION_ID).", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("Endpoint URL instead of --region: https:// anywhere, http:// only on loopback.", valueName: "url"))
    var endpoint: String?

    @Option(name: .long, help: ArgumentHelp("The caller's identity policy file or directory (repeatable).", valueName: "path"))
    var policy: [String] = []

    @Option(name: .customLong("session-policy"), help: ArgumentHelp("The STS session policy of the caller's role session, when it has one.", valueName: "file"))
    var sessionPolicy: String?

    @Option(name: .customLong("control-policy"), help: ArgumentHelp("A Resource Directory control policy above the caller's account (repeatable).", valueName: "file"))
    var controlPolicy: [String] = []

    @Option(name: .long, help: ArgumentHelp("A condition key the call will carry, KEY=VALUE (acs:SourceIp, acs:SourceVpc, acs:MFAPresent; repeatable).", valueName: "key=value"))
    var context: [String] = []

    @Option(help: ArgumentHelp("Credential profile (Aliyun CLI config.json or credentials file); default ALIBABA_CLOUD_PROFILE.", valueName: "name"))
    var profile: String?

    @Option(name: .customLong("signature-version"), help: "v3 (ACS3-HMAC-SHA256, default) or v1 (RPC HMAC-SHA1).")
    var signatureVersion: SignatureVersion = .v3

    @Option(help: ArgumentHelp("Append-only journal: one JSON line per attempt (intent before sending, outcome after).", valueName: "file"))
    var journal: String?

    @Flag(help: "Submit even if the journal holds an unknown-outcome submission of the same workflow/media.")
    var force = false

    @Option(help: "Report format: text, json, xml, junit, sarif or html.")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Start the local VOD emulator in-process and target it (no Alibaba Cloud account needed).")
    var emulator = false

    @Option(help: ArgumentHelp("Read timeout in seconds (default 10, as the SDKs; connect timeout 5).", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Reject undocumented policy syntax.")
    var strict = false

    func validate() throws {
        if region != nil && endpoint != nil { throw ValidationError("give either --region or --endpoint, not both") }
        if emulator && (region != nil || endpoint != nil) {
            throw ValidationError("--emulator chooses the endpoint itself; drop --region/--endpoint")
        }
        if let timeout, !(timeout > 0 && timeout <= 600) {
            throw ValidationError("--timeout must be a number of seconds between 0 and 600")
        }
    }

    func options(dryRun: Bool) throws -> SubmitOptions {
        SubmitOptions(workflowId: workflowId, mediaId: mediaId, region: region, endpoint: endpoint, policies: policy,
                      sessionPolicy: sessionPolicy, controlPolicies: controlPolicy, context: context, profile: profile, signatureVersion: signatureVersion, dryRun: dryRun,
                      journal: journal, force: force, timeout: timeout, strict: strict)
    }
}

extension SignatureVersion: ExpressibleByArgument {}

/// The in-process VOD emulator behind `--emulator`: one identity (the call's credential and policies),
/// the requested workflow, no faults, jobs in memory, its log discarded.
actor EmulatorEndpoint: LocalEndpointProvider {
    private var emulator: VODEmulator?

    func start(credential: Credential, policies: [Policy], sessionPolicy: Policy?, workflowIds: [String]) async throws -> String {
        let identity = EmulatorIdentity(
            accessKeyId: credential.accessKeyId, accessKeySecret: credential.accessKeySecret,
            securityToken: credential.securityToken, securityTokenExpiration: credential.expiration,
            policies: policies, sessionPolicy: sessionPolicy)
        let configuration = EmulatorConfiguration(identities: [identity], workflows: workflowIds)
        let emulator = VODEmulator(configuration: configuration, options: EmulatorOptions(log: .silent))
        self.emulator = emulator
        return try await emulator.start().absoluteString
    }

    /// The call is over and every accepted job was recorded before it was answered, so there is nothing
    /// to wait for: a short grace period instead of the emulator's default.
    func stop() async {
        await emulator?.stop(timeout: 0.1)
        emulator = nil
    }
}
