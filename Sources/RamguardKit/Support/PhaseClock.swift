import Foundation

/// The wall-clock time of each phase of a `lint` or `audit` run on standard error, when the environment
/// sets `RAMGUARD_PHASES`: how BENCHMARKS.md splits a run into linting, reporting and writing. Silent
/// (one branch per mark) otherwise.
enum PhaseClock {
    private static let enabled = ProcessInfo.processInfo.environment["RAMGUARD_PHASES"] != nil
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: UInt64 = 0

    static func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        let elapsed = last == 0 ? 0 : (now &- last) / 1_000_000
        last = now
        lock.unlock()
        StandardStreams.writeErr("ramguard: phase \(phase): \(elapsed) ms\n")
    }
}
