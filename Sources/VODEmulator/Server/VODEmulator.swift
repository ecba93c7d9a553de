import FlyingFox
import FlyingSocks
import Foundation
import VOD

/// A local ApsaraVideo VOD endpoint for `SubmitWorkflowJob`, on loopback, over plain HTTP.
///
/// It behaves like the real endpoint where a client can tell the difference: it verifies V3 and RPC V1
/// signatures exactly (requests from the official Python SDKs verify), enforces the ±15-minute clock
/// window and nonce uniqueness, checks STS tokens, evaluates the caller's RAM policies with ramguard's
/// engine (answering `Forbidden.RAM` with an `AccessDeniedDetail`), checks parameters, records accepted
/// jobs durably, and can inject faults. Error bodies and codes follow reference §5.
///
/// ```swift
/// let emulator = VODEmulator(configuration: config, options: EmulatorOptions(stateDirectory: dir))
/// let url = try await emulator.start()          // http://127.0.0.1:<free port>
/// …                                             // send requests to url
/// let jobs = await emulator.jobs()
/// await emulator.stop()
/// ```
///
/// One instance runs once: after ``stop()`` make a new one (with the same state directory to see the
/// same jobs).
public actor VODEmulator {
    public nonisolated let configuration: EmulatorConfiguration
    public nonisolated let options: EmulatorOptions

    private enum Phase {
        case idle
        case running(server: HTTPServer, task: Task<Void, any Error>, state: EmulatorState, processor: RequestProcessor)
        case stopped
    }

    private var phase: Phase = .idle
    /// The URL the emulator listens on, once started.
    public private(set) var url: URL?
    /// The bound port, once started.
    public private(set) var port: UInt16?

    public init(configuration: EmulatorConfiguration, options: EmulatorOptions = EmulatorOptions()) {
        self.configuration = configuration
        self.options = options
    }

    /// Opens the state directory (loading recorded jobs), binds the socket and starts serving.
    ///
    /// - Returns: the URL to send requests to, e.g. `http://127.0.0.1:54321`.
    /// - Throws: ``EmulatorStartError`` when the configuration is inconsistent, the state directory cannot
    ///   be used (damaged journal, locked by another emulator), or the port cannot be bound.
    @discardableResult
    public func start() async throws(EmulatorStartError) -> URL {
        guard case .idle = phase else {
            throw EmulatorStartError(kind: .lifecycle, message: "this emulator was already started; create a new one")
        }
        do {
            try configuration.validate()
        } catch {
            throw EmulatorStartError(kind: .invalidConfiguration, message: error.description)
        }
        let state: EmulatorState
        do {
            state = try EmulatorState(faults: configuration.faults, stateDirectory: options.stateDirectory)
        } catch {
            throw EmulatorStartError(kind: .state, message: "cannot use the state directory: \(error)")
        }
        if let note = state.journalNote {
            options.log.write("vod-emulator: job journal: \(note)")
        }
        let processor = RequestProcessor(configuration: configuration, state: state, clock: options.clock,
                                         maximumClockSkew: options.maximumClockSkew, log: options.log)
        let address = options.address
        let socketAddress: any SocketAddress
        do {
            socketAddress = address.isIPv6
                ? try sockaddr_in6.inet6(ip6: address.host, port: address.port)
                : try sockaddr_in.inet(ip4: address.host, port: address.port)
        } catch {
            await state.close()
            throw EmulatorStartError(kind: .invalidAddress, message: "cannot use \(address): \(error)")
        }
        let maximumLatency = configuration.faults.map(\.latencyMilliseconds).max() ?? 0
        let server = HTTPServer(
            address: socketAddress,
            timeout: max(options.requestTimeout, Double(maximumLatency) / 1000 + 30),
            logger: .disabled,
            handler: EmulatorHTTPHandler(processor: processor))
        let task = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 5)
        } catch {
            task.cancel()
            let reason: String
            if case .failure(let failure) = await task.result {
                reason = "\(failure)"
            } else {
                reason = "\(error)"
            }
            await state.close()
            phase = .stopped
            throw EmulatorStartError(kind: .bind, message: "cannot listen on \(address): \(reason)")
        }
        guard let bound = await server.listeningAddress else {
            await server.stop()
            task.cancel()
            await state.close()
            phase = .stopped
            throw EmulatorStartError(kind: .bind, message: "the server reported no listening address")
        }
        let boundPort: UInt16
        switch bound {
        case .ip4(_, let port), .ip6(_, let port): boundPort = port
        case .unix: boundPort = address.port
        }
        let urlString = address.urlString(port: boundPort)
        guard let url = URL(string: urlString) else {
            throw EmulatorStartError(kind: .bind, message: "cannot form a URL from \(urlString)")
        }
        self.url = url
        self.port = boundPort
        phase = .running(server: server, task: task, state: state, processor: processor)
        return url
    }

    /// Stops listening, lets open connections finish (up to `timeout` seconds), and releases the state
    /// directory. Safe to call more than once.
    public func stop(timeout: TimeInterval = 2) async {
        guard case .running(let server, let task, let state, _) = phase else {
            phase = .stopped
            return
        }
        phase = .stopped
        await server.stop(timeout: timeout)
        task.cancel()
        _ = await task.result
        await state.close()
    }

    /// Every job accepted so far (with a state directory: including those of earlier runs), in order.
    public func jobs() async -> [RecordedJob] {
        guard case .running(_, _, let state, _) = phase else { return [] }
        return await state.jobs
    }

    /// Runs one request through the pipeline without a socket (the emulator must be started): for
    /// deterministic tests of the request handling itself.
    public func handle(_ request: IncomingRequest) async throws(EmulatorStartError) -> ProcessingOutcome {
        guard case .running(_, _, _, let processor) = phase else {
            throw EmulatorStartError(kind: .lifecycle, message: "the emulator is not running")
        }
        return await processor.process(request)
    }

    /// Suspends until the server task ends (after ``stop()``, or if the listening socket fails).
    public func waitUntilStopped() async {
        guard case .running(_, let task, _, _) = phase else { return }
        _ = await task.result
    }
}
