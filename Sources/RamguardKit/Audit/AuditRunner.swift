import ActionCatalog
import Analysis
import Foundation
import RAMPolicy
import Reporting

/// What `ramguard audit` is asked.
public struct AuditRunOptions: Sendable {
    /// Directories of identities (see ``PolicyTree``), or nil/empty with a manifest.
    public var paths: [String]
    public var manifestPath: String?
    /// A session policy and control policies applied to every identity found (the manifest can set them
    /// per identity).
    public var sessionPolicy: String?
    public var controlPolicies: [String]
    /// The actions to check; empty means `vod:SubmitWorkflowJob`.
    public var actions: [String]
    /// `--actions-from catalog`: every current VOD action of the bundled catalogue.
    public var actionsFromCatalog: Bool
    public var resource: String
    /// `--expect`: what every check must show, or nil to only report.
    public var expectation: AccessExpectation?
    public var settings: LintSettings
    /// Progress on standard error (only when it is a terminal).
    public var progress: Bool

    public init(paths: [String], manifestPath: String? = nil, sessionPolicy: String? = nil, controlPolicies: [String] = [],
                actions: [String] = [], actionsFromCatalog: Bool = false, resource: String = "*",
                expectation: AccessExpectation? = nil, settings: LintSettings = LintSettings(), progress: Bool = false) {
        self.paths = paths
        self.manifestPath = manifestPath
        self.sessionPolicy = sessionPolicy
        self.controlPolicies = controlPolicies
        self.actions = actions
        self.actionsFromCatalog = actionsFromCatalog
        self.resource = resource
        self.expectation = expectation
        self.settings = settings
        self.progress = progress
    }
}

/// `--expect`: what a compliance rule demands of every identity × action check.
public enum AccessExpectation: String, Sendable, CaseIterable {
    /// Allowed in every context.
    case always
    /// Allowed in every context or only under conditions.
    case granted
    /// Allowed in no context (AWS Access Analyzer's check-access-not-granted).
    case notGranted = "not-granted"

    func accepts(_ verdict: AccessExplanation.Verdict) -> Bool {
        switch self {
        case .always: verdict == .always
        case .granted: verdict == .always || verdict == .conditional
        case .notGranted: verdict == .never
        }
    }
}

/// `ramguard audit`: lint every file of a tree of identities, then say for each identity and action
/// whether it is granted always, never or only under conditions.
public struct AuditRunner: Sendable {
    public init() {}

