import Analysis
import Foundation
import RAMPolicy
import Reporting

/// What `ramguard lint` is asked.
public struct LintRunOptions: Sendable {
    /// Files and directories (every `*.json` below a directory).
    public var paths: [String]
    /// The kind every file is linted as (identity unless told otherwise).
    public var kind: PolicyKind
    public var settings: LintSettings

    public init(paths: [String], kind: PolicyKind = .identity, settings: LintSettings = LintSettings()) {
        self.paths = paths
        self.kind = kind
        self.settings = settings
    }
}

/// The report of a gated run and the exit status it implies.
public struct GatedRun: Sendable {
    public var report: Report
    /// 0 the gate passed, 1 it failed (see ``ExitStatus``).
    public var exitCode: Int32
    /// The lint pass the report was made from, kept as long as the run: the command line exits without
    /// tearing it down (``CommandLineEntry/exitNow(_:keeping:)``). Released when the run returned, a
    /// tree's 150,000 findings and 10,000 policy trees were freed one by one on the main thread, a
    /// tenth of a second at the end of a large `audit` in which the other core sat idle.
    var retained: LintPass.Outcome?
    /// The report's findings when they are made while the report is written
    /// (``LintSettings/streamsFindings``); ``Report/findings`` is nil then. Write the report with
    /// ``ReportWriter/write(_:findings:)``.
    public var findingSource: (any FindingSource)?

    public init(report: Report, exitCode: Int32, findingSource: (any FindingSource)? = nil) {
        self.report = report
        self.exitCode = exitCode
        self.findingSource = findingSource
    }

    init(report: Report, exitCode: Int32, retained: LintPass.Outcome?, findingSource: (any FindingSource)?) {
        self.init(report: report, exitCode: exitCode, findingSource: findingSource)
        self.retained = retained
    }
}

/// `ramguard lint`: every finding of every file, suppressions and baseline applied, gate decided.
public struct LintRunner: Sendable {
    public init() {}

    public func run(_ options: LintRunOptions) throws(RamguardError) -> GatedRun {
        guard !options.paths.isEmpty else { throw .usage("give at least one policy file or directory to lint") }
        let started = DispatchTime.now()
        PhaseClock.mark("arguments read")
        let (pass, gate, configPath) = try options.settings.prepare()
        var inputs: [LintPass.Input] = []
        for path in options.paths {
            switch PolicyTree.kind(of: path) {
            case .missing: throw .unreadable(path: path, reason: "no such file or directory")
            case .file: inputs.append(.init(path: path, kind: options.kind))
            case .directory:
                let files = try PolicyTree.allJSON(below: path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
                if files.isEmpty { throw .noPolicies(path: path) }
                inputs += files.map { .init(path: $0, kind: options.kind) }
            }
        }
        PhaseClock.mark("find files")
        let outcome = try pass.run(Self.unique(inputs), keepPolicies: false)
        try options.settings.writeBaseline(outcome.all)
        var (report, findings) = FindingReporting.report(command: "lint", outcome: outcome, gate: gate, configPath: configPath,
                                                         identities: 0, started: started, settings: options.settings)
        report.policies = outcome.files.map(FindingReporting.policyInfo)
        PhaseClock.mark("build report")
        return GatedRun(report: report, exitCode: report.gate?.failed == true ? ExitStatus.gateFailed : ExitStatus.passed,
                        retained: outcome, findingSource: findings)
    }

    /// The same file given twice (or through two directories) is linted once.
    static func unique(_ inputs: [LintPass.Input]) -> [LintPass.Input] {
        var seen = Set<LintPass.Input>(minimumCapacity: inputs.count)
        return inputs.filter { seen.insert($0).inserted }
    }
}
