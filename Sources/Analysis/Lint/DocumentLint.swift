import ActionCatalog
import RAMPolicy

/// The linting of one document: validation, then the rules, collecting findings.
///
/// The rules live in extensions named after what they look at (actions, grants, conditions,
/// coverage); this file holds the walk and the bookkeeping.
struct DocumentLint {
    /// The linter's catalogue facts. The catalogue itself is read through it (``catalog``): every thread
    /// shares the catalogue, and copying it here per document counted a reference to each of its parts,
    /// each time moving a cache line between the cores.
    let context: CatalogContext
    let options: LintOptions
    /// ``Linter/nowText``.
    let nowText: String
    let file: String
    let text: String
    let kind: PolicyKind
    private(set) var findings: [Finding] = []
    /// The analysed statements of a valid document (empty when the document is invalid).
    private(set) var statements: [StatementFacts] = []
    var characterCount = 0
    /// See `fingerprintHeader(_:)`.
    private var fingerprintHeaders: [(code: String, header: FNV1a64)] = []
    /// See `pathHeader(_:_:)`.
    private var pathHeaders: [(code: String, form: PathForm, hash: FNV1a64)] = []

    init(linter: Linter, file: String, text: String, kind: PolicyKind) {
        context = linter.context
        options = linter.options
        nowText = linter.nowText
        self.file = file
        self.text = text
        self.kind = kind
    }

    /// The linter's catalogue (the unknown-action rules read it).
    var catalog: ActionCatalog { context.catalog }

    mutating func run() {
        let validator = PolicyValidator(options: options.validation(kind: kind))
        run(validated: validator.validate(PolicySource(name: file, text: text)))
    }

    /// The rules on a document the caller has already validated (with the same kind and strictness).
    mutating func run(validated result: ValidationResult) {
        characterCount = result.characterCount
        for d in result.diagnostics {
            emit(FindingCode.engine(d.code), severity: d.severity == .error ? .error : .warning,
                 message: d.message, span: d.span, path: d.path)
        }
        sizeRule()
        guard let policy = result.policy else { return }
        // Every action pattern analysed once, then the document's statements over the shared table.
        // The entries of all statements (and their resources) go in one list each, which statements
        // read by position (``DocumentFacts``): a list per statement was an allocation to make and
        // free, and a reference count per entry each way.
        // By index, reading fields in place: iterating the statements copied each one.
        let all = policy.statements
        var entryCount = 0
        var resourceCount = 0
        for i in all.indices {
            entryCount += all[i].actions.count
            resourceCount += all[i].resources?.count ?? 0
        }
        var patterns = ActionPatterns(context: context, entries: entryCount)
        var entries: [ActionFacts] = []
        entries.reserveCapacity(entryCount)
        var resources: [ResourceFacts] = []
        resources.reserveCapacity(resourceCount)
        for i in all.indices {
            let actions = all[i].actions
            for k in actions.indices { entries.append(patterns.intern(actions[k].value)) }
            if let rs = all[i].resources { for k in rs.indices { resources.append(ResourceFacts(rs[k])) } }
        }
        let facts = DocumentFacts(file: file, statements: all, entries: entries, resources: resources,
                                  coverage: patterns.coverage())
        statements.reserveCapacity(all.count)
        var entryStart = 0
        var resourceStart = 0
        for position in all.indices {
            statements.append(StatementFacts(document: facts, position: position, entryStart: entryStart, resourceStart: resourceStart))
            entryStart += all[position].actions.count
            resourceStart += all[position].resources?.count ?? 0
        }
        for s in statements {
            actionRules(s)
            grantRules(s)
            conditionRules(s)
            resourceScopeRule(s)
        }
        denyRules()
        coverageWithinDocument()
    }

    mutating func emit(_ code: FindingCode, severity: FindingSeverity? = nil, message: String, span: SourceSpan?,
                       path: String, related: [RelatedLocation] = []) {
        let fingerprint = Finding.fingerprint(header: fingerprintHeader(code.id), path: path, text: text, span: span)
        append(code, severity: severity, message: message, span: span, path: path, related: related, fingerprint: fingerprint)
    }

    /// ``emit(_:severity:message:span:path:related:)`` for a path of a known form (a statement's or an
    /// action entry's from the ``PathTable``): its hash without indices is the same for every finding
    /// of the rule in the document, so it is hashed once (`pathHeader(_:_:)`) instead of per finding.
    mutating func emit(_ code: FindingCode, severity: FindingSeverity? = nil, message: String, span: SourceSpan?,
                       location: (path: String, form: PathForm?), related: [RelatedLocation] = []) {
        guard let form = location.form else {
            emit(code, severity: severity, message: message, span: span, path: location.path, related: related)
            return
        }
        let fingerprint = Finding.fingerprint(pathHash: pathHeader(code.id, form), text: text, span: span)
        append(code, severity: severity, message: message, span: span, path: location.path, related: related,
               fingerprint: fingerprint)
    }

