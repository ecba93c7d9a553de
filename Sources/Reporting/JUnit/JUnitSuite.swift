/// One `<testsuite>` before it is written: what ``JUnitSuiteBuilder`` decides, separate from how
/// ``JUnitReportEncoder`` writes it, so the mapping from report to tests reads on its own.
struct JUnitSuite: Hashable, Sendable {
    var name: String
    var cases: [JUnitTestCase]
    /// The suite's `<system-out>`: what a CI reader may want but that fails nothing.
    var output: JUnitText = .lines([])

    var failures: Int { cases.filter { if case .failure = $0.outcome { true } else { false } }.count }
    var errors: Int { cases.filter { if case .error = $0.outcome { true } else { false } }.count }
    var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
}

/// One `<testcase>`.
struct JUnitTestCase: Hashable, Sendable {
    enum Outcome: Hashable, Sendable {
        case passed
        /// The policies do not meet what was asked (a gate, an expectation): `<failure message type>text</failure>`.
        case failure(message: String, type: String, text: JUnitText)
        /// ramguard could not judge (invalid policies, an outcome it cannot know): `<error …>`.
        case error(message: String, type: String, text: JUnitText)
        /// Nothing to judge (undecidable without an expectation, a preflight check undecided offline).
        case skipped(message: String)
    }

    var name: String
    var classname: String
    var outcome: Outcome
}

/// The text of a `<failure>`, `<error>` or `<system-out>`.
///
/// Most texts are a few lines, escaped when written. The lint suite's are the lines of up to 150,000
/// findings; those are escaped into bytes on every core as they are made (``JUnitLintText``), and
/// written as they are.
enum JUnitText: Hashable, Sendable {
    /// Lines, joined with line feeds and escaped when written.
    case lines([String])
    /// Character data already escaped (``XMLTextWriter/appendCharacterData(_:to:)``), in pieces that
    /// are written one after the other as one text.
    case escaped([[UInt8]])
}