    public func run(_ options: AuditRunOptions) throws(RamguardError) -> GatedRun {
        let started = DispatchTime.now()
        PhaseClock.mark("arguments read")
        let (pass, gate, configPath) = try options.settings.prepare()
        var identities: [AuditIdentity] = []
        if let manifestPath = options.manifestPath {
            identities = try AuditManifest.load(manifestPath).identities
        }
        if !options.paths.isEmpty {
            identities += try PolicyTree().identities(in: options.paths)
        }
        guard !identities.isEmpty else { throw .usage("give a directory of identities or --manifest FILE to audit") }
        if options.sessionPolicy != nil || !options.controlPolicies.isEmpty {
            let control = try PolicyLoader().expand(options.controlPolicies)
            for index in identities.indices {
                identities[index].controlFiles = control + identities[index].controlFiles
                if identities[index].sessionFile == nil { identities[index].sessionFile = options.sessionPolicy }
            }
        }
        let actions = try Self.actions(options)

        // Lint every distinct (file, layer) once, on all cores.
        var inputs: [LintPass.Input] = []
        for identity in identities { inputs += Self.inputs(of: identity) }
        inputs = LintRunner.unique(inputs)
        let progress = options.progress ? Progress(total: identities.count) : nil
        progress?.note("linting \(inputs.count) files")
        PhaseClock.mark("find files")

        // A file only one identity reads is linted, explained and let go by that identity's task: kept
        // until every identity had been explained, a tree's 10,000 policy trees doubled the peak memory
        // (and its page faults were a third of the run). Files several identities read (control and
        // session policies, mostly) are linted first and kept.
        var indexOf: [LintPass.Input: Int] = [:]
        for (index, input) in inputs.enumerated() { indexOf[input] = index }
        var readers = [Int](repeating: 0, count: inputs.count)
        var read: [[Int]] = []
        read.reserveCapacity(identities.count)
        for identity in identities {
            var mine: [Int] = []
            for input in Self.inputs(of: identity) {
                guard let index = indexOf[input], !mine.contains(index) else { continue }
                mine.append(index)
                readers[index] += 1
            }
            read.append(mine)
        }
        let linter = pass.makeLinter()
        let loader = PolicyLoader()
        let sharedIndices = readers.indices.filter { readers[$0] > 1 }
        let frozenInputs = inputs
        let sharedResults = ParallelWork.map(count: sharedIndices.count) { n in
            pass.lint(frozenInputs[sharedIndices[n]], loader: loader, linter: linter, keepPolicy: true)
        }
        // Every input's slot is filled below: by a shared file or by the one identity that reads it.
        var results = [Result<LintedFile, RamguardError>](repeating: .failure(.usage("")), count: inputs.count)
        var shared: [LintPass.Input: LintedFile] = [:]
        for (n, index) in sharedIndices.enumerated() {
            results[index] = sharedResults[n]
            if case .success(let file) = sharedResults[n] { shared[inputs[index]] = file }
        }

        // Then every identity: its own files, and each action, on all cores.
        let resource = options.resource
        let expectation = options.expectation
        let frozenShared = shared
        let frozenReaders = readers
        let found = identities
        let frozenRead = read
        var explained: [(info: IdentityAuditInfo?, own: [(Int, Result<LintedFile, RamguardError>)])] =
            ParallelWork.map(count: identities.count) { k in
                defer { progress?.advance() }
                var own: [(Int, Result<LintedFile, RamguardError>)] = []
                for index in frozenRead[k] where frozenReaders[index] == 1 {
                    own.append((index, pass.lint(frozenInputs[index], loader: loader, linter: linter, keepPolicy: true)))
                }
                // A file that could not be read ends the run (after this pass, as before it); nothing to explain.
                let unreadable = own.contains { if case .failure = $0.1 { true } else { false } }
                // An identity reads a handful of files: found by a scan of its own (no table of copies).
                func file(_ input: LintPass.Input) -> LintedFile? {
                    for n in own.indices where frozenInputs[own[n].0] == input {
                        if case .success(let file) = own[n].1 { return file }
                        return nil
                    }
                    return frozenShared[input]
                }
                let info = unreadable ? nil : Self.audit(found[k], files: file, actions: actions,
                                                          resource: resource, expectation: expectation)
                // The policy trees go on this core; the outcome keeps the findings and the text.
                for n in own.indices { own[n].1.dropPolicy() }
                return (info, own)
            }
        progress?.finish()
        PhaseClock.mark("read, validate and lint; explain identities")
        for k in explained.indices {
            for n in explained[k].own.indices { results[explained[k].own[n].0] = explained[k].own[n].1.take() }
        }
        let outcome = try pass.outcome(of: consume results)
        try options.settings.writeBaseline(outcome.all)
        let audits = explained.map { $0.info! }

        var (report, findings) = FindingReporting.report(command: "audit", outcome: outcome, gate: gate, configPath: configPath,
                                                         identities: identities.count, started: started, settings: options.settings)
        report.policies = outcome.files.map(FindingReporting.policyInfo)
        report.audit = audits
        let checks = audits.flatMap(\.checks)
        var verdicts = Dictionary(uniqueKeysWithValues: (AccessExplanation.Verdict.allCases.map(\.rawValue) + ["invalid"]).map { ($0, 0) })
        for check in checks { verdicts[check.verdict, default: 0] += 1 }
        report.summary?.checks = verdicts
        let unmet = checks.filter { $0.passed == false }
        if !unmet.isEmpty, var gateInfo = report.gate {
            gateInfo.failed = true
            gateInfo.reasons.append("\(unmet.count) check\(unmet.count == 1 ? "" : "s") not \(options.expectation?.rawValue ?? "as expected"): "
                + unmet.prefix(5).map { "\($0.action)" }.joined(separator: ", ") + (unmet.count > 5 ? ", …" : ""))
            report.gate = gateInfo
        }
        report.decision = report.gate?.failed == true ? "Fail" : "Pass"
        PhaseClock.mark("build report")
        return GatedRun(report: report, exitCode: report.gate?.failed == true ? ExitStatus.gateFailed : ExitStatus.passed,
                        retained: outcome, findingSource: findings)
    }

