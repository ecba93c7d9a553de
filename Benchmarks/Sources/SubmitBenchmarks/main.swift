import AlibabaCloud
import AlibabaCloudHTTPClient
import Dispatch
import Foundation
import RamguardKit

// SubmitBenchmarks: signed SubmitWorkflowJob submissions per second against ramguard's local VOD
// emulator over loopback HTTP, with latency percentiles and an exactly-once check against the
// emulator's job list. Usage:
//   SubmitBenchmarks --ramguard PATH [--quick] [--count N] [--warmup N] [--concurrency 1,4,12,16]
//                    [--only parts,client,runner,raw,disk] [--state-dir DIR] [--emulator-log FILE]
//
// Sections:
//   client  the project's client path per submission: sign (V3; V1 once) + RetryingSender +
//           HTTPClientTransport (SwiftNIO, pooled keep-alive connections), as `ramguard submit`
//           does per attempt (excluding process start).
//   runner  the whole in-process SubmitRunner per submission (policy load, credential chain, preflight
//           with local policy evaluation, signing, sending, report); once more with --journal.
//   raw     EMULATOR CAPACITY, not the client: a minimal keep-alive raw-socket HTTP/1.1 client
//           (V3-signed with the project's signer) on one thread per connection.
//   disk    the emulator's job journal on the real disk instead of tmpfs (every job is fsynced).
//   parts   in-process cost of the client's non-network pieces (signing, classifying).
//
// Every configuration gets a fresh emulator (`ramguard emulator --state <fresh dir>`): warm-up, then the
// measured submissions, then GET /_emulator/jobs must list exactly the TaskIds the client was given
// (warm-up included): same count, no duplicates, none missing, none extra.


let options = BenchOptions.parse(CommandLine.arguments)
guard FileManager.default.isExecutableFile(atPath: options.ramguard) else {
    FileHandle.standardError.write(Data("SubmitBenchmarks: no ramguard binary at \(options.ramguard); build it (swift build -c release --product ramguard) and pass --ramguard PATH\n".utf8))
    exit(2)
}

let fixture: EmulatorFixture
do {
    fixture = try EmulatorFixture()
} catch {
    FileHandle.standardError.write(Data("SubmitBenchmarks: cannot create the fixture: \(error)\n".utf8))
    exit(1)
}
let credential = Credential(accessKeyId: EmulatorFixture.accessKeyId, accessKeySecret: EmulatorFixture.accessKeySecret)
let clock = ContinuousClock()

enum Workload: Sendable {
    case client(SignatureScheme)
    case runner(journal: Bool)
    case raw

    var label: String {
        switch self {
        case .client(.v3): "client path V3 (HTTPClientTransport)"
        case .client(.rpcV1): "client path V1 (HTTPClientTransport)"
        case .runner(journal: false): "SubmitRunner (preflight+policy, no journal)"
        case .runner(journal: true): "SubmitRunner --journal (fsync x2/call)"
        case .raw: "[emulator capacity] raw keep-alive V3"
        }
    }
}

struct Configuration {
    var workload: Workload
    var concurrency: Int
    var count: Int
    var warmup: Int
    var stateBase: String
    var note: String = ""
}

struct Row {
    var configuration: Configuration
    var result: WorkerResult
    var elapsed: Duration
    var jobs: Int
    var verified: String
    var loadBefore: String
    var loadAfter: String
    /// CPU microseconds per measured submission: this process (the client) and the emulator process.
    var clientMicros: Double
    var emulatorMicros: Double?

    var rate: Double { Double(result.latencies.count) / seconds(elapsed) }
    var latency: LatencySummary { LatencySummary(result.latencies) }
}

/// Runs `count` submissions on `concurrency` tasks (each worker sequential), timing each one.
func runTasks(count: Int, concurrency: Int, firstIndex: Int,
              _ body: @escaping @Sendable (_ worker: Int, _ index: Int) async -> Submission) async -> (WorkerResult, Duration) {
    let start = clock.now
    let parts = await withTaskGroup(of: WorkerResult.self) { group in
        for worker in 0..<concurrency {
            let n = count / concurrency + (worker < count % concurrency ? 1 : 0)
            group.addTask {
                var result = WorkerResult()
                result.latencies.reserveCapacity(n)
                for index in 0..<n {
                    let began = clock.now
                    let submission = await body(worker, firstIndex + index)
                    result.add(submission, latency: milliseconds(began.duration(to: clock.now)))
                }
                return result
            }
        }
        var parts: [WorkerResult] = []
        for await part in group { parts.append(part) }
        return parts
    }
    return (WorkerResult.merge(parts), start.duration(to: clock.now))
}

