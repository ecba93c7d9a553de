import ActionCatalog
import Analysis
import Foundation
import RAMPolicy

/// Reads, validates and lints a set of policy files on every core, then applies the project's
/// suppressions and baseline: the common first half of `lint` and `audit`.
public struct LintPass: Sendable {
    public struct Input: Sendable, Hashable {
        public var path: String
        public var kind: PolicyKind

        public init(path: String, kind: PolicyKind) {
            self.path = path
            self.kind = kind
        }
    }

    /// What the pass found, split the way the report shows it.
    ///
    /// Findings stay grouped by file: a tree of 10,000 files carries 150,000 findings, and flattening and
    /// regrouping them (the report quotes each file's findings together) copied every one twice.
    public struct Outcome: Sendable {
        public var files: [LintedFile]
        /// Per file, in the order of ``files``: what suppressions and the baseline made of its findings.
        public var perFile: [FileFindings]
        /// Findings naming no file of ``files`` (none come from the pass itself; kept so nothing is lost).
        public var unattributed = FileFindings()

        /// Every finding before suppression and baseline, for `--write-baseline`.
        public var all: [Finding] { files.flatMap(\.findings) }
    }

    /// One file's findings after suppressions and the baseline.
    public struct FileFindings: Sendable {
        public var kept: [Finding] = []
        public var suppressed: [(finding: Finding, reason: String)] = []
        public var baselined: [Finding] = []
    }

    public var strict: Bool
    public var configuration: LintConfiguration?
    public var baseline: LintBaseline?
    public var now: ISO8601Instant?

    public init(strict: Bool = false, configuration: LintConfiguration? = nil, baseline: LintBaseline? = nil,
                now: ISO8601Instant? = nil) {
        self.strict = strict
        self.configuration = configuration
        self.baseline = baseline
        self.now = now
    }

    /// Reads, validates and lints `inputs` on every core, then applies suppressions and the baseline.
    ///
    /// - Parameter keepPolicies: whether each file's validated ``Policy`` stays in the outcome (see
    ///   ``lint(_:loader:linter:keepPolicy:)``).
    public func run(_ inputs: [Input], keepPolicies: Bool = true) throws(RamguardError) -> Outcome {
        let linter = makeLinter()
        let loader = PolicyLoader()
        let results: [Result<LintedFile, RamguardError>] = ParallelWork.map(count: inputs.count) { index in
            lint(inputs[index], loader: loader, linter: linter, keepPolicy: keepPolicies)
        }
        PhaseClock.mark("read, validate and lint")
        return try outcome(of: consume results)
    }

    /// The linter every file of this pass is linted with.
    func makeLinter() -> Linter {
        var options = LintOptions()
        options.strict = strict
        if let now { options.now = now }
        return Linter(catalog: .vod, options: options)
    }

    /// Reads, validates and lints one file.
    ///
    /// - Parameter keepPolicy: whether the validated ``Policy`` stays in the result. `lint` does not need
    ///   it after linting, and dropping it on the worker that built it keeps 10,000 policy trees from being
    ///   torn down one by one on the main thread.
    func lint(_ input: Input, loader: PolicyLoader, linter: Linter, keepPolicy: Bool) -> Result<LintedFile, RamguardError> {
        do throws(RamguardError) {
            let file = try loader.read(input.path)
            var linted = Self.lint(file, kind: input.kind, strict: strict, linter: linter)
            if !keepPolicy { linted.result.policy = nil }
            return .success(linted)
        } catch {
            return .failure(error)
        }
    }

