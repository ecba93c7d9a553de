import RAMPolicy
import Reporting

/// The validated policies of every layer of one identity, with every diagnostic found while loading.
public struct LoadedPolicies: Sendable {
    public struct Document: Sendable {
        public var path: String
        public var layer: PolicyLayer
        public var result: ValidationResult
    }

    public var documents: [Document]

    public var isValid: Bool { documents.allSatisfy { $0.result.isValid } }
    public var diagnostics: [PolicyDiagnostic] { documents.flatMap { $0.result.diagnostics } }

    /// The text of every valid document by path, to quote statements in reports.
    public var sources: [String: PolicySource] {
        Dictionary(documents.compactMap { d in d.result.policy.map { (d.path, $0.source) } }, uniquingKeysWith: { a, _ in a })
    }

    public func policies(_ layer: PolicyLayer) -> [Policy] {
        documents.filter { $0.layer == layer }.compactMap { $0.result.policy }
    }

    /// Builds the authorizer; only meaningful when ``isValid``.
    public func authorizer(scope: any ResourceScope = OperationGranularServices()) -> Authorizer {
        Authorizer(identity: policies(.identity), session: policies(.session),
                   control: policies(.control), trust: policies(.trust), scope: scope)
    }
}

extension PolicyInfo {
    /// A loaded document as the report lists it.
    init(_ document: LoadedPolicies.Document) {
        self.init(file: document.path, layer: document.layer.rawValue, statementCount: document.result.statementCount,
                  characters: document.result.characterCount, valid: document.result.isValid)
    }
}

/// Which files play which role for one identity.
public struct PolicyInputs: Sendable {
    public var identity: [String]
    public var session: String?
    public var control: [String]
    public var trust: String?

    public init(identity: [String], session: String? = nil, control: [String] = [], trust: String? = nil) {
        self.identity = identity
        self.session = session
        self.control = control
        self.trust = trust
    }

    /// Reads and validates every file. Unreadable files throw; invalid ones are reported in the result.
    public func load(strict: Bool, loader: PolicyLoader = PolicyLoader()) throws(RamguardError) -> LoadedPolicies {
        var documents: [LoadedPolicies.Document] = []
        func add(_ paths: [String], _ layer: PolicyLayer) throws(RamguardError) {
            for path in try loader.expand(paths) {
                let file = try loader.read(path)
                let validator = PolicyValidator(options: ValidationOptions(kind: layer.kind, strict: strict))
                var result = validator.validate(PolicySource(name: path, text: file.text))
                if let at = file.invalidUTF8At {
                    result.policy = nil
                    result.diagnostics.insert(PolicyDiagnostic(
                        severity: .error, code: .jsonSyntaxError, message: "the file is not valid UTF-8",
                        file: path, span: SourceSpan(start: at, end: at), path: ""), at: 0)
                }
                documents.append(.init(path: path, layer: layer, result: result))
            }
        }
        if identity.isEmpty { throw .usage("give at least one identity policy with --policy FILE|DIR") }
        try add(control, .control)
        if let session { try add([session], .session) }
        try add(identity, .identity)
        if let trust { try add([trust], .trust) }
        return LoadedPolicies(documents: documents)
    }
}
