import ActionCatalog
import Analysis
import RAMPolicy

/// Policies, a linter with a fixed clock, and position helpers for the lint tests.
enum LintFixtures {
    /// 2026-11-29T00:00:00Z: "now" for every lint test, so expiry rules do not depend on the clock.
    static let now = ISO8601Instant(seconds: 1_795_910_400)
    static let linter = Linter(options: LintOptions(now: now))

    /// A policy with one statement per line, starting on line 4 at column 5:
    ///
    ///     {
    ///       "Version": "1",
    ///       "Statement": [
    ///         <statement 0>,
    ///         <statement 1>
    ///       ]
    ///     }
    static func policy(_ statements: String...) -> String {
        "{\n  \"Version\": \"1\",\n  \"Statement\": [\n" + statements.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    static func lint(_ text: String, kind: PolicyKind = .identity, file: String = "p.json", linter: Linter = linter) -> [Finding] {
        linter.lint(path: file, text: text, kind: kind)
    }

    static func ids(_ findings: [Finding]) -> [String] { findings.map(\.code.id) }

    static func only(_ id: String, _ findings: [Finding]) -> [Finding] { findings.filter { $0.code.id == id } }

    /// Where the `occurrence`-th copy of `needle` sits in `text`: 1-based line and column of its first
    /// character and of the position just after it, in Unicode scalars. Computed from the text alone,
    /// independently of the parser, so it can check the linter's spans.
    static func place(of needle: String, in text: String, occurrence: Int = 1) -> Place? {
        let scalars = Array(text.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, scalars.count >= n.count else { return nil }
        var seen = 0
        for i in 0...(scalars.count - n.count) where Array(scalars[i..<(i + n.count)]) == n {
            seen += 1
            if seen == occurrence { return Place(position(i, scalars), position(i + n.count, scalars)) }
        }
        return nil
    }

    private static func position(_ index: Int, _ scalars: [Unicode.Scalar]) -> (Int, Int) {
        var line = 1
        var column = 1
        for s in scalars[..<index] {
            if s == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// A start and end position (end exclusive), for comparing with a finding's span.
struct Place: Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int

    init(line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    init(_ start: (Int, Int), _ end: (Int, Int)) {
        self.init(line: start.0, column: start.1, endLine: end.0, endColumn: end.1)
    }

    init?(_ span: SourceSpan?) {
        guard let span else { return nil }
        self.init(line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column)
    }

    var description: String { "\(line):\(column)-\(endLine):\(endColumn)" }
}