    private mutating func append(_ code: FindingCode, severity: FindingSeverity?, message: String, span: SourceSpan?,
                                 path: String, related: [RelatedLocation], fingerprint: String) {
        // A document has a dozen findings or so: growing from empty reallocated four times.
        if findings.isEmpty { findings.reserveCapacity(16) }
        findings.append(Finding(code: code, severity: severity, message: message, file: file, span: span, path: path,
                                related: related, fingerprint: fingerprint))
    }

    /// The fingerprint hash of rule `code`'s header and a path of `form` (with the separator after it),
    /// hashed once per rule and form.
    private mutating func pathHeader(_ code: String, _ form: PathForm) -> FNV1a64 {
        let length = code.utf8.count
        // Read in place: iterating the tuples copied each rule id (a reference count each way per entry).
        let known = pathHeaders.withUnsafeBufferPointer { headers -> FNV1a64? in
            for k in headers.indices where headers[k].form == form && headers[k].code.utf8.count == length && headers[k].code == code {
                return headers[k].hash
            }
            return nil
        }
        if let known { return known }
        var hash = fingerprintHeader(code)
        hash.combine(pathWithoutIndices: form.withoutIndices)
        hash.combine(separator: 0)
        if pathHeaders.isEmpty { pathHeaders.reserveCapacity(6) }
        pathHeaders.append((code, form, hash))
        return hash
    }

    /// `Finding.fingerprintHeader(code:file:)` for this document, hashed once per rule: a document's
    /// findings come from a handful of rules, and the file name is most of what a fingerprint hashes.
    private mutating func fingerprintHeader(_ code: String) -> FNV1a64 {
        // Lengths first: the rule ids are literals, and comparing two different long ones as strings
        // took the slow path for every finding.
        let length = code.utf8.count
        let known = fingerprintHeaders.withUnsafeBufferPointer { headers -> FNV1a64? in
            for k in headers.indices where headers[k].code.utf8.count == length && headers[k].code == code { return headers[k].header }
            return nil
        }
        if let known { return known }
        let header = Finding.fingerprintHeader(code: code, file: file)
        if fingerprintHeaders.isEmpty { fingerprintHeaders.reserveCapacity(6) }
        fingerprintHeaders.append((code, header))
        return header
    }

    /// Document order: whole-document findings first, then by start position; ties keep the order
    /// the rules ran in.
    ///
    /// The rules run statement by statement, so the findings are nearly in order; see
    /// ``arrange(_:by:)``.
    mutating func takeSortedFindings() -> [Finding] {
        var result: [Finding] = []
        swap(&result, &findings)
        Self.arrange(&result) { $0.span?.start.offset ?? -1 }
        return result
    }

    /// Sorts `items` by `key` (read in place), keeping the order of equal keys, without allocating on
    /// the heap: the keys with their positions are sorted in a temporary buffer (by insertion, as a
    /// document's findings are nearly in order: only the coverage findings, made last, go back to
    /// their statements; a general sort for long lists), and the items are then moved out to a second
    /// temporary buffer and back in that order. A finding is a dozen strings: moving it copies its
    /// bytes and counts no reference, where copying it would count a dozen; and the lists of keys,
    /// positions and flags this used to build were three allocations per document.
    static func arrange<T>(_ items: inout [T], by key: (borrowing T) -> Int) {
        let n = items.count
        guard n > 1 else { return }
        items.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            withUnsafeTemporaryAllocation(of: (key: Int, position: Int).self, capacity: n) { keys in
                var inOrder = true
                for k in 0..<n {
                    let value = key(base[k])
                    if k > 0 && value < keys[k - 1].key { inOrder = false }
                    (keys.baseAddress! + k).initialize(to: (value, k))
                }
                guard !inOrder else { return }
                if n <= 64 {
                    for k in 1..<n {
                        let entry = keys[k]
                        var j = k
                        while j > 0 && keys[j - 1].key > entry.key {
                            keys[j] = keys[j - 1]
                            j -= 1
                        }
                        keys[j] = entry
                    }
                } else {
                    var all = keys
                    all.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
                }
                withUnsafeTemporaryAllocation(of: T.self, capacity: n) { moved in
                    moved.baseAddress!.moveInitialize(from: base, count: n)
                    for k in 0..<n {
                        (base + k).moveInitialize(from: moved.baseAddress! + keys[k].position, count: 1)
                    }
                }
            }
        }
    }

    // MARK: Size

    mutating func sizeRule() {
        let limit = kind.characterLimit
        guard characterCount <= limit, Double(characterCount) >= options.nearLimitRatio * Double(limit) else { return }
        let percent = Int((Double(characterCount) * 100 / Double(limit)).rounded())
        emit(.nearSizeLimit,
             message: "\(Formatting.grouped(characterCount)) of \(Formatting.grouped(limit)) characters (\(percent)%): \(kind.article) \(kind.rawValue) policy may have at most \(Formatting.grouped(limit)); the next edit may not fit",
             span: nil, path: "")
    }
}
