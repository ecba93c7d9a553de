import Foundation

/// Runs `body` on a thread of its own (not one of the test runner's) and returns what it returned, for
/// tests of per-thread state. The thread may still be ending when this returns.
func onNewThread<T>(_ body: @escaping @Sendable () -> T) -> T {
    let result = ThreadResult<T>()
    let done = DispatchSemaphore(value: 0)
    Thread {
        result.value = body()
        done.signal()
    }.start()
    done.wait()
    return result.value!
}

/// What ``onNewThread(_:)``'s thread hands back; written before the semaphore is signalled and read after.
private final class ThreadResult<T>: @unchecked Sendable {
    var value: T?
}
