import ArgumentParser
import RamguardKit

/// The `ramguard` command: parses arguments and dispatches; the work lives in RamguardKit.
struct Ramguard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ramguard",
        abstract: "Prove what Alibaba Cloud RAM policies allow before you make the call.",
        discussion: """
            Exit codes (each subcommand's --help lists its own):
              0  allowed (batch: every request allowed); lint/audit/diff: the gate passed
              1  denied, explicitly or implicitly (batch: at least one request denied); lint/audit/diff: the gate failed
              2  invalid policy, unreadable input, or bad usage
              3  submit/preflight: another preflight check failed; explain: allowed only under conditions
              4  submit: another API error; explain: cannot decide
              5  submit: outcome unknown
            """,
        version: RamguardVersion.current,
        subcommands: [
            CheckCommand.self, LintCommand.self, AuditCommand.self, ExplainCommand.self, DiffCommand.self,
            PreflightHandOff.self, SubmitHandOff.self, EmulatorHandOff.self,
        ]
    )
}

