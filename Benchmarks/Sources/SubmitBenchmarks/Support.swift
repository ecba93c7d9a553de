import Foundation

/// Command-line options of SubmitBenchmarks.
struct BenchOptions {
    var ramguard: String
    var quick: Bool
    /// Measured submissions per configuration.
    var count: Int
    /// Unmeasured submissions before each measurement (same concurrency).
    var warmup: Int
    var concurrency: [Int]
    /// Sections to run: parts, client, runner, raw, disk.
    var sections: Set<String>
    /// Where the emulator's state directories go (tmpfs by default, see `defaultStateBase`).
    var stateBase: String
    /// Where the emulator writes its request log (one line per request); /dev/null by default.
    var emulatorLog: String?

    static let allSections: [String] = ["parts", "client", "runner", "raw", "disk"]

    static func parse(_ arguments: [String]) -> BenchOptions {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        if arguments.contains("--help") || arguments.contains("-h") {
            print("""
                Usage: SubmitBenchmarks --ramguard PATH [--quick] [--count N] [--warmup N]
                                        [--concurrency 1,4,12,16] [--only parts,client,runner,raw,disk]
                                        [--state-dir DIR] [--emulator-log FILE]
                """)
            exit(0)
        }
        let quick = arguments.contains("--quick")
        let count = value("--count").flatMap(Int.init) ?? (quick ? 3_000 : 20_000)
        let warmup = value("--warmup").flatMap(Int.init) ?? (quick ? 300 : 1_000)
        let concurrency = value("--concurrency").map { $0.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 } } ?? [1, 4, 12, 16]
        let sections = value("--only").map { Set($0.split(separator: ",").map(String.init)) } ?? Set(allSections)
        let ramguard = value("--ramguard") ?? ProcessInfo.processInfo.environment["RAMGUARD"] ?? Self.guessRamguard()
        return BenchOptions(ramguard: ramguard, quick: quick, count: max(count, 1), warmup: max(warmup, 0),
                            concurrency: concurrency.isEmpty ? [1] : concurrency, sections: sections,
                            stateBase: value("--state-dir") ?? Self.defaultStateBase(), emulatorLog: value("--emulator-log"))
    }

    /// `<root>/.build/release/ramguard`, found from this binary's path (`Benchmarks/.build/<triple>/release/`).
    static func guessRamguard() -> String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent(".build/release/ramguard").path
    }

    /// `/dev/shm` (tmpfs) when present: the emulator `fsync`s every accepted job, and on this kind of VM
    /// disk an fsync costs milliseconds, which would measure the disk rather than the submission path.
    /// The `disk` section measures that case separately.
    static func defaultStateBase() -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory), isDirectory.boolValue,
           access("/dev/shm", W_OK) == 0 {
            return "/dev/shm"
        }
        return NSTemporaryDirectory()
    }
}

/// The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "n/a" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// The file system type under `path` (`tmpfs`, `ext4`, …), from `/proc/mounts`.
func fileSystemType(of path: String) -> String {
    guard let text = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "?" }
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    var best: (mount: String, type: String) = ("", "?")
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 3 else { continue }
        let mount = String(fields[1])
        let matches = mount == "/" || resolved == mount || resolved.hasPrefix(mount + "/")
        if matches && mount.count >= best.mount.count { best = (mount, String(fields[2])) }
    }
    return best.type
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func milliseconds(_ duration: Duration) -> Double { seconds(duration) * 1000 }

/// Latency percentiles (nearest rank), in milliseconds.
struct LatencySummary {
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
        }
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = sorted.last ?? .nan
    }
}

/// One submission as a driver saw it.
struct Submission: Sendable {
    /// The TaskId the client read from the success answer; `nil` when it failed.
    var taskId: String?
    /// Why it failed (a verdict label or an error), when it did.
    var failure: String?
    /// HTTP attempts made (more than 1 means RetryingSender retried).
    var attempts: Int
}

/// What one worker measured.
struct WorkerResult: Sendable {
    var latencies: [Double] = []
    var taskIds: [String] = []
    var failures: [String: Int] = [:]
    var retried = 0

    mutating func add(_ submission: Submission, latency: Double) {
        latencies.append(latency)
        if let taskId = submission.taskId {
            taskIds.append(taskId)
        } else {
            failures[submission.failure ?? "failed", default: 0] += 1
        }
        if submission.attempts > 1 { retried += 1 }
    }

    static func merge(_ parts: [WorkerResult]) -> WorkerResult {
        var total = WorkerResult()
        for part in parts {
            total.latencies += part.latencies
            total.taskIds += part.taskIds
            total.retried += part.retried
            for (key, value) in part.failures { total.failures[key, default: 0] += value }
        }
        return total
    }
}

/// Thread-safe collection of worker results (for the thread-based raw driver).
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [WorkerResult] = []

    func add(_ part: WorkerResult) {
        lock.lock()
        parts.append(part)
        lock.unlock()
    }

    var all: [WorkerResult] {
        lock.lock()
        defer { lock.unlock() }
        return parts
    }
}

/// Writes one line to standard output unbuffered, so progress shows through a pipe (`run.sh | tee`).
func print(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    if text.count >= width { return text }
    let fill = String(repeating: " ", count: width - text.count)
    return right ? fill + text : text + fill
}

func format(_ value: Double, decimals: Int = 2) -> String {
    value.isNaN ? "-" : String(format: "%.\(decimals)f", value)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// CPU seconds (user + system, every thread) this process has used so far.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// CPU seconds (user + system) process `pid` has used so far, from `/proc/<pid>/stat` (clock-tick
/// resolution, 10 ms here: enough over thousands of submissions).
func cpuSeconds(pid: Int32) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")")
    else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
