import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VODEmulator

/// `ramguard emulator`: runs the local VOD endpoint until SIGINT or SIGTERM. The work lives in VODEmulator;
/// this only parses arguments, prints the URL and waits for a signal.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local ApsaraVideo VOD SubmitWorkflowJob endpoint on loopback (plain HTTP).",
        discussion: """
            Verifies V3 and RPC V1 signatures, the ±15-minute clock window, nonces and STS tokens; decides
            each call with the caller's RAM policies (vod:SubmitWorkflowJob on *); records accepted jobs
            (durably with --state); injects the faults the configuration lists.

            The first line on standard output is the URL it listens on, e.g. http://127.0.0.1:54321.
            One line per request goes to standard error (no secrets, tokens or signatures).
            GET <url>/_emulator/jobs lists the recorded jobs.

            Exit codes: 0 stopped by SIGINT/SIGTERM; 1 the server failed; 2 bad usage or configuration.
            """)

    @Option(help: ArgumentHelp("Loopback address to listen on; port 0 picks a free port.", valueName: "host:port"))
    var listen: String = "127.0.0.1:0"

    @Option(help: ArgumentHelp("Emulator configuration (JSON): identities, workflows, faults.", valueName: "file"))
    var config: String

    @Option(help: ArgumentHelp("Directory for the durable job journal (jobs.jsonl); jobs survive restarts.", valueName: "dir"))
    var state: String?

    func run() async throws {
        try await Self.serve(listen: listen, config: config, state: state)
    }

    /// The synchronous entry point, for a caller that holds the command as a plain `ParsableCommand`
    /// (ramguard's `main.swift` resolves `run()` to this overload): runs ``serve(listen:config:state:)``
    /// on the concurrency pool and blocks this thread until it finishes.
    func run() throws {
        let listen = self.listen, config = self.config, state = self.state
        let outcome = BlockingOutcome()
        Task.detached {
            do {
                try await Self.serve(listen: listen, config: config, state: state)
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() { throw error }
    }

    private static func serve(listen: String, config: String, state: String?) async throws {
        let address: LoopbackAddress
        let configuration: EmulatorConfiguration
        do {
            address = try LoopbackAddress(parsing: listen)
        } catch {
            Self.fail("--listen: \(error.message)")
        }
        do {
            configuration = try EmulatorConfiguration.load(contentsOf: config)
        } catch {
            Self.fail(error.description)
        }
        let emulator = VODEmulator(configuration: configuration,
                                   options: EmulatorOptions(address: address, stateDirectory: state))
        let url: URL
        do {
            url = try await emulator.start()
        } catch {
            Self.fail(error.message)
        }
        FileHandle.standardOutput.write(Data((url.absoluteString + "\n").utf8))

        // Whichever comes first: a signal, or the server ending on its own (-1).
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM])
        let watcher = Task {
            await emulator.waitUntilStopped()
            signals.post(-1)
        }
        var first: Int32 = -1
        for await event in signals.events {
            first = event
            break
        }
        watcher.cancel()
        let stoppedBySignal = first >= 0
        await emulator.stop()
        if !stoppedBySignal {
            FileHandle.standardError.write(Data("ramguard: error: the emulator stopped unexpectedly\n".utf8))
            throw ExitCode(1)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ramguard: error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

/// The result of work running on another thread, waited for with a semaphore.
private final class BlockingOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ error: (any Error)?) {
        lock.lock()
        self.error = error
        lock.unlock()
        done.signal()
    }

    func wait() -> (any Error)? {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return error
    }
}

/// The write end of the self-pipe the signal handler writes to. Set once, before the handlers are
/// installed, and only read afterwards (from the handler), hence `nonisolated(unsafe)`.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns SIGINT/SIGTERM into a stream of events with the self-pipe trick: the handler only `write`s one
/// byte (async-signal-safe), and a plain thread blocked in `read` turns the byte into an event.
///
/// Dispatch signal sources are not used because on Linux libdispatch reads signals through `signalfd`,
/// which only sees signals blocked in every thread — impossible to arrange once the concurrency pool's
/// threads exist — while ignoring the signal (as the Darwin recipe says) discards it altogether.
private struct SignalWaiter {
    let events: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation

    init(signals: [Int32]) {
        let (events, yield) = AsyncStream<Int32>.makeStream()
        self.events = events
        self.continuation = yield
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        let readEnd = ends[0]
        signalPipeWriteEnd = ends[1]
        for number in signals {
            signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
        }
        let reader = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    yield.yield(Int32(byte))
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                yield.finish()
                return
            }
        }
        reader.name = "ramguard.emulator.signals"
        reader.start()
    }

    /// Adds an event of the caller's own (e.g. -1 when the server ended by itself).
    func post(_ event: Int32) {
        continuation.yield(event)
    }
}
