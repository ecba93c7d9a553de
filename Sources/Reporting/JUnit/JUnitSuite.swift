/// One `<testsuite>` before it is written: what ``JUnitSuiteBuilder`` decides, separate from how
/// ``JUnitReportEncoder`` writes it, so the mapping from report to tests reads on its own.
struct JUnitSuite: Hashable {
    var name: String
    var cases: [JUnitTestCase]
    /// Lines for the suite's `<system-out>`: what a CI reader may want but that fails nothing.
    var output: [String] = []

    var failures: Int { cases.filter { if case .failure = $0.outcome { true } else { false } }.count }
    var errors: Int { cases.filter { if case .error = $0.outcome { true } else { false } }.count }
    var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }
}

/// One `<testcase>`.
struct JUnitTestCase: Hashable {
    enum Outcome: Hashable {
        case passed
        /// The policies do not meet what was asked (a gate, an expectation): `<failure message type>text</failure>`.
        case failure(message: String, type: String, text: String)
        /// ramguard could not judge (invalid policies, an outcome it cannot know): `<error …>`.
        case error(message: String, type: String, text: String)
        /// Nothing to judge (undecidable without an expectation, a preflight check undecided offline).
        case skipped(message: String)
    }

    var name: String
    var classname: String
    var outcome: Outcome
}
