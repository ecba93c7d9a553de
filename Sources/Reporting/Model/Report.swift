/// One ramguard report: what was asked, what was decided, why, and on which assumptions.
///
/// This is the stable, documented exchange format (schema version 1). The JSON encoding follows the
/// property names below; the XML encoding (namespace `urn:ramguard:report:1`, XSD `ramguard-report.xsd`)
/// carries exactly the same information. Everything is plain data so encoders need no policy-engine types.
public struct Report: Sendable, Codable, Hashable {
    public var schemaVersion: String = "1"
    public var tool: ToolInfo
    /// RFC 3339 UTC time the report was made.
    public var generatedAt: String
    /// The verb that produced the report (`check`, `preflight`, `submit`, `lint`, `audit`, `explain`, `diff`).
    public var command: String
    /// `Allow`, `ExplicitDeny`, `ImplicitDeny` or `Invalid` (`NotEvaluated` when a submit stopped before the
    /// policy check); `Pass` or `Fail` for `lint`, `audit` and `diff` (the gate's verdict); `Always`, `Never`,
    /// `Conditional` or `Undecidable` for `explain`.
    public var decision: String
    /// The layer that denied (`control`, `session`, `identity`, `trust`), absent when allowed or invalid.
    public var deniedBy: String?
    public var request: RequestInfo?
    public var policies: [PolicyInfo]
    public var layers: [LayerResult]
    public var statements: [StatementRef]
    public var missingKeys: [String]
    public var assumptions: [AssumptionInfo]
    public var errors: [DiagnosticInfo]
    public var warnings: [DiagnosticInfo]
    /// `ramguard preflight` and `submit`: every preflight check, in order.
    public var preflight: [PreflightCheckInfo]?
    /// `ramguard submit`: `submitted`, `dry_run`, `preflight_failed`, `denied`, `api_error` or `unknown`.
    public var outcome: String?
    /// `ramguard submit`: the service's `RequestId` of the last answer, when there was one.
    public var requestId: String?
    /// `ramguard submit`: the `TaskId` of the started workflow, when submitted.
    public var taskId: String?
    /// `ramguard submit`: the error that ended the call (`code`, `message`, decoded `accessDenied`).
    public var error: SubmissionErrorInfo?
    /// `ramguard submit`: endpoint, attempts, dry-run request, journal.
    public var submission: SubmissionInfo?
    /// `ramguard lint` and `audit`: every finding, suppressed ones included (with their reason).
    public var findings: [FindingInfo]?
    /// `ramguard audit`: per identity, the verdict of every checked action.
    public var audit: [IdentityAuditInfo]?
    /// `ramguard explain`: where one action is allowed, with examples.
    public var explanation: ExplanationInfo?
    /// `ramguard diff`: what access changed, and the diff gates.
    public var diff: DiffInfo?
    /// `lint`, `audit`, `explain`, `diff`: the counts a reader wants first.
    public var summary: SummaryInfo?
    /// `lint`, `audit`, `explain`, `diff`: why the run fails or passes.
    public var gate: GateInfo?

    public init(
        tool: ToolInfo, generatedAt: String, command: String, decision: String, deniedBy: String? = nil,
        request: RequestInfo? = nil, policies: [PolicyInfo] = [], layers: [LayerResult] = [],
        statements: [StatementRef] = [], missingKeys: [String] = [], assumptions: [AssumptionInfo] = [],
        errors: [DiagnosticInfo] = [], warnings: [DiagnosticInfo] = [], preflight: [PreflightCheckInfo]? = nil,
        outcome: String? = nil, requestId: String? = nil, taskId: String? = nil, error: SubmissionErrorInfo? = nil,
        submission: SubmissionInfo? = nil, findings: [FindingInfo]? = nil, audit: [IdentityAuditInfo]? = nil,
        explanation: ExplanationInfo? = nil, diff: DiffInfo? = nil, summary: SummaryInfo? = nil, gate: GateInfo? = nil
    ) {
        self.tool = tool
        self.generatedAt = generatedAt
        self.command = command
        self.decision = decision
        self.deniedBy = deniedBy
        self.request = request
        self.policies = policies
        self.layers = layers
        self.statements = statements
        self.missingKeys = missingKeys
        self.assumptions = assumptions
        self.errors = errors
        self.warnings = warnings
        self.preflight = preflight
        self.outcome = outcome
        self.requestId = requestId
        self.taskId = taskId
        self.error = error
        self.submission = submission
        self.findings = findings
        self.audit = audit
        self.explanation = explanation
        self.diff = diff
        self.summary = summary
        self.gate = gate
    }
}