/// Runs `count` raw keep-alive submissions on `concurrency` threads (blocking sockets, one connection each).
func runThreads(count: Int, concurrency: Int, driver: RawKeepAliveDriver) async -> (WorkerResult, Duration) {
    let box = ResultBox()
    let group = DispatchGroup()
    let start = clock.now
    for worker in 0..<concurrency {
        let n = count / concurrency + (worker < count % concurrency ? 1 : 0)
        group.enter()
        let thread = Thread {
            let connection = RawHTTPConnection(port: driver.port)
            var result = WorkerResult()
            result.latencies.reserveCapacity(n)
            for _ in 0..<n {
                let began = clock.now
                let submission = driver.submit(on: connection)
                result.add(submission, latency: milliseconds(began.duration(to: clock.now)))
            }
            connection.close()
            box.add(result)
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().async {
            group.wait()
            continuation.resume()
        }
    }
    return (WorkerResult.merge(box.all), start.duration(to: clock.now))
}

func run(_ configuration: Configuration) async throws -> Row {
    let stateDirectory = configuration.stateBase + "/ramguard-submit-bench-state-" + UUID().uuidString
    let emulator = try EmulatorProcess(ramguard: options.ramguard, fixture: fixture, stateDirectory: stateDirectory, log: options.emulatorLog)
    defer {
        emulator.stop()
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }
    let endpoint = try ServiceEndpoint(parsing: emulator.url)

    let phase: (_ count: Int, _ firstIndex: Int) async -> (WorkerResult, Duration)
    var journalDirectory: String?
    switch configuration.workload {
    case .client(let scheme):
        let driver = ClientPathDriver(endpoint: endpoint, credential: credential, scheme: scheme, workflowId: EmulatorFixture.workflowId)
        phase = { count, first in await runTasks(count: count, concurrency: configuration.concurrency, firstIndex: first) { _, _ in await driver.submit() } }
    case .runner(let journal):
        if journal {
            journalDirectory = fixture.directory + "/journals-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: journalDirectory!, withIntermediateDirectories: true)
        }
        let driver = SubmitRunnerDriver(endpoint: emulator.url, fixture: fixture.paths, journalDirectory: journalDirectory)
        phase = { count, first in
            await runTasks(count: count, concurrency: configuration.concurrency, firstIndex: first) { worker, index in
                await driver.submit(worker: worker, index: index)
            }
        }
    case .raw:
        let driver = RawKeepAliveDriver(port: emulator.port, credential: credential, workflowId: EmulatorFixture.workflowId)
        phase = { count, _ in await runThreads(count: count, concurrency: configuration.concurrency, driver: driver) }
    }
    defer { if let journalDirectory { try? FileManager.default.removeItem(atPath: journalDirectory) } }

    let (warm, _) = await phase(configuration.warmup, 0)
    let loadBefore = loadAverage()
    let clientCPU = ownCPUSeconds()
    let emulatorCPU = cpuSeconds(pid: emulator.pid)
    let (measured, elapsed) = await phase(configuration.count, configuration.warmup)
    let clientMicros = (ownCPUSeconds() - clientCPU) * 1e6 / Double(max(1, configuration.count))
    let emulatorMicros = emulatorCPU.flatMap { before in cpuSeconds(pid: emulator.pid).map { ($0 - before) * 1e6 / Double(max(1, configuration.count)) } }
    let loadAfter = loadAverage()

    // Exactly once: the emulator's jobs are the TaskIds the client was given, no more, no fewer.
    let listing = try emulator.jobs()
    let clientIds = warm.taskIds + measured.taskIds
    let clientSet = Set(clientIds)
    let serverSet = Set(listing.jobs.map(\.taskId))
    var problems: [String] = []
    if listing.count != clientIds.count { problems.append("count \(listing.count) != \(clientIds.count) successes") }
    if serverSet.count != listing.jobs.count { problems.append("\(listing.jobs.count - serverSet.count) duplicate jobs") }
    if clientSet.count != clientIds.count { problems.append("\(clientIds.count - clientSet.count) TaskIds returned twice") }
    let missing = clientSet.subtracting(serverSet).count
    let extra = serverSet.subtracting(clientSet).count
    if missing > 0 { problems.append("\(missing) TaskIds not recorded") }
    if extra > 0 { problems.append("\(extra) jobs never acknowledged") }
    let verified = problems.isEmpty ? "OK (\(listing.count) = \(clientIds.count))" : "MISMATCH: " + problems.joined(separator: "; ")

    return Row(configuration: configuration, result: measured, elapsed: elapsed, jobs: listing.count, verified: verified,
               loadBefore: loadBefore, loadAfter: loadAfter, clientMicros: clientMicros, emulatorMicros: emulatorMicros)
}

func printHeader() {
    print(pad("workload", 46) + pad("conc", 5, right: true) + pad("n", 7, right: true) + pad("subm/s", 9, right: true)
          + pad("p50", 8, right: true) + pad("p90", 8, right: true) + pad("p99", 8, right: true) + pad("max", 9, right: true)
          + pad("fail", 6, right: true) + pad("retry", 6, right: true) + pad("cli us", 8, right: true) + pad("emu us", 8, right: true)
          + "  jobs check           load 1/5/15 before -> after")
}

func printRow(_ row: Row) {
    let latency = row.latency
    let failures = row.result.failures.values.reduce(0, +)
    let label = row.configuration.workload.label + row.configuration.note
    print(pad(label, 46) + pad(String(row.configuration.concurrency), 5, right: true)
          + pad(String(row.result.latencies.count), 7, right: true) + pad(format(row.rate, decimals: 0), 9, right: true)
          + pad(format(latency.p50), 8, right: true) + pad(format(latency.p90), 8, right: true)
          + pad(format(latency.p99), 8, right: true) + pad(format(latency.max), 9, right: true)
          + pad(String(failures), 6, right: true) + pad(String(row.result.retried), 6, right: true)
          + pad(format(row.clientMicros, decimals: 0), 8, right: true) + pad(row.emulatorMicros.map { format($0, decimals: 0) } ?? "?", 8, right: true)
          + "  " + row.verified + "  [" + row.loadBefore + " -> " + row.loadAfter + "]")
    if !row.result.failures.isEmpty {
        let listed = row.result.failures.sorted { $0.value > $1.value }.prefix(5).map { "\($0.key) x\($0.value)" }
        print("      failures: " + listed.joined(separator: ", "))
    }
}

let top = options.concurrency.max() ?? 1
let diskBase = NSTemporaryDirectory()
print("SubmitWorkflowJob submissions/s against the VOD emulator on loopback (\(options.quick ? "quick" : "full") run)")
print("  \(ProcessInfo.processInfo.activeProcessorCount) cores; load average at start \(loadAverage()); "
      + "\(options.count) measured + \(options.warmup) warm-up submissions per configuration; latency in ms")
print("  emulator: \(options.ramguard) emulator --state <fresh dir under \(options.stateBase) (\(fileSystemType(of: options.stateBase)))>, request log to \(options.emulatorLog ?? "/dev/null")")
print("  target: >= 5,000 submissions/s with p99 < 5 ms on the client path; cli us / emu us: CPU microseconds per submission of this process / the emulator")
print(String(repeating: "-", count: 150))

if options.sections.contains("parts") {
    print("\nclient-side pieces without network, one thread (microseconds per call) [load \(loadAverage())]")
    for (name, micros) in measureParts(iterations: options.quick ? 5_000 : 20_000, credential: credential, workflowId: EmulatorFixture.workflowId) {
        print("  " + pad(name, 44) + pad(format(micros, decimals: 1), 9, right: true) + " us")
    }
}

var configurations: [(section: String, configuration: Configuration)] = []
if options.sections.contains("client") {
    for level in options.concurrency {
        configurations.append(("client", Configuration(workload: .client(.v3), concurrency: level, count: options.count, warmup: options.warmup, stateBase: options.stateBase)))
    }
    configurations.append(("client", Configuration(workload: .client(.rpcV1), concurrency: top, count: options.count, warmup: options.warmup, stateBase: options.stateBase)))
}
if options.sections.contains("runner") {
    for level in options.concurrency {
        configurations.append(("runner", Configuration(workload: .runner(journal: false), concurrency: level, count: options.count, warmup: options.warmup, stateBase: options.stateBase)))
    }
    let journalCount = min(options.count, options.quick ? 1_000 : 4_000)
    configurations.append(("runner", Configuration(workload: .runner(journal: true), concurrency: top, count: journalCount,
                                                   warmup: min(options.warmup, journalCount / 10), stateBase: options.stateBase,
                                                   note: "")))
}
if options.sections.contains("raw") {
    for level in options.concurrency {
        configurations.append(("raw", Configuration(workload: .raw, concurrency: level, count: options.count, warmup: options.warmup, stateBase: options.stateBase)))
    }
}
if options.sections.contains("disk") {
    let diskCount = min(options.count, options.quick ? 1_000 : 4_000)
    let note = " [disk]"
    configurations.append(("disk", Configuration(workload: .client(.v3), concurrency: top, count: diskCount, warmup: min(options.warmup, 200),
                                                 stateBase: diskBase, note: note)))
    configurations.append(("disk", Configuration(workload: .raw, concurrency: top, count: diskCount, warmup: min(options.warmup, 200),
                                                 stateBase: diskBase, note: note)))
}

var rows: [Row] = []
var lastSection = ""
for (section, configuration) in configurations {
    if section != lastSection {
        switch section {
        case "client": print("\nclient path: sign + RetryingSender + HTTPClientTransport (SwiftNIO, pooled keep-alive connections, as ramguard submit)")
        case "runner": print("\nfull in-process SubmitRunner per submission (journal: one file per worker, rotated every \(SubmitRunnerDriver.journalRotation) submissions, on \(fileSystemType(of: fixture.directory)))")
        case "raw": print("\nEMULATOR CAPACITY (not the client path): raw keep-alive HTTP/1.1 client written in this benchmark, one thread per connection")
        default: print("\nemulator job journal on the real disk: \(diskBase) (\(fileSystemType(of: diskBase))), every accepted job fsynced")
        }
        printHeader()
        lastSection = section
    }
    do {
        let row = try await run(configuration)
        rows.append(row)
        printRow(row)
    } catch {
        print("  \(configuration.workload.label) c=\(configuration.concurrency): FAILED: \(error)")
    }
}

print(String(repeating: "-", count: 150))
func isClient(_ row: Row, _ scheme: SignatureScheme) -> Bool {
    if case .client(let used) = row.configuration.workload, used == scheme, row.configuration.note.isEmpty { return true }
    return false
}
let v3Rows = rows.filter { isClient($0, .v3) }
if let best = v3Rows.max(by: { $0.rate < $1.rate }) {
    let meetsRate = best.rate >= 5_000
    let meetsBoth = v3Rows.contains { $0.rate >= 5_000 && $0.latency.p99 < 5 }
    let v1 = rows.first { isClient($0, .rpcV1) }
    print("headline, client path V3: best \(format(best.rate, decimals: 0)) submissions/s at concurrency \(best.configuration.concurrency) "
          + "(p99 \(format(best.latency.p99)) ms)" + (v1.map { "; V1 at \($0.configuration.concurrency): \(format($0.rate, decimals: 0))/s" } ?? ""))
    print("target >= 5,000/s with p99 < 5 ms: " + (meetsBoth ? "MET" : "NOT MET" + (meetsRate ? " (p99)" : " (rate)")))
}
let mismatches = rows.filter { !$0.verified.hasPrefix("OK") }
print("exactly-once check: \(mismatches.isEmpty ? "every configuration OK" : "\(mismatches.count) configuration(s) MISMATCHED")")
print("load average at end: \(loadAverage())")
fixture.remove()
exit(mismatches.isEmpty ? 0 : 1)
