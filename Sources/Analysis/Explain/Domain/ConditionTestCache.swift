import RAMPolicy

/// The engine's value test (``ConditionValueTest``) of every distinct condition — operator and
/// values — that the analyses have cut into cells on the calling thread (one cache per thread,
/// ``perThread``).
///
/// Translating a condition runs the engine's own test on the witness of every cell of its key, and
/// making that test compiles the condition (values parsed, an interner of its own): most of the
/// translation. An audit sees the same guard rails (`Bool acs:SecureTransport false`, a company's
/// network list, a cut-off date) in the policies of thousands of identities, so each is compiled
/// once. The test depends on the operator and the values only, never on the key or the position, so
/// those make the entry. One table per thread rather than one behind a lock: the threads waited for the
/// lock, and the compiled tests they shared were counted by both, moving their cache lines between the
/// cores; each thread compiling its own copy of a guard rail costs less. The table starts over once it
/// holds ``limit`` conditions, which bounds its memory on hostile input.
final class ConditionTestCache {
    private struct Entry: Hashable {
        let op: ConditionOperator
        let values: [String]

        /// The operator by its parts, not its name: equal operators have equal parts, and hashing the
        /// name too was a third of every lookup (each condition translated asks once).
        func hash(into hasher: inout Hasher) {
            hasher.combine(op.family)
            hasher.combine(op.test)
            hasher.combine(op.ifExists)
            hasher.combine(values)
        }
    }

    private var tests: [Entry: ConditionValueTest]
    static let limit = 8_192

    /// Room for ``limit`` conditions from the start: an audit sees thousands of distinct ones, and each
    /// time the table grew it rehashed every entry.
    init() {
        tests = Dictionary(minimumCapacity: Self.limit)
    }

    /// The calling thread's cache.
    static let perThread = PerThread { ConditionTestCache() }

    /// The engine's test of the condition's positive form, compiled the first time it is asked for.
    func test(_ condition: Condition) -> ConditionValueTest {
        let entry = Entry(op: condition.op, values: condition.values.map(\.value))
        if let known = tests[entry] { return known }
        if tests.count >= Self.limit { tests.removeAll(keepingCapacity: true) }
        let made = ConditionValueTest(condition)
        tests[entry] = made
        return made
    }

    /// How many conditions the table holds (for tests).
    var count: Int { tests.count }
}