    /// The outcome of linting `results` (one per input, in input order): the first file that could not
    /// be read is the error; otherwise suppressions and the baseline are applied.
    ///
    /// The results are moved into the outcome, not copied: copying retained every part of each of a tree's
    /// 10,000 files on the one thread left running, and then released the originals.
    func outcome(of results: consuming [Result<LintedFile, RamguardError>]) throws(RamguardError) -> Outcome {
        var results = results
        var files: [LintedFile] = []
        files.reserveCapacity(results.count)
        for index in results.indices {
            switch results[index].take() {
            case .success(let file): files.append(file)
            case .failure(let error): throw error
            }
        }
        guard configuration != nil || baseline != nil else {
            return Outcome(files: files, perFile: files.map { FileFindings(kept: $0.findings) })
        }
        // Suppressions and the baseline see every finding in file order (a baseline counts repeated
        // findings across the whole run), then the results are grouped by file again.
        var kept = files.flatMap(\.findings)
        var suppressed: [(finding: Finding, reason: String)] = []
        if let configuration {
            let applied = configuration.apply(to: kept)
            kept = applied.kept
            suppressed = applied.suppressed.map { (finding: $0.0, reason: $0.1) }
        }
        var baselined: [Finding] = []
        if let baseline {
            let filtered = baseline.filter(kept)
            kept = filtered.new
            baselined = filtered.baselined
        }
        // One slot past the files for findings naming none of them.
        var perFile = [FileFindings](repeating: FileFindings(), count: files.count + 1)
        let paths = files.map(\.path)
        for (index, finding) in Self.fileIndices(kept, \.file, paths: paths) { perFile[index].kept.append(finding) }
        for (index, item) in Self.fileIndices(suppressed, \.finding.file, paths: paths) { perFile[index].suppressed.append(item) }
        for (index, finding) in Self.fileIndices(baselined, \.file, paths: paths) { perFile[index].baselined.append(finding) }
        let unattributed = perFile.removeLast()
        return Outcome(files: files, perFile: perFile, unattributed: unattributed)
    }

    /// Each item with the index of the first file whose path it names (`paths.count` for none). Items
    /// come in file order, so a cursor finds the file without hashing a path per finding; a path that is
    /// not ahead of the cursor (never the case for the pass's own findings) is looked up.
    static func fileIndices<T>(_ items: [T], _ file: (T) -> String, paths: [String]) -> [(Int, T)] {
        var first: [String: Int] = [:]
        for (index, path) in paths.enumerated() where first[path] == nil { first[path] = index }
        // A path given twice (as two kinds of policy) groups under its first file, as it always has.
        let canonical = paths.map { first[$0] ?? 0 }
        var cursor = 0
        var out: [(Int, T)] = []
        out.reserveCapacity(items.count)
        for item in items {
            let path = file(item)
            while cursor < paths.count, paths[cursor] != path { cursor += 1 }
            if cursor < paths.count {
                out.append((canonical[cursor], item))
            } else {
                out.append((first[path] ?? paths.count, item))
            }
        }
        return out
    }

    static func lint(_ file: LoadedFile, kind: PolicyKind, strict: Bool, linter: Linter) -> LintedFile {
        let validator = PolicyValidator(options: ValidationOptions(kind: kind, strict: strict))
        var result = validator.validate(PolicySource(name: file.path, text: file.text))
        var findings = linter.lint(validated: result, path: file.path, text: file.text, kind: kind)
        if let at = file.invalidUTF8At {
            result.policy = nil
            result.diagnostics.insert(PolicyDiagnostic(
                severity: .error, code: .jsonSyntaxError, message: "the file is not valid UTF-8",
                file: file.path, span: SourceSpan(start: at, end: at), path: ""), at: 0)
        }
        if let at = file.invalidUTF8At {
            // The linter sees the lossy decoding; the bytes themselves are the first problem.
            findings.insert(Finding(code: FindingCode.engine(.jsonSyntaxError), message: "the file is not valid UTF-8",
                                    file: file.path, text: file.text, span: SourceSpan(start: at, end: at), path: ""), at: 0)
        }
        return LintedFile(path: file.path, kind: kind, text: file.text, result: result, findings: findings,
                          isValid: result.isValid)
    }
}
