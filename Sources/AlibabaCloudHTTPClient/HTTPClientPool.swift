import AlibabaCloud
import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore

/// The process-wide `HTTPClient`s of ``HTTPClientTransport``, one per distinct ``TransportTimeouts`` (AHC's
/// connect and read timeouts are client settings, not request settings), created on first use and kept for
/// the life of the process — the pattern of AHC's own `HTTPClient.shared`, so they are never shut down and
/// their connection pools are shared by every transport value.
///
/// Every client is configured for the ``HTTPTransport`` contract:
/// * HTTP/1.1 only (`http1Only`): no HTTP/2 stream resets or GOAWAY replays to reason about;
/// * redirects disallowed (a 3xx is the answer), no decompression, no proxy;
/// * `retryConnectionEstablishment` off: a refused or failed connect fails the request at once (with
///   the connect error, nothing sent) instead of being retried inside AHC until the deadline, so the
///   caller's ``RetryPolicy`` alone decides about waiting and trying again;
/// * a short pool idle timeout (``idleTimeout``), see ``HTTPClientTransport`` on stale connections.
final class HTTPClientPool: Sendable {
    /// How long an idle keep-alive connection stays in the pool. Well below the keep-alive timeouts servers
    /// and load balancers commonly use (15–75 s), so the pool drops a connection before the server does.
    static let idleTimeout: TimeAmount = .seconds(4)

    static let shared = HTTPClientPool()

    private let clients = NIOLockedValueBox<[TransportTimeouts: HTTPClient]>([:])

    func client(for timeouts: TransportTimeouts) -> HTTPClient {
        clients.withLockedValue { clients in
            if let client = clients[timeouts] { return client }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: Self.configuration(timeouts))
            clients[timeouts] = client
            return client
        }
    }

    static func configuration(_ timeouts: TransportTimeouts) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: amount(timeouts.connect), read: amount(timeouts.read)),
            connectionPool: HTTPClient.Configuration.ConnectionPool(idleTimeout: idleTimeout, concurrentHTTP1ConnectionsPerHostSoftLimit: 64),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled)
        configuration.httpVersion = HTTPClient.Configuration.HTTPVersion.http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((max(0.001, seconds) * 1_000_000_000).rounded(.up)))
    }
}
