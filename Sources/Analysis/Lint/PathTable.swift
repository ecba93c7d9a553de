import RAMPolicy

/// The rendered JSON paths of statements (`Statement[3]`) and their action entries
/// (`Statement[3].Action[2]`), made once per thread (``perThread``) and shared by every document that
/// thread lints.
///
/// Most findings name a statement or an action entry, and every document writes the same few dozen
/// of these paths: rendering one cost an allocation and over a thousand instructions per finding (a
/// third of the duplicate-action rule), where a lookup here is a comparison. Each entry keeps the path
/// it renders, and callers use the text only when the element's own path equals it, so the answer is
/// always `PolicyPath.description` of the element (a single-object statement or any other shape simply
/// misses and renders its own). One table per thread rather than one behind a lock: the worker threads
/// waited for the lock, and each finding's path text counted by both threads moved its cache line
/// between the cores. Bounded: statements past ``statementLimit`` and entries past ``entryLimit`` are
/// not kept.
final class PathTable {
    /// The calling thread's table.
    static let perThread = PerThread { PathTable() }
    static let statementLimit = 128
    static let entryLimit = 64

    /// Per slot, whether it is made, its path and the path's rendering. Slot `i` is `Statement[i]`;
    /// slot `statementLimit + (2 * i + (listed ? 0 : 1)) * entryLimit + j` is entry `j` of its action
    /// list. Unchecked exclusivity: a table belongs to one thread, and `text(slot:_:make:)` does not
    /// re-enter it.
    @exclusivity(unchecked) private var made = [Bool](repeating: false, count: PathTable.slotCount)
    @exclusivity(unchecked) private var paths = [PolicyPath](repeating: .root, count: PathTable.slotCount)
    @exclusivity(unchecked) private var texts = [String](repeating: "", count: PathTable.slotCount)
    private static let slotCount = statementLimit * (1 + 2 * entryLimit)

    /// The rendering of `path`, the path of statement `i`.
    func statementPath(_ i: Int, _ path: PolicyPath) -> String {
        statementLocation(i, path).text
    }

    /// ``statementPath(_:_:)``, and whether the path is the table's `Statement[i]` (so that it reads
    /// `Statement[]` without its index, ``PathForm/statement``).
    func statementLocation(_ i: Int, _ path: PolicyPath) -> (text: String, standard: Bool) {
        guard i >= 0, i < Self.statementLimit else { return (path.description, false) }
        return text(slot: i, path) { PolicyPath.root.key("Statement").index(i) }
    }

    /// The rendering of `path`, the path of entry `j` of statement `i`'s action list (`NotAction`
    /// when not `listed`).
    func actionPath(statement i: Int, listed: Bool, _ j: Int, _ path: PolicyPath) -> String {
        actionLocation(statement: i, listed: listed, j, path).text
    }

    /// ``actionPath(statement:listed:_:_:)``, and whether the path is the table's (so that it reads
    /// `Statement[].Action[]` or `Statement[].NotAction[]` without its indices).
    func actionLocation(statement i: Int, listed: Bool, _ j: Int, _ path: PolicyPath) -> (text: String, standard: Bool) {
        guard i >= 0, i < Self.statementLimit, j >= 0, j < Self.entryLimit else { return (path.description, false) }
        let slot = Self.statementLimit + (2 * i + (listed ? 0 : 1)) * Self.entryLimit + j
        return text(slot: slot, path) {
            PolicyPath.root.key("Statement").index(i).key(listed ? "Action" : "NotAction").index(j)
        }
    }

    /// The text of `slot` (made from `make` the first time) and true when its path is `path`;
    /// otherwise `path` rendered and false.
    private func text(slot: Int, _ path: PolicyPath, make: () -> PolicyPath) -> (text: String, standard: Bool) {
        if !made[slot] {
            let path = make()
            paths[slot] = path
            texts[slot] = path.description
            made[slot] = true
        }
        return paths[slot] == path ? (texts[slot], true) : (path.description, false)
    }
}

/// The shape of a path the ``PathTable`` rendered, which decides what it reads with its array indices
/// left out (as fingerprints hash paths): the same for every statement or every entry, so a document
/// hashes it once per rule (`DocumentLint.emit`).
enum PathForm: Int {
    case statement, action, notAction

    /// The path without the text inside its brackets.
    var withoutIndices: String {
        switch self {
        case .statement: "Statement[]"
        case .action: "Statement[].Action[]"
        case .notAction: "Statement[].NotAction[]"
        }
    }
}
