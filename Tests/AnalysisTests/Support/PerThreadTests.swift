@testable import Analysis
import Foundation
import Testing

/// One object per thread: made once by each thread that asks, never handed to another thread, and
/// released when its thread ends.
@Suite("Support: per-thread storage")
struct PerThreadTests {
    /// Counts the objects made and released, and names the thread each was made on.
    final class Probe: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var made = 0
        nonisolated(unsafe) static var released = 0
        let thread = pthread_self()

        init() { Self.lock.withLock { Self.made += 1 } }
        deinit { Self.lock.withLock { Self.released += 1 } }

        static var counts: (made: Int, released: Int) { lock.withLock { (made, released) } }
    }

    static let storage = PerThread { Probe() }

    /// Waits (up to five seconds) until `condition` holds.
    func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    @Test func oneObjectPerThreadReleasedWhenTheThreadEnds() {
        let before = Probe.counts
        let mine = Self.storage.withValue { ObjectIdentifier($0) }
        #expect(Self.storage.withValue { ObjectIdentifier($0) } == mine, "asked twice on one thread")
        #expect(Self.storage.withValue { pthread_equal($0.thread, pthread_self()) != 0 })
        let theirs = onNewThread { () -> ObjectIdentifier? in
            let a = Self.storage.withValue { ObjectIdentifier($0) }
            let b = Self.storage.withValue { ObjectIdentifier($0) }
            let own = Self.storage.withValue { pthread_equal($0.thread, pthread_self()) != 0 }
            return a == b && own ? a : nil
        }
        #expect(theirs != nil, "the other thread's object, the same both times and made there")
        #expect(theirs != mine)
        // This thread's object (unless this thread made it before) and the other thread's, which is
        // released as that thread ends; this thread's is kept.
        #expect(eventually { Probe.counts.released - before.released == 1 })
        let after = Probe.counts
        #expect(after.made - before.made >= 1 && after.made - before.made <= 2)
        #expect(after.released - before.released == 1)
    }
}
