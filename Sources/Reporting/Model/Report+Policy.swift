import RAMPolicy

// Mapping from the policy engine's types to the report's plain data.

extension Location {
    public init(file: String, span: SourceSpan?, path: String) {
        self.init(file: file, line: span?.start.line ?? 1, column: span?.start.column ?? 1,
                  endLine: span?.end.line, endColumn: span?.end.column, path: path)
    }
}

extension DiagnosticInfo {
    public init(_ d: PolicyDiagnostic) {
        self.init(severity: d.severity.rawValue, code: d.code.id, name: d.code.name, message: d.message,
                  remedy: d.code.remedy, location: Location(file: d.file, span: d.span, path: d.path))
    }
}

extension AssumptionInfo {
    public init(_ a: Assumption) {
        self.init(id: a.kind.id, title: a.kind.title, detail: "\(a.detail). \(a.kind.reading)",
                  location: a.file.map { Location(file: $0, span: a.span, path: a.path ?? "") })
    }
}

extension StatementRef {
    /// Lines quoted at most per statement, as ``PolicySource/lines(covering:limit:)`` quotes them.
    static let quotedLines = 12

    /// - Parameter source: the policy's text, to quote the statement.
    public init(_ m: StatementMatch, source: PolicySource?) {
        let s = m.statement
        let lines = source.map { Self.quote($0, covering: s.span) } ?? []
        self.init(layer: m.layer.rawValue, file: m.file, index: s.index, sid: s.sid, effect: s.effect.rawValue,
                  location: Location(file: m.file, span: s.span, path: s.path), source: lines)
    }

    /// The lines `span` covers, made straight into ``SourceLine``s: an audit quotes every statement that
    /// decides each identity's access, and converting quoted tuples cost more than writing them out.
    static func quote(_ source: PolicySource, covering span: SourceSpan) -> [SourceLine] {
        source.lines(covering: span, limit: quotedLines) { number, bytes in
            SourceLine(line: number, text: String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension Report {
    /// Assumptions from validation and evaluation, without duplicates, in a stable order.
    public static func mergeAssumptions(_ lists: [[Assumption]]) -> [AssumptionInfo] {
        var seen = Set<AssumptionInfo>()
        var out: [AssumptionInfo] = []
        for a in lists.joined() {
            let info = AssumptionInfo(a)
            if seen.insert(info).inserted { out.append(info) }
        }
        return out
    }
}
