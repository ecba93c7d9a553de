import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import VOD

/// A local ApsaraVideo VOD endpoint for `SubmitWorkflowJob`, on loopback, over plain HTTP.
///
/// It behaves like the real endpoint where a client can tell the difference: it verifies V3 and RPC V1
/// signatures exactly (requests from the official Python SDKs verify), enforces the ±15-minute clock
/// window and nonce uniqueness, checks STS tokens, evaluates the caller's RAM policies with ramguard's
/// engine (answering `Forbidden.RAM` with an `AccessDeniedDetail`), checks parameters, records accepted
/// jobs durably, and can inject faults. Error bodies and codes follow reference §5.
///
/// The HTTP server is SwiftNIO (NIOPosix + NIOHTTP1) on a process-wide one-thread event loop group: HTTP/1.1 with
/// keep-alive and pipelining, `TCP_NODELAY`, the standard reason phrases and a `Date` header, listening on
/// the loopback address of ``EmulatorOptions/address`` only.
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
        case running(channel: any Channel, registry: ConnectionRegistry, state: EmulatorState, processor: RequestProcessor)
        case stopped
    }

    /// The event loop every emulator of the process serves its connections on: **one** thread, created on
    /// first use and never shut down (like NIO's singleton group). The emulator runs beside its client on
    /// the same machine; with one event loop it handles every ready connection in one wake-up instead of
    /// waking a thread per core in turn (measured on 2 cores, client and emulator together: a quarter less
    /// emulator CPU per submission than NIO's one-thread-per-core group). Its requests never block the
    /// loop (journal commits and latency faults suspend).
    static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

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
        let registry = ConnectionRegistry()
        let clock = options.clock
        // Idle connections are closed after the request timeout; never before a latency fault has run out.
        let maximumLatency = configuration.faults.map(\.latencyMilliseconds).max() ?? 0
        let idleTimeout = TimeAmount.milliseconds(Int64(max(options.requestTimeout, Double(maximumLatency) / 1000 + 30) * 1000))
        let bootstrap = ServerBootstrap(group: Self.eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard registry.register(channel) else {
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in registry.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(EmulatorChannelHandler(processor: processor, registry: registry, clock: clock))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: address.host, port: Int(address.port)).get()
        } catch {
            await state.close()
            phase = .stopped
            throw EmulatorStartError(kind: .bind, message: "cannot listen on \(address): \(error)")
        }
        guard let boundPort = channel.localAddress?.port.flatMap(UInt16.init(exactly:)) else {
            try? await channel.close()
            await state.close()
            phase = .stopped
            throw EmulatorStartError(kind: .bind, message: "the server reported no listening address")
        }
        let urlString = address.urlString(port: boundPort)
        guard let url = URL(string: urlString) else {
            try? await channel.close()
            await state.close()
            phase = .stopped
            throw EmulatorStartError(kind: .bind, message: "cannot form a URL from \(urlString)")
        }
        self.url = url
        self.port = boundPort
        phase = .running(channel: channel, registry: registry, state: state, processor: processor)
        return url
    }

    /// Stops listening, closes idle connections, lets requests in progress finish their answer (up to
    /// `timeout` seconds), closes what is left, and releases the state directory. Safe to call more than once.
    public func stop(timeout: TimeInterval = 2) async {
        guard case .running(let channel, let registry, let state, _) = phase else {
            phase = .stopped
            return
        }
        phase = .stopped
        try? await channel.close()
        let (idle, busy) = registry.beginDraining()
        for connection in idle { connection.close(promise: nil) }
        if busy > 0 {
            let deadline = ContinuousClock.now + .milliseconds(Int(max(0, timeout) * 1000))
            while !registry.open.isEmpty, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        for connection in registry.open {
            try? await connection.close()
        }
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

    /// Suspends until the listening socket is closed (after ``stop()``, or if it fails).
    public func waitUntilStopped() async {
        guard case .running(let channel, _, _, _) = phase else { return }
        try? await channel.closeFuture.get()
    }
}
