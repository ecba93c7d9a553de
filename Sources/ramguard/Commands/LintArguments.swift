import ArgumentParser
import RamguardCommandLine
import RamguardKit

/// The options `lint` and `audit` share: suppressions, baseline, gate, strictness, output.
struct LintArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Suppressions file (default: .ramguard.json in the working directory, if present).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .ramguard.json.")
    var noConfig = false

    @Option(name: .long, help: ArgumentHelp("Baseline file: findings recorded in it do not count (only new findings fail).", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record every current finding in this baseline file.", valueName: "file"))
    var writeBaseline: String?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Fail on findings of this severity or worse (error, security-warning, warning, suggestion), on a finding code, or none. Repeatable; default security-warning.",
        valueName: "severity|code"))
    var failOn: [String] = []

    @Flag(help: "Reject undocumented syntax (Sid, NotResource, single-object Statement, numeric Version, …).")
    var strict = false

    @Option(help: ArgumentHelp("Judge time conditions (an expired DateLessThan) at this ISO 8601 instant instead of now.", valueName: "time"))
    var now: String?

    @OptionGroup var report: OutputArguments

    var settings: LintSettings {
        var settings = LintSettings(configPath: config, ignoreConfig: noConfig, baselinePath: baseline, writeBaselinePath: writeBaseline,
                                    failOn: failOn, strict: strict, now: now)
        settings.quotesSource = report.writer.format.showsSourceQuotes
        settings.streamsFindings = report.writer.format.streamsFindings
        return settings
    }

    func validate() throws {
        if config != nil, noConfig { throw ValidationError("--config and --no-config exclude each other") }
    }
}