    static func actions(_ options: AuditRunOptions) throws(RamguardError) -> [String] {
        var actions = options.actions
        if options.actionsFromCatalog {
            if let error = ActionCatalog.vod.loadError { throw .unreadable(path: "the bundled VOD action catalogue", reason: error) }
            actions += ActionCatalog.vod.actions.filter { $0.status == .current }.map(\.name)
        }
        if actions.isEmpty { actions = ["vod:SubmitWorkflowJob"] }
        for action in actions where !ActionName.isWellFormed(action) || action.contains("*") || action.contains("?") {
            throw .usage("--action \(action): expected one action, <service-code>:<ActionName>, for example vod:SubmitWorkflowJob")
        }
        var seen = Set<String>()
        return actions.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The files an identity reads, control first, as they are linted.
    static func inputs(of identity: AuditIdentity) -> [LintPass.Input] {
        var inputs = identity.controlFiles.map { LintPass.Input(path: $0, kind: .control) }
        if let session = identity.sessionFile { inputs.append(.init(path: session, kind: .session)) }
        inputs += identity.identityFiles.map { .init(path: $0, kind: .identity) }
        return inputs
    }

    /// The resource scope every identity is explained in, made once (each explainer made its own set
    /// of service codes).
    private static let scope = OperationGranularServices()

    static func audit(_ identity: AuditIdentity, files: (LintPass.Input) -> LintedFile?, actions: [String], resource: String,
                      expectation: AccessExpectation?) -> IdentityAuditInfo {
        var layers = PolicyLayers(identity: [], session: [], control: [])
        var documents: [LintedFile] = []
        var invalid: [String] = []
        func take(_ path: String, _ kind: PolicyKind) {
            guard let file = files(.init(path: path, kind: kind)) else { return }
            documents.append(file)
            guard let policy = file.result.policy else {
                invalid.append(path)
                return
            }
            switch kind {
            case .control: layers.control.append(policy)
            case .session: layers.session.append(policy)
            default: layers.identity.append(policy)
            }
        }
        identity.controlFiles.forEach { take($0, .control) }
        if let session = identity.sessionFile { take(session, .session) }
        identity.identityFiles.forEach { take($0, .identity) }
        let policies = documents.map(FindingReporting.policyInfo)
        // The source of a statement's file: the first document read from it (an identity reads a few,
        // and a table of them cost more than finding each statement's among them).
        func source(_ file: String) -> PolicySource? {
            for d in documents where d.path == file {
                if let policy = d.result.policy { return policy.source }
            }
            return nil
        }

        guard invalid.isEmpty else {
            let summary = "Cannot be evaluated: \(invalid.joined(separator: ", ")) \(invalid.count == 1 ? "is" : "are") not valid (see the findings); RAM refuses to attach an invalid policy."
            return IdentityAuditInfo(identity: identity.name, policies: policies, checks: actions.map {
                AccessCheckInfo(action: $0, resource: resource, verdict: "invalid", summary: summary, statements: [],
                                expected: expectation?.rawValue, passed: expectation.map { _ in false })
            })
        }
        let explainer = AccessExplainer(layers: layers, scope: Self.scope, actions: actions)
        // A check reports the verdict, its summary and its statements: the explainer's short answer.
        let checks = actions.map { action in
            let answer = explainer.verdict(action: action, resource: resource)
            let statements = (answer.granting + answer.exceptions).map { StatementRef($0, source: source($0.file)) }
            return AccessCheckInfo(action: action, resource: resource, verdict: answer.verdict.rawValue,
                                   summary: answer.summary, statements: statements,
                                   expected: expectation?.rawValue, passed: expectation.map { $0.accepts(answer.verdict) })
        }
        return IdentityAuditInfo(identity: identity.name, policies: policies, checks: checks)
    }
}
