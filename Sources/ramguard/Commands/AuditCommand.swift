import ArgumentParser
import RamguardCommandLine
import RamguardKit

/// `ramguard audit`: the compliance view over a tree of identities.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "For every identity in a tree: is the action granted always, never or only under conditions? Plus every lint finding.",
        discussion: """
            Identities: each path is a directory per identity (a directory holding *.json files is one \
            identity; other directories are searched for identity directories; a file is an identity of its \
            own), or give --manifest FILE mapping identities to policy files and layers:
              {"version": 1, "controlPolicies": [...], "identities": [{"name": "ci", "policies": ["ci/"],
               "sessionPolicy": "session.json", "controlPolicies": [...]}]}
            --session-policy and --control-policy apply to every identity found.

            Exit codes:
              0  gate passed: no finding counted by --fail-on and every --expect met
              1  gate failed
              2  unreadable input, bad manifest, configuration or baseline, or bad usage
            """)

    @Argument(help: ArgumentHelp("Directories of identities (or policy files).", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("A manifest mapping identities to policy files and layers.", valueName: "file"))
    var manifest: String?

    @Option(name: .customLong("action"), help: ArgumentHelp("Action to check for every identity (repeatable; default vod:SubmitWorkflowJob).", valueName: "action"))
    var actions: [String] = []

    @Option(name: .customLong("actions-from"), help: ArgumentHelp("catalog: check every current VOD action of the bundled catalogue.", valueName: "catalog"))
    var actionsFrom: String?

    @Option(help: "The resource (All-Resources actions such as vod:SubmitWorkflowJob are evaluated as *).")
    var resource: String = "*"

    @Option(help: ArgumentHelp("What every check must show: always, granted (always or conditionally), not-granted.", valueName: "expectation"))
    var expect: AccessExpectation?

    @Option(name: .customLong("session-policy"), help: ArgumentHelp("STS session policy applied to every identity.", valueName: "file"))
    var sessionPolicy: String?

    @Option(name: .customLong("control-policy"), help: ArgumentHelp("Control policy applied to every identity (repeatable).", valueName: "file"))
    var controlPolicy: [String] = []

    @OptionGroup var lint: LintArguments

    func validate() throws {
        if paths.isEmpty, manifest == nil { throw ValidationError("give a directory of identities or --manifest FILE") }
        if let actionsFrom, actionsFrom != "catalog" { throw ValidationError("--actions-from \(actionsFrom): the only source is catalog") }
    }

    func run() throws {
        let run = try AuditRunner().run(AuditRunOptions(
            paths: paths, manifestPath: manifest, sessionPolicy: sessionPolicy, controlPolicies: controlPolicy,
            actions: actions, actionsFromCatalog: actionsFrom != nil, resource: resource, expectation: expect,
            settings: lint.settings, progress: true))
        try lint.report.writer.write(run.report, findings: run.findingSource)
        CommandLineEntry.exitNow(run.exitCode, keeping: run)
    }
}

extension AccessExpectation: ExpressibleByArgument {}
