import AlibabaCloudHTTPClient
import ArgumentParser
import RamguardCommandLine
import RamguardKit

/// `ramguard preflight`: every check `submit` runs, nothing sent.
struct PreflightCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Run the checks submit runs before SubmitWorkflowJob, and send nothing.",
        discussion: """
            Checks: credentials found, complete, well-formed, STS token present, not expired (which source won \
            and why the others did not — never the secret); region known to VOD and endpoint derived (or \
            --endpoint: https://, or http:// on loopback); WorkflowId and MediaId well-formed; the local clock; \
            the --policy files grant vod:SubmitWorkflowJob on * in the call's context (acs:SecureTransport from \
            the scheme, acs:CurrentTime now, other keys from --context), with the engine's trace; the journal. \
            A check that cannot be decided offline is reported as undecided, never as passed.

            Exit codes:
              0  no blocking check failed (undecided checks do not fail preflight)
              1  the --policy files deny the call
              2  usage or input error (bad arguments, unreadable or invalid policy files)
              3  another blocking check failed
            """)

    @OptionGroup var call: CallArguments

    func run() async throws {
        let options = try call.options(dryRun: true)
        let provider: EmulatorEndpoint? = call.emulator ? EmulatorEndpoint() : nil
        let result = try await PreflightRunner(planner: PreflightPlanner(probeTransport: HTTPClientTransport(), localEndpoint: provider)).run(options)
        try ReportWriter(format: call.format, outputPath: call.output).write(result.report)
        throw ExitCode(result.exitCode)
    }
}
