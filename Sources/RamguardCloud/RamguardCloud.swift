import ArgumentParser
import RamguardKit

/// `ramguard-cloud`: the networking verbs of ramguard. Users call them as `ramguard submit`,
/// `ramguard preflight` and `ramguard emulator`; this executable is found next to `ramguard`.
struct RamguardCloud: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ramguard",
        abstract: "The verbs of ramguard that call Alibaba Cloud (run as `ramguard submit`, `preflight`, `emulator`).",
        version: RamguardVersion.current,
        subcommands: [SubmitCommand.self, PreflightCommand.self, EmulatorCommand.self]
    )
}
