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
    /// - Parameter source: the policy's text, to quote the statement.
    public init(_ m: StatementMatch, source: PolicySource?) {
        let s = m.statement
        let lines = source?.lines(covering: s.span).map { SourceLine(line: $0.number, text: $0.text) } ?? []
        self.init(layer: m.layer.rawValue, file: m.file, index: s.index, sid: s.sid, effect: s.effect.rawValue,
                  location: Location(file: m.file, span: s.span, path: s.path), source: lines)
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
