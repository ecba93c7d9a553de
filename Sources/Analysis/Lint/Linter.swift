import ActionCatalog
import RAMPolicy

/// Finds problems in RAM policy documents: everything the policy engine's validator reports, plus
/// rules about what a valid policy actually grants — unknown or misspelt actions, administrator and
/// NotAction grants, statements that can never apply or that another statement makes redundant,
/// expired or contradictory conditions, ARNs on All-Resources VOD actions, documents near the size limit.
///
/// Each rule is a ``FindingCode`` with a stable id. Rules about how broad a grant is
/// (`AdministratorAccess`, `NotActionWithAllow`, `NotResourceWithAllow`, `ServiceWildcard`) apply to
/// identity policies only: session and control policies can only narrow what identities are granted,
/// so `Allow *` there is the normal "no further restriction" (Alibaba's default control policy
/// FullAliyunAccess is exactly that).
///
/// The linter is a value type with no mutable state (the catalogue memoizes wildcard expansions behind
/// a lock), so one instance can lint files from several threads at once. Per-document work is linear
/// in the document except the statement-pair comparison for shadowing, which is bounded by the size
/// limit; nothing on the path uses Foundation or regular expressions.
public struct Linter: Sendable {
    public let catalog: ActionCatalog
    public let options: LintOptions
    let context: CatalogContext
    /// `options.now` as messages print it, rendered once: every expired condition names it.
    let nowText: String

    public init(catalog: ActionCatalog = .vod, options: LintOptions = LintOptions()) {
        self.catalog = catalog
        self.options = options
        context = CatalogContext(catalog)
        nowText = options.now.description
    }

    /// Lints one document: validates it (every engine error or warning becomes a finding of the same
    /// code and severity), then — when it is valid — runs the linter's rules. Findings are in document
    /// order (whole-document findings first).
    public func lint(path: String, text: String, kind: PolicyKind = .identity) -> [Finding] {
        var document = DocumentLint(linter: self, file: path, text: text, kind: kind)
        document.run()
        return document.takeSortedFindings()
    }

    /// Lints a document the caller has already validated — with this linter's strictness and `kind` —
    /// so that a tool that needs the validated policy as well (an audit evaluates it) parses each file
    /// once. Same findings, in the same order, as ``lint(path:text:kind:)``.
    public func lint(validated result: ValidationResult, path: String, text: String, kind: PolicyKind = .identity) -> [Finding] {
        var document = DocumentLint(linter: self, file: path, text: text, kind: kind)
        document.run(validated: result)
        return document.takeSortedFindings()
    }

    /// Lints the identity policies attached to one identity (a RAM user with its groups, or a role):
    /// each document on its own, plus shadowing and Deny-override across documents, since RAM
    /// evaluates them together. Findings are grouped by document in the order given, each group in
    /// document order.
    public func lint(identity documents: [(path: String, text: String)]) -> [Finding] {
        var linted: [DocumentLint] = []
        linted.reserveCapacity(documents.count)
        for d in documents {
            var document = DocumentLint(linter: self, file: d.path, text: d.text, kind: .identity)
            document.run()
            linted.append(document)
        }
        var all: [StatementFacts] = []
        for d in linted { all += d.statements }
        for i in linted.indices {
            linted[i].coverageAcrossDocuments(all)
        }
        var findings: [Finding] = []
        for i in linted.indices { findings += linted[i].takeSortedFindings() }
        return findings
    }
}
