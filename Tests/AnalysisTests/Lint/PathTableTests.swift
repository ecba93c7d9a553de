@testable import Analysis
import RAMPolicy
import Testing

/// The per-thread table of rendered statement and action-entry paths answers exactly what rendering
/// the path would, including for paths it does not hold.
@Suite("Lint: path table")
struct PathTableTests {
    @Test func statementPathsAreTheRenderedOnes() {
        let table = PathTable()
        for i in [0, 1, 9, 10, 127, 128, 500] {
            let path = PolicyPath.root.key("Statement").index(i)
            #expect(table.statementPath(i, path) == path.description)
            #expect(table.statementPath(i, path) == "Statement[\(i)]", "asked twice")
        }
        // A single-object statement has another path under the same index: never the table's text.
        let bare = PolicyPath.root.key("Statement")
        #expect(table.statementPath(0, bare) == bare.description)
        #expect(bare.description != "Statement[0]")
    }

    @Test func actionPathsAreTheRenderedOnes() {
        let table = PathTable()
        for i in [0, 3, 127, 130] {
            for j in [0, 1, 63, 64] {
                for listed in [true, false] {
                    let path = PolicyPath.root.key("Statement").index(i).key(listed ? "Action" : "NotAction").index(j)
                    #expect(table.actionPath(statement: i, listed: listed, j, path) == path.description)
                    #expect(table.actionPath(statement: i, listed: listed, j, path) == path.description, "asked twice")
                }
            }
        }
        // Another list's path under the same key is rendered, not taken from the table.
        let other = PolicyPath.root.key("Statement").index(2).key("NotAction").index(1)
        #expect(table.actionPath(statement: 2, listed: true, 1, other) == "Statement[2].NotAction[1]")
        let bare = PolicyPath.root.key("Statement").key("Action").index(1)
        #expect(table.actionPath(statement: 0, listed: true, 1, bare) == bare.description)
    }

    @Test func eachThreadHasItsOwnTable() {
        let path = PolicyPath.root.key("Statement").index(4).key("Action").index(2)
        let mine = PathTable.perThread.withValue { ObjectIdentifier($0) }
        #expect(PathTable.perThread.withValue { ObjectIdentifier($0) } == mine)
        let theirs = onNewThread {
            PathTable.perThread.withValue { (ObjectIdentifier($0), $0.actionPath(statement: 4, listed: true, 2, path)) }
        }
        #expect(theirs.0 != mine)
        #expect(theirs.1 == "Statement[4].Action[2]")
    }
}
