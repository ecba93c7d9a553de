import RAMPolicy
import Reporting

/// What `ramguard check` is asked.
public struct CheckOptions: Sendable {
    public var inputs: PolicyInputs
    public var action: String
    public var resource: String
    public var context: [String]
    public var principal: String?
    public var strict: Bool
    /// The time used for `acs:CurrentTime` when the context does not give it (RAM always sets it).
    public var now: String

    public init(inputs: PolicyInputs, action: String = "vod:SubmitWorkflowJob", resource: String = "*",
                context: [String] = [], principal: String? = nil, strict: Bool = false, now: String = Timestamp.rfc3339()) {
        self.inputs = inputs
        self.action = action
        self.resource = resource
        self.context = context
        self.principal = principal
        self.strict = strict
        self.now = now
    }
}

/// Runs one check: load and validate every layer's policies, evaluate the request, build the report.
public struct CheckRunner: Sendable {
    public init() {}

    public func run(_ options: CheckOptions) throws(RamguardError) -> Report {
        guard ActionName.isWellFormed(options.action), options.action != "*" else {
            throw .usage("--action \(options.action): expected <service-code>:<ActionName>, for example vod:SubmitWorkflowJob")
        }
        var context = try ContextArgument.parse(options.context)
        let userKeys = Set(context.entries.map(\.foldedKey))
        _ = context.setDefault("acs:CurrentTime", value: options.now)
        let loaded = try options.inputs.load(strict: options.strict)
        return Self.report(loaded: loaded, action: options.action, resource: options.resource, context: context,
                           userKeys: userKeys, principal: options.principal, command: "check")
    }

    /// Builds the report for a request against loaded policies (shared with preflight).
    public static func report(loaded: LoadedPolicies, action: String, resource: String, context: RequestContext,
                              userKeys: Set<String>, principal: String?, command: String) -> Report {
        let entries = context.entries.map {
            ContextEntry(key: $0.key, values: $0.values, source: userKeys.contains($0.foldedKey) ? "user" : "default")
        }
        let sources = loaded.sources
        var report = Report(
            tool: ToolInfo(version: RamguardVersion.current), generatedAt: Timestamp.rfc3339(), command: command,
            decision: "Invalid",
            request: RequestInfo(action: action, resource: resource, evaluatedResource: resource, context: entries),
            policies: loaded.documents.map(PolicyInfo.init),
            errors: loaded.diagnostics.filter { $0.severity == .error }.map(DiagnosticInfo.init),
            warnings: loaded.diagnostics.filter { $0.severity == .warning }.map(DiagnosticInfo.init))
        let validationAssumptions = loaded.documents.map { $0.result.assumptions }
        guard loaded.isValid else {
            report.assumptions = Report.mergeAssumptions(validationAssumptions)
            return report
        }
        let authorizer = loaded.authorizer()
        let request = Request(action: action, resource: resource, context: context,
                              principal: principal.map(PrincipalRef.init(parsing:)))
        let evaluation = authorizer.evaluate(request)
        report.decision = evaluation.decision.rawValue
        report.deniedBy = evaluation.deniedBy?.rawValue
        report.request?.evaluatedResource = evaluation.evaluatedResource
        report.layers = evaluation.layers.map { LayerResult(layer: $0.layer.rawValue, decision: $0.decision?.rawValue ?? "NotEvaluated") }
        report.statements = evaluation.deciding.map { StatementRef($0, source: sources[$0.file]) }
        report.missingKeys = evaluation.missingKeys
        report.assumptions = Report.mergeAssumptions(validationAssumptions + [evaluation.assumptions])
        return report
    }
}
