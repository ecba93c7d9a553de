/// One lint finding (`ramguard lint`, `ramguard audit`): what is wrong, exactly where, and what to do.
///
/// Findings are plain data so every encoder (JSON, XML, text, JUnit, SARIF, HTML) can render them without
/// the analysis types. A suppressed finding stays in the report, with ``suppressed`` saying why, so a reader
/// (and SARIF's `suppressions`) can see what was silenced; gates count only unsuppressed findings.
public struct FindingInfo: Sendable, Codable, Hashable {
    /// The four classes, most severe first. Gates and renderers order and compare severities by this list.
    public static let severities = ["error", "security-warning", "warning", "suggestion"]

    /// Stable machine code of the rule, e.g. `WildcardAction` (SARIF `ruleId`).
    public var code: String
    /// `error`, `security-warning`, `warning` or `suggestion` (see ``severities``).
    public var severity: String
    /// The rule's short name, the same for every finding of this code (SARIF `shortDescription`).
    public var title: String
    /// What the rule checks and why it matters, the same for every finding of this code.
    public var help: String
    /// What is wrong at this location.
    public var message: String
    /// What to do about it here.
    public var remedy: String
    /// The policy file, as given on the command line (relative or absolute).
    public var file: String
    /// 1-based line, absent when the finding concerns the whole file (or a file that could not be read).
    public var line: Int?
    /// 1-based column in Unicode scalars.
    public var column: Int?
    /// End position, exclusive.
    public var endLine: Int?
    public var endColumn: Int?
    /// JSON path inside the document, e.g. `Statement[1].Action[0]`; empty for the whole document.
    public var path: String
    /// Stable identity of the finding across runs (for baselines and SARIF `partialFingerprints`): it must not
    /// change when unrelated lines move.
    public var fingerprint: String
    /// The quoted source lines around the finding, for people.
    public var snippet: [SourceLineInfo]
    /// Other places that explain the finding (the statement that shadows it, the duplicate, …).
    public var related: [RelatedLocationInfo]
    /// Why the finding is silenced, when it is.
    public var suppressed: SuppressionInfo?
    // A stored property added here must be initialised in ``initialize(_:code:severity:title:help:message:remedy:file:line:column:endLine:endColumn:path:fingerprint:snippet:related:suppressed:)`` too.

    public init(
        code: String, severity: String, title: String, help: String, message: String, remedy: String, file: String,
        line: Int? = nil, column: Int? = nil, endLine: Int? = nil, endColumn: Int? = nil, path: String,
        fingerprint: String, snippet: [SourceLineInfo] = [], related: [RelatedLocationInfo] = [],
        suppressed: SuppressionInfo? = nil
    ) {
        self.code = code
        self.severity = severity
        self.title = title
        self.help = help
        self.message = message
        self.remedy = remedy
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.path = path
        self.fingerprint = fingerprint
        self.snippet = snippet
        self.related = related
        self.suppressed = suppressed
    }

    /// Initialises the finding at `destination`, which must be uninitialised, field by field.
    ///
    /// For code that makes many findings straight into their place in an array (a tree's lint makes
    /// 150,000): ``init(code:severity:title:help:message:remedy:file:line:column:endLine:endColumn:path:fingerprint:snippet:related:suppressed:)``
    /// built each one on the stack and then copied it out (its dozen strings retained, then released
    /// again), which the compiler does not avoid for an explicit initialiser of a struct this large.
    /// Every stored property must be initialised here; a test compares the result with the initialiser's.
    package static func initialize(
        _ destination: UnsafeMutablePointer<FindingInfo>,
        code: consuming String, severity: consuming String, title: consuming String, help: consuming String,
        message: consuming String, remedy: consuming String, file: consuming String,
        line: Int?, column: Int?, endLine: Int?, endColumn: Int?, path: consuming String, fingerprint: consuming String,
        snippet: consuming [SourceLineInfo], related: consuming [RelatedLocationInfo], suppressed: consuming SuppressionInfo?
    ) {
        destination.pointer(to: \.code)!.initialize(to: code)
        destination.pointer(to: \.severity)!.initialize(to: severity)
        destination.pointer(to: \.title)!.initialize(to: title)
        destination.pointer(to: \.help)!.initialize(to: help)
        destination.pointer(to: \.message)!.initialize(to: message)
        destination.pointer(to: \.remedy)!.initialize(to: remedy)
        destination.pointer(to: \.file)!.initialize(to: file)
        destination.pointer(to: \.line)!.initialize(to: line)
        destination.pointer(to: \.column)!.initialize(to: column)
        destination.pointer(to: \.endLine)!.initialize(to: endLine)
        destination.pointer(to: \.endColumn)!.initialize(to: endColumn)
        destination.pointer(to: \.path)!.initialize(to: path)
        destination.pointer(to: \.fingerprint)!.initialize(to: fingerprint)
        destination.pointer(to: \.snippet)!.initialize(to: snippet)
        destination.pointer(to: \.related)!.initialize(to: related)
        destination.pointer(to: \.suppressed)!.initialize(to: suppressed)
    }

    /// The position of ``severity`` in ``severities`` (0 = most severe); unknown severities rank last.
    public var severityRank: Int {
        Self.severities.firstIndex(of: severity) ?? Self.severities.count
    }

    /// `file:line:column`, `file:line` or `file`, as compilers print locations.
    public var locationText: String {
        switch (line, column) {
        case let (line?, column?): "\(file):\(line):\(column)"
        case let (line?, nil): "\(file):\(line)"
        default: file
        }
    }
}

/// A quoted source line (1-based number and text); the same type as ``SourceLine`` under the name the
/// lint model uses.
public typealias SourceLineInfo = SourceLine
