#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One object per thread, made by the thread that first asks for it and released when that thread
/// ends: for caches that the worker threads of a batch fill and read on every document.
///
/// One cache shared by the threads cost more than it saved on a two-core machine: each lookup took a
/// lock (and waited for it), and every object handed out — and every reference count on it afterwards —
/// moved a cache line between the cores. With one cache per thread, the objects a thread gets are made
/// and counted by that thread alone; each thread makes the few it needs once more, which is cheap next
/// to the documents that reuse them.
///
/// A `pthread` key rather than a task-local or `Synchronization` value: the callers are plain threads
/// (`DispatchQueue.concurrentPerform`), and the package supports macOS 13. Each instance takes one key
/// for good (keys are never deleted, as a deleted key could hand a thread's stale value to a later
/// instance): make instances `static`, once per process, as the system has some hundreds of keys.
/// ``withValue(_:)`` must not be asked again, on the same thread, from inside `body` when `body`
/// changes the value's state in a way the outer call does not expect; the value itself is an ordinary
/// object and does no locking.
final class PerThread<Value: AnyObject>: Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value

    /// Storage whose value on each thread is `make()`, called on that thread the first time it asks.
    init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { raw in
            // The thread ends: give up its reference (from `install()`).
            guard let raw = raw as UnsafeMutableRawPointer? else { return }
            Unmanaged<AnyObject>.fromOpaque(raw).release()
        }
        precondition(status == 0, "no thread-specific key left (pthread_key_create: \(status))")
        self.key = key
        self.make = make
    }

    /// `body` of the calling thread's value, without counting a reference to it: the thread holds one
    /// until it ends, which is after `body` returns.
    @inline(__always)
    func withValue<R>(_ body: (Value) throws -> R) rethrows -> R {
        let raw = pthread_getspecific(key) ?? install()
        return try Unmanaged<Value>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }

    /// Makes the calling thread's value and keeps a reference to it under the key.
    @inline(never)
    private func install() -> UnsafeMutableRawPointer {
        let raw = Unmanaged.passRetained(make()).toOpaque()
        let status = pthread_setspecific(key, raw)
        precondition(status == 0, "pthread_setspecific: \(status)")
        return raw
    }
}
