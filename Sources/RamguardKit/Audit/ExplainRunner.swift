import Analysis
import RAMPolicy
import Reporting

/// What `ramguard explain` is asked.
public struct ExplainRunOptions: Sendable {
    public var inputs: PolicyInputs
    public var action: String
    public var resource: String
    public var strict: Bool

    public init(inputs: PolicyInputs, action: String = "vod:SubmitWorkflowJob", resource: String = "*", strict: Bool = false) {
        self.inputs = inputs
        self.action = action
        self.resource = resource
        self.strict = strict
    }
}

/// `ramguard explain`: the set of contexts in which one identity may perform one action.
public struct ExplainRunner: Sendable {
    public init() {}

    public func run(_ options: ExplainRunOptions) throws(RamguardError) -> GatedRun {
        guard ActionName.isWellFormed(options.action), !options.action.contains("*"), !options.action.contains("?") else {
            throw .usage("--action \(options.action): expected one action, <service-code>:<ActionName>, for example vod:SubmitWorkflowJob")
        }
        let loaded = try options.inputs.load(strict: options.strict)
        var report = CheckRunner.report(loaded: loaded, action: options.action, resource: options.resource,
                                        context: RequestContext(), userKeys: [], principal: nil, command: "explain")
        report.request?.context = []
        report.deniedBy = nil
        report.layers = []
        report.statements = []
        report.missingKeys = []
        guard loaded.isValid else { return GatedRun(report: report, exitCode: ExitStatus.invalid) }

        let layers = PolicyLayers(identity: loaded.policies(.identity), session: loaded.policies(.session),
                                  control: loaded.policies(.control))
        let explanation = AccessExplainer(layers: layers, actions: [options.action]).explain(action: options.action, resource: options.resource)
        let sources = loaded.sources
        report.explanation = Self.info(explanation, sources: sources)
        report.statements = (explanation.granting + explanation.exceptions.map(\.statement)).map { StatementRef($0, source: sources[$0.file]) }
        report.assumptions = Report.mergeAssumptions(loaded.documents.map { $0.result.assumptions } + [explanation.assumptions])
        report.decision = Self.decision(explanation.verdict)
        let code: Int32 = switch explanation.verdict {
        case .always: ExitStatus.always
        case .never: ExitStatus.never
        case .conditional: ExitStatus.conditional
        case .undecidable: ExitStatus.undecidable
        }
        return GatedRun(report: report, exitCode: code)
    }

    /// The report's `decision` for an explanation: the verdict, capitalised like the engine's decisions.
    static func decision(_ verdict: AccessExplanation.Verdict) -> String {
        switch verdict {
        case .always: "Always"
        case .never: "Never"
        case .conditional: "Conditional"
        case .undecidable: "Undecidable"
        }
    }

    static func info(_ e: AccessExplanation, sources: [String: PolicySource]) -> ExplanationInfo {
        func entries(_ example: [String: [String]]?) -> [ContextEntryInfo]? {
            example.map { $0.sorted { $0.key < $1.key }.map { ContextEntryInfo(key: $0.key, values: $0.value) } }
        }
        return ExplanationInfo(
            action: e.action, resource: e.resource, verdict: e.verdict.rawValue, summary: e.summary,
            allowedWhen: e.allowedWhen.map { $0.map(\.description) },
            exceptions: e.exceptions.map {
                ExceptionInfo(constraints: $0.constraints.map(\.description), statement: StatementRef($0.statement, source: sources[$0.statement.file]))
            },
            allowedExample: entries(e.allowedExample), deniedExample: entries(e.deniedExample),
            examplesConfirmed: e.examplesConfirmed, undecidableReasons: e.undecidableReasons)
    }
}
