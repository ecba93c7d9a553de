import Analysis
import RAMPolicy

/// One policy file after linting: what it says, what the engine made of it, and what lint found.
public struct LintedFile: Sendable {
    public var path: String
    public var kind: PolicyKind
    public var text: String
    /// The engine's verdict. `result.policy` is dropped after linting when the caller does not need the
    /// policy any more (``LintPass/run(_:keepPolicies:)``), so ``isValid`` is kept apart.
    public var result: ValidationResult
    public var findings: [Finding]
    /// Whether the document validated, whether or not `result.policy` was kept.
    public var isValid: Bool
}

extension Result where Success == LintedFile, Failure == RamguardError {
    /// Drops the validated policy tree in place (see ``LintPass/lint(_:loader:linter:keepPolicy:)``).
    ///
    /// Taking the file out with `if case .success(var file)` and storing it back copied it (a retain of each
    /// of its parts, then a release) for each of a tree's 10,000 files.
    mutating func dropPolicy() {
        switch consume self {
        case .success(var file):
            file.result.policy = nil
            self = .success(file)
        case .failure(let error):
            self = .failure(error)
        }
    }

    /// The result, moved out; a placeholder (an empty usage error) is left in its place.
    ///
    /// Gathering 10,000 results from the per-identity tasks into input order copied each (a retain of
    /// each part, on the one thread left running, of objects the other threads made) and then released
    /// the originals.
    mutating func take() -> Self {
        let taken = consume self
        self = .failure(.usage(""))
        return taken
    }
}
