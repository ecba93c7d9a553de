#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// The lines `span` covers, exactly as ``PolicySource/lines(covering:limit:)`` quotes them, found a
    /// line at a time with `memchr` and made straight into ``SourceLine``s: an audit quotes every
    /// statement that decides each identity's access, and walking the statement byte by byte, then
    /// converting the quoted tuples, cost more than writing them into the report.
    static func quote(_ source: PolicySource, covering span: SourceSpan) -> [SourceLine] {
        let quoted: [SourceLine]? = source.text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return quoteByLines(source, covering: span) }
            let count = bytes.count
            let newline = UInt8(ascii: "\n")
            var number = 1
            var lineStart = 0
            if span.start.line > 1, span.start.offset > 0, span.start.offset <= count {
                // Back from the offset to the start of its line (an offset that does not fit is found by
                // counting lines from the top instead).
                var at = span.start.offset
                while at > 0, base[at - 1] != newline { at -= 1 }
                if at > 0 {
                    number = span.start.line
                    lineStart = at
                }
            }
            var result: [SourceLine] = []
            result.reserveCapacity(min(quotedLines, max(1, span.end.line - span.start.line + 1)))
            func take(_ end: Int) {
                var end = end
                if end > lineStart, base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                result.append(SourceLine(line: number, text: String(decoding: UnsafeBufferPointer(start: base + lineStart, count: end - lineStart), as: UTF8.self)))
            }
            while lineStart < count {
                if number > span.end.line || result.count >= quotedLines { return result }
                guard let hit = memchr(base + lineStart, Int32(newline), count - lineStart) else { break }
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if number >= span.start.line { take(end) }
                number += 1
                lineStart = end + 1
            }
            if number >= span.start.line, number <= span.end.line, result.count < quotedLines { take(count) }
            return result
        }
        return quoted ?? quoteByLines(source, covering: span)
    }

    /// ``PolicySource/lines(covering:limit:)`` itself, for text without contiguous UTF-8 storage.
    private static func quoteByLines(_ source: PolicySource, covering span: SourceSpan) -> [SourceLine] {
        source.lines(covering: span, limit: quotedLines).map { SourceLine(line: $0.number, text: $0.text) }
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
