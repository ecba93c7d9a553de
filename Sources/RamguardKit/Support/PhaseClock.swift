import Foundation

/// The wall-clock time of each phase of a `lint` or `audit` run on standard error, when the environment
/// sets `RAMGUARD_PHASES`: how BENCHMARKS.md splits a run into linting, reporting and writing. Silent
/// (one branch per mark) otherwise. Each mark also shows the resident size: page faults are a tenth of
/// a large audit, and they follow the memory each phase holds.
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
        StandardStreams.writeErr("ramguard: phase \(phase): \(elapsed) ms\(residentSize().map { ", \($0 >> 20) MB resident" } ?? "")\n")
    }

    /// Resident bytes from `/proc/self/statm` (Linux), nil elsewhere.
    private static func residentSize() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
