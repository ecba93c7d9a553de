import ArgumentParser
import RamguardCommandLine
import RamguardKit

/// `ramguard diff`: the pre-deploy gate for policy changes.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a policy set: VOD actions gained and lost, conditions loosened or tightened.",
        discussion: """
            OLD and NEW are each one identity's policies (a file or a directory of *.json). Every action of the \
            bundled VOD catalogue (and every literal action either version names) is explained in both and \
            compared: gained, lost, loosened, tightened or changed, with the statements responsible.

            Exit codes:
              0  no gate failed (or none asked for)
              1  --no-new-access: NEW grants something OLD did not; or --still-grants: NEW lost the action
              2  invalid policy, unreadable input or bad usage
            """)

    @Argument(help: ArgumentHelp("The policy set before the change.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The policy set after the change.", valueName: "new"))
    var new: String

    @Flag(name: .customLong("no-new-access"), help: "Fail if NEW grants any action, or any context, that OLD did not.")
    var noNewAccess = false

    @Option(name: .customLong("still-grants"), help: ArgumentHelp("Fail if NEW no longer grants this action (repeatable).", valueName: "action"))
    var stillGrants: [String] = []

    @Option(help: "The resource (All-Resources actions such as vod:SubmitWorkflowJob are evaluated as *).")
    var resource: String = "*"

    @Flag(help: "Reject undocumented syntax.")
    var strict = false

    @OptionGroup var report: OutputArguments

    func run() throws {
        let run = try DiffRunner().run(DiffRunOptions(old: [old], new: [new], resource: resource, noNewAccess: noNewAccess,
                                                      stillGrants: stillGrants, strict: strict))
        try report.writer.write(run.report)
        throw ExitCode(run.exitCode)
    }
}