public struct ToolInfo: Sendable, Codable, Hashable {
    public var name: String
    public var version: String

    public init(name: String = "ramguard", version: String) {
        self.name = name
        self.version = version
    }
}

/// The request that was evaluated.
public struct RequestInfo: Sendable, Codable, Hashable {
    public var action: String
    /// The resource the user asked about.
    public var resource: String
    /// The resource RAM compares against (`*` for All-Resources actions such as `vod:SubmitWorkflowJob`).
    public var evaluatedResource: String
    public var context: [ContextEntry]

    public init(action: String, resource: String, evaluatedResource: String, context: [ContextEntry]) {
        self.action = action
        self.resource = resource
        self.evaluatedResource = evaluatedResource
        self.context = context
    }
}

public struct ContextEntry: Sendable, Codable, Hashable {
    public var key: String
    public var values: [String]
    /// `user` when given on the command line or in the request, `default` when ramguard supplied it
    /// (for example `acs:CurrentTime`, which the service always sets).
    public var source: String

    public init(key: String, values: [String], source: String) {
        self.key = key
        self.values = values
        self.source = source
    }
}

/// One policy document that took part.
public struct PolicyInfo: Sendable, Codable, Hashable {
    public var file: String
    /// `identity`, `session`, `control` or `trust`.
    public var layer: String
    public var statementCount: Int
    /// Characters in the document, against the 6,144-character limit of a custom policy.
    public var characters: Int
    public var valid: Bool

    public init(file: String, layer: String, statementCount: Int, characters: Int, valid: Bool) {
        self.file = file
        self.layer = layer
        self.statementCount = statementCount
        self.characters = characters
        self.valid = valid
    }
}

/// The outcome of one policy layer in the evaluation chain (control → session → identity).
public struct LayerResult: Sendable, Codable, Hashable {
    public var layer: String
    /// `Allow`, `ExplicitDeny`, `ImplicitDeny`, or `NotEvaluated` when an earlier layer already denied.
    public var decision: String

    public init(layer: String, decision: String) {
        self.layer = layer
        self.decision = decision
    }
}

/// A statement that decided the request (a matching Deny, or the matching Allows), with its location.
public struct StatementRef: Sendable, Codable, Hashable {
    public var layer: String
    public var file: String
    /// Zero-based index in the policy's `Statement` array.
    public var index: Int
    public var sid: String?
    public var effect: String
    public var location: Location
    /// The statement's source lines, for people reading the report.
    public var source: [SourceLine]

    public init(layer: String, file: String, index: Int, sid: String?, effect: String, location: Location, source: [SourceLine]) {
        self.layer = layer
        self.file = file
        self.index = index
        self.sid = sid
        self.effect = effect
        self.location = location
        self.source = source
    }
}

public struct SourceLine: Sendable, Codable, Hashable {
    public var line: Int
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// Where something is: 1-based line and column (in Unicode scalars), end position, and JSON path.
public struct Location: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?
    /// JSON path inside the document, e.g. `Statement[1].Action[0]`; empty for the whole document.
    public var path: String

    public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil, path: String) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.path = path
    }
}

/// A reading of Alibaba's documentation that the decision depends on, where the docs are uncertain.
public struct AssumptionInfo: Sendable, Codable, Hashable {
    /// Stable id, e.g. `U2` (the uncertainty register of ramguard's reference notes).
    public var id: String
    public var title: String
    public var detail: String
    public var location: Location?

    public init(id: String, title: String, detail: String, location: Location?) {
        self.id = id
        self.title = title
        self.detail = detail
        self.location = location
    }
}

/// A validation problem in a policy (or in the request).
public struct DiagnosticInfo: Sendable, Codable, Hashable {
    /// `error` or `warning`.
    public var severity: String
    /// Stable machine code, e.g. `InvalidVersion`.
    public var code: String
    /// The name Alibaba's policy checker uses for the same problem, e.g. `Invalid version`.
    public var name: String
    public var message: String
    public var remedy: String
    public var location: Location

    public init(severity: String, code: String, name: String, message: String, remedy: String, location: Location) {
        self.severity = severity
        self.code = code
        self.name = name
        self.message = message
        self.remedy = remedy
        self.location = location
    }
}
