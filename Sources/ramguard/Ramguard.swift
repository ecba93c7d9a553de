import ArgumentParser
import RamguardKit

/// The `ramguard` command: parses arguments and dispatches; the work lives in RamguardKit.
struct Ramguard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ramguard",
        abstract: "Prove what Alibaba Cloud RAM policies allow before you make the call.",
        discussion: """
            Exit codes:
              0  allowed (batch: every request allowed)
              1  denied, explicitly or implicitly (batch: at least one request denied)
              2  invalid policy, unreadable input, or bad usage
            """,
        version: RamguardVersion.current,
        subcommands: [CheckCommand.self, PreflightCommand.self, SubmitCommand.self, EmulatorCommand.self]
    )
}

extension ReportFormat: ExpressibleByArgument {}
