import ArgumentParser
import RamguardCommandLine
import Foundation
import RAMPolicy
import RamguardKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Decide whether policies allow an action (default vod:SubmitWorkflowJob on *).",
        discussion: """
            All files given with --policy are the identity policies attached to one RAM user or role
            (a directory means every *.json below it). --session-policy and --control-policy add the
            STS session policy and Resource Directory control policies; every layer must allow.
            acs:CurrentTime defaults to now, as RAM always sets it.

            Exit codes: 0 allowed, 1 denied, 2 invalid policy or bad usage.
            With --requests: 0 if every request is allowed, 1 if any is denied, 2 if any line is invalid.
            """)

    @Option(name: .long, help: ArgumentHelp("Identity policy file or directory (repeatable).", valueName: "path"))
    var policy: [String] = []

    @Option(help: "The RAM action to check.")
    var action: String = "vod:SubmitWorkflowJob"

    @Option(help: "The resource (All-Resources actions such as vod:SubmitWorkflowJob are evaluated as *).")
    var resource: String = "*"

    @Option(name: .long, help: ArgumentHelp("A request condition key, KEY=VALUE (repeat a key for several values).", valueName: "key=value"))
    var context: [String] = []

    @Option(name: .customLong("session-policy"), help: ArgumentHelp("STS session policy file.", valueName: "file"))
    var sessionPolicy: String?

    @Option(name: .customLong("control-policy"), help: ArgumentHelp("Resource Directory control policy file (repeatable).", valueName: "file"))
    var controlPolicy: [String] = []

    @Option(name: .customLong("trust-policy"), help: ArgumentHelp("RAM role trust policy, consulted for sts:AssumeRole.", valueName: "file"))
    var trustPolicy: String?

    @Option(help: ArgumentHelp("Caller for sts:AssumeRole: a RAM ARN, a service (ecs.aliyuncs.com) or an IdP ARN.", valueName: "principal"))
    var principal: String?

    @Option(name: .long, help: ArgumentHelp("Batch mode: one JSON request per line (- for stdin); one JSON decision per output line.", valueName: "file.jsonl"))
    var requests: String?

    @Flag(help: "Reject undocumented syntax (Sid, NotResource, single-object Statement, numeric Version, …).")
    var strict = false

    @Option(help: "Report format: text, json, xml, junit, sarif or html (batch output is always JSON lines).")
    var format: ReportFormat?

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if policy.isEmpty { throw ValidationError("give at least one identity policy with --policy FILE|DIR") }
        if requests != nil, let format, format != .json {
            throw ValidationError("--requests writes one JSON decision per line; --format \(format.rawValue) does not apply (omit it or use json)")
        }
        if requests != nil, !context.isEmpty {
            throw ValidationError("--context does not apply to --requests: give each request's context in its JSON line")
        }
    }

    func run() throws {
        let inputs = PolicyInputs(identity: policy, session: sessionPolicy, control: controlPolicy, trust: trustPolicy)
        let writer = ReportWriter(format: format ?? (requests == nil ? .text : .json), outputPath: output)
        if let requests {
            let code = try BatchCommandRunner.run(inputs: inputs, requestsPath: requests, action: action,
                                                  resource: resource, strict: strict, writer: writer)
            throw ExitCode(code)
        }
        let report = try CheckRunner().run(CheckOptions(
            inputs: inputs, action: action, resource: resource, context: context, principal: principal, strict: strict))
        try writer.write(report)
        throw ExitCode(ExitStatus.forDecision(report.decision))
    }
}
