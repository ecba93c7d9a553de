import ArgumentParser
import RAMPolicy
import RamguardCommandLine
import RamguardKit

/// `ramguard lint`: findings with exact locations, for people and for CI.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find errors, security risks and mistakes in RAM policies, with exact locations.",
        discussion: """
            Findings come in four classes — error, security-warning, warning, suggestion — each with a stable \
            code, a message, a remedy and file:line:column, end position and JSON path. Every validation error \
            of the engine is a finding; so are unknown services and actions (with the nearest real VOD action), \
            administrator access, NotAction/NotResource with Allow, vod:* where one action would do, Deny \
            statements that never match, shadowed statements, conditions that can never hold, resource ARNs on \
            All-Resources actions, and documents near the size limit. `ramguard lint --list-rules` lists them.

            Suppressions: .ramguard.json (or --config) silences by code, by file glob or by file and line, each \
            with a reason. A baseline (--write-baseline, then --baseline) makes CI fail only on new findings.

            Exit codes:
              0  no finding counted by --fail-on (default: security-warning, i.e. errors and security warnings)
              1  at least one counted finding
              2  unreadable input, bad configuration or baseline, or bad usage
            """)

    @Argument(help: ArgumentHelp("Policy files or directories (every *.json below).", valueName: "path"))
    var paths: [String] = []

    @Option(help: "The kind of policy the files are: identity, session, control or trust.")
    var kind: PolicyKindArgument = .identity

    @Flag(name: .customLong("list-rules"), help: "List every finding code with its severity and remedy, and exit.")
    var listRules = false

    @OptionGroup var lint: LintArguments

    func validate() throws {
        if paths.isEmpty, !listRules { throw ValidationError("give at least one policy file or directory to lint") }
    }

    func run() throws {
        if listRules {
            StandardStreams.writeOut(Array(RuleListing.text().utf8))
            return
        }
        let run = try LintRunner().run(LintRunOptions(paths: paths, kind: kind.kind, settings: lint.settings))
        try lint.report.writer.write(run.report, findings: run.findingSource)
        CommandLineEntry.exitNow(run.exitCode, keeping: run)
    }
}

/// `--kind`: which RAM policy type the linted files are.
enum PolicyKindArgument: String, ExpressibleByArgument, CaseIterable {
    case identity, session, control, trust

    var kind: PolicyKind {
        switch self {
        case .identity: .identity
        case .session: .session
        case .control: .control
        case .trust: .trust
        }
    }
}
