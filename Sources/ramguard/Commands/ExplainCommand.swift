import ArgumentParser
import RamguardCommandLine
import RamguardKit

/// `ramguard explain`: the contexts in which an identity may perform an action.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Derive from the conditions exactly when an identity may perform an action: always, never, or only when …",
        discussion: """
            Not just "allowed for this context": the set of contexts, e.g. "allowed only when acs:SourceIp is in \
            10.0.0.0/8 and acs:SecureTransport is true, except when acs:CurrentTime is after \
            2027-01-01T00:00:00Z (Deny, policies/deny-after.json:4:7)", with one allowed and one denied example \
            context that the engine has confirmed. When an operator is outside what the analysis covers, the \
            answer is "cannot decide", with the reason.

            Exit codes:
              0  always allowed
              1  never allowed
              2  invalid policy, unreadable input or bad usage
              3  allowed only under conditions
              4  cannot decide
            """)

    @Option(name: .long, help: ArgumentHelp("Identity policy file or directory (repeatable).", valueName: "path"))
    var policy: [String] = []

    @Option(help: "The RAM action to explain.")
    var action: String = "vod:SubmitWorkflowJob"

    @Option(help: "The resource (All-Resources actions such as vod:SubmitWorkflowJob are evaluated as *).")
    var resource: String = "*"

    @Option(name: .customLong("session-policy"), help: ArgumentHelp("STS session policy file.", valueName: "file"))
    var sessionPolicy: String?

    @Option(name: .customLong("control-policy"), help: ArgumentHelp("Resource Directory control policy file (repeatable).", valueName: "file"))
    var controlPolicy: [String] = []

    @Flag(help: "Reject undocumented syntax.")
    var strict = false

    @OptionGroup var report: OutputArguments

    func validate() throws {
        if policy.isEmpty { throw ValidationError("give at least one identity policy with --policy FILE|DIR") }
    }

    func run() throws {
        let run = try ExplainRunner().run(ExplainRunOptions(
            inputs: PolicyInputs(identity: policy, session: sessionPolicy, control: controlPolicy),
            action: action, resource: resource, strict: strict))
        try report.writer.write(run.report)
        throw ExitCode(run.exitCode)
    }
}
