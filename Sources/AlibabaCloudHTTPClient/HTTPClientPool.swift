import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The process-wide keep-alive pool of ``HTTPClientTransport``: idle HTTP/1.1 connections per origin
/// (scheme, host, port), and how new ones are made.
///
/// A connection carries one request at a time. A call takes the most recently used idle connection of its
/// origin (one that is still open and has been idle for less than ``idleTimeout``), or opens a new one; when
/// the answer allows keep-alive, the connection's handler puts it back. There is no limit on connections:
/// concurrent calls each get their own.
///
/// New connections: SwiftNIO's `ClientBootstrap` (`TCP_NODELAY`, the connect timeout of the call), the
/// NIOHTTP1 client codecs, and for `https://` a NIOSSL client handler (the system's trust roots, full
/// certificate and host-name verification, ALPN `http/1.1` only, SNI with the host name) in front of them.
/// Nothing is retried: a failed connect fails the call at once with the connect error, and the caller's
/// ``RetryPolicy`` alone decides about trying again.
///
/// Thread-safe: the idle lists are guarded by a lock; handlers call back from their event loops.
final class HTTPClientPool: Sendable {
    /// How long an idle keep-alive connection stays in the pool. Well below the keep-alive timeouts servers
    /// and load balancers commonly use (15–75 s), so the pool drops a connection before the server does.
    static let idleTimeout: TimeAmount = .seconds(4)

    /// The process's pool, on an event loop of its own with **one** thread (created on first use, never shut
    /// down, like NIO's singleton group). A process of ramguard makes one call at a time; and on a small
    /// machine, where the emulator or other work shares the cores, one event loop takes every ready
    /// connection in one wake-up instead of waking two threads in turn (measured on 2 cores: a fifth less
    /// CPU per submission than NIO's one-thread-per-core singleton).
    static let shared = HTTPClientPool(group: MultiThreadedEventLoopGroup(numberOfThreads: 1))

    private struct Idle {
        var channel: any Channel
        var since: NIODeadline
    }

    let group: any EventLoopGroup
    private let idle = NIOLockedValueBox<[HTTPTarget.Origin: [Idle]]>([:])
    private let tlsContext = NIOLockedValueBox<Result<NIOSSLContext, any Error>?>(nil)

    init(group: any EventLoopGroup) {
        self.group = group
    }

    /// The most recently pooled connection of `origin` that is still open and not past its idle timeout
    /// (those that are get closed), or `nil`.
    func checkout(_ origin: HTTPTarget.Origin) -> (any Channel)? {
        let now = NIODeadline.now()
        var expired: [any Channel] = []
        let channel: (any Channel)? = idle.withLockedValue { idle in
            while let candidate = idle[origin]?.popLast() {
                if candidate.channel.isActive && now < candidate.since + Self.idleTimeout {
                    return candidate.channel
                }
                expired.append(candidate.channel)
            }
            return nil
        }
        for channel in expired { channel.close(promise: nil) }
        return channel
    }

    /// Puts a connection whose exchange ended with keep-alive back (from its handler, on its event loop).
    func release(_ channel: any Channel, origin: HTTPTarget.Origin, idleSince: NIODeadline) {
        idle.withLockedValue { idle in
            idle[origin, default: []].append(Idle(channel: channel, since: idleSince))
        }
    }

    /// Removes `channel` if it is pooled; returns whether it was (then nobody has taken it and it may be closed).
    func removeIfIdle(_ channel: any Channel, origin: HTTPTarget.Origin) -> Bool {
        idle.withLockedValue { idle in
            guard let index = idle[origin]?.firstIndex(where: { $0.channel === channel }) else { return false }
            idle[origin]!.remove(at: index)
            return true
        }
    }

    /// Forgets a connection that closed.
    func remove(_ channel: any Channel, origin: HTTPTarget.Origin) {
        _ = removeIfIdle(channel, origin: origin)
    }

    /// Opens a connection to `origin` and makes it ready (TLS handshake done for `https://`) within
    /// `connectTimeout`. Fails with ``ExchangeFailure`` in phase ``ExchangeFailure/Phase/establishing`` (or
    /// with NIO's connect error): no request has been given to the connection.
    func connect(_ origin: HTTPTarget.Origin, connectTimeout: TimeAmount) -> EventLoopFuture<any Channel> {
        let eventLoop = group.next()
        let sslContext: NIOSSLContext?
        if origin.secure {
            switch makeTLSContext() {
            case .success(let context): sslContext = context
            case .failure(let error): return eventLoop.makeFailedFuture(ExchangeFailure(.establishing, .underlying(error)))
            }
        } else {
            sslContext = nil
        }
        let ready = eventLoop.makePromise(of: Void.self)
        let deadline = NIODeadline.now() + connectTimeout
        let serverHostname = origin.isIPAddress ? nil : origin.host
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let sslContext {
                        try sync.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname))
                    }
                    // Header names and values are checked before a request is given to a connection
                    // (``HTTPClientTransport/head(for:target:)``), so NIO's second check is left out.
                    try sync.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
                    try sync.addHandler(HTTPConnectionHandler(ready: ready, secure: sslContext != nil, connectDeadline: deadline,
                                                              pool: self, origin: origin))
                }
            }
        let connected = bootstrap.connect(host: origin.host, port: origin.port)
        connected.whenFailure { ready.fail($0) }
        return connected.flatMap { channel in
            ready.futureResult.map { channel }
        }
    }

    /// One TLS context for the process (building it loads the trust roots).
    private func makeTLSContext() -> Result<NIOSSLContext, any Error> {
        tlsContext.withLockedValue { cached in
            if let cached { return cached }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.applicationProtocols = ["http/1.1"]
            let made = Result { try NIOSSLContext(configuration: configuration) }
            cached = made
            return made
        }
    }
}
