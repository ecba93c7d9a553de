import ActionCatalog
import Analysis
import RAMPolicy
import Reporting

/// What `ramguard diff` is asked.
public struct DiffRunOptions: Sendable {
    /// The policy set before and after the change (files or directories; each is one identity's policies).
    public var old: [String]
    public var new: [String]
    public var resource: String
    /// `--no-new-access`: fail when NEW grants anything OLD did not (an action gained, or allowed in more contexts).
    public var noNewAccess: Bool
    /// `--still-grants ACTION`: fail when NEW no longer grants it (always or conditionally).
    public var stillGrants: [String]
    public var strict: Bool

    public init(old: [String], new: [String], resource: String = "*", noNewAccess: Bool = false, stillGrants: [String] = [],
                strict: Bool = false) {
        self.old = old
        self.new = new
        self.resource = resource
        self.noNewAccess = noNewAccess
        self.stillGrants = stillGrants
        self.strict = strict
    }
}

/// `ramguard diff OLD NEW`: what a policy change gives and takes away, action by action — the pre-deploy gate.
public struct DiffRunner: Sendable {
    public init() {}

    public func run(_ options: DiffRunOptions) throws(RamguardError) -> GatedRun {
        for action in options.stillGrants where !ActionName.isWellFormed(action) || action.contains("*") || action.contains("?") {
            throw .usage("--still-grants \(action): expected one action, for example vod:SubmitWorkflowJob")
        }
        let old = try PolicyInputs(identity: options.old).load(strict: options.strict)
        let new = try PolicyInputs(identity: options.new).load(strict: options.strict)
        var report = Report(tool: ToolInfo(version: RamguardVersion.current), generatedAt: Timestamp.rfc3339(),
                            command: "diff", decision: "Invalid")
        report.policies = (old.documents + new.documents).map(PolicyInfo.init)
        let diagnostics = old.diagnostics + new.diagnostics
        report.errors = diagnostics.filter { $0.severity == .error }.map(DiagnosticInfo.init)
        report.warnings = diagnostics.filter { $0.severity == .warning }.map(DiagnosticInfo.init)
        report.assumptions = Report.mergeAssumptions((old.documents + new.documents).map { $0.result.assumptions })
        guard old.isValid, new.isValid else { return GatedRun(report: report, exitCode: ExitStatus.invalid) }
        if let error = ActionCatalog.vod.loadError {
            throw .unreadable(path: "the bundled VOD action catalogue", reason: error)
        }

        let universe = ActionCatalog.vod.actions.map(\.name) + options.stillGrants
        let diff = PolicySetDiff(old: PolicyLayers(identity: old.policies(.identity), session: [], control: []),
                                 new: PolicyLayers(identity: new.policies(.identity), session: [], control: []),
                                 actions: universe, resource: options.resource).compute()
        let sources = old.sources.merging(new.sources) { a, _ in a }
        var info = DiffInfo(old: old.documents.map(\.path), new: new.documents.map(\.path))
        info.changes = diff.changes.map {
            AccessChangeInfo(action: $0.action, change: $0.kind.rawValue, oldVerdict: $0.old.rawValue, newVerdict: $0.new.rawValue,
                             oldSummary: $0.oldSummary, newSummary: $0.newSummary,
                             statements: $0.responsible.map { StatementRef($0, source: sources[$0.file]) })
        }
        info.unchanged = diff.unchangedCount
        var reasons: [String] = []
        if options.noNewAccess {
            info.noNewAccess = !diff.grantsNewAccess
            if diff.grantsNewAccess {
                let widened = diff.changes.filter { $0.kind == .gained || $0.kind == .loosened || $0.kind == .changed }
                reasons.append("--no-new-access: NEW grants more than OLD for \(widened.count) action\(widened.count == 1 ? "" : "s"): "
                    + widened.prefix(8).map { "\($0.action) (\($0.kind.rawValue))" }.joined(separator: ", ") + (widened.count > 8 ? ", …" : ""))
            }
        }
        info.stillGrants = options.stillGrants.map { StillGrantsInfo(action: $0, granted: diff.stillGrants($0)) }
        for lost in info.stillGrants where !lost.granted {
            reasons.append("--still-grants \(lost.action): NEW no longer grants it")
        }
        report.diff = info
        report.gate = GateInfo(threshold: nil, failOn: [], failed: !reasons.isEmpty, reasons: reasons)
        report.decision = reasons.isEmpty ? "Pass" : "Fail"
        return GatedRun(report: report, exitCode: reasons.isEmpty ? ExitStatus.passed : ExitStatus.gateFailed)
    }
}
