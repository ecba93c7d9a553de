import AlibabaCloud
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// ``HTTPTransport`` over AsyncHTTPClient (SwiftNIO; TLS through swift-nio-ssl's bundled BoringSSL), for
/// `http://` and `https://`.
///
/// Connections are **reused**: every transport value shares one process-wide `HTTPClient` per set of
/// timeouts (``HTTPClientPool``), with a keep-alive pool of HTTP/1.1 connections. Opening a TCP connection
/// (and a TLS session) per attempt cost more than the rest of a call together.
///
/// ## One request, one attempt — and stale pooled connections
///
/// Reuse is what the previous, URLSession-based transport avoided, because libcurl silently re-sends a
/// request on a new connection when a reused one turns out to be dead — for `SubmitWorkflowJob`, which has
/// no idempotency token, that could start a second job. AsyncHTTPClient 1.37 does not do that (read in its
/// source, `HTTP1ConnectionStateMachine.runNewRequest` and the pool state machines):
/// * a request handed to a pooled connection that has meanwhile been closed fails with
///   `HTTPClientError.remoteConnectionClosed` — it is not re-queued (AHC's own comment: "TODO: AHC should
///   support a fast rescheduling mechanism here"); a connection that dies while the request is written or
///   the answer read fails the request the same way;
/// * connection *establishment* is retried by AHC only when `retryConnectionEstablishment` is on; it is off
///   here, so a failed connect fails the request at once with the connect error;
/// * redirects are disallowed, HTTP/2 is off (`http1Only`), so neither a redirect nor a GOAWAY replays it.
///
/// The residual race is the classic one of HTTP keep-alive: the server closes an idle connection at the
/// moment the request is written to it. The request then never reached the application, but the client
/// cannot prove it — `remoteConnectionClosed` is also what a connection cut after processing looks like —
/// so it is reported as ``TransportError/Kind/connectionLost``, **outcome unknown**, never retried. The
/// race costs an unnecessary "unknown" (exit 5, the journal entry tells a script what happened), never a
/// duplicate job. It is made rare by closing idle pooled connections after ``HTTPClientPool/idleTimeout``
/// (4 s), well before the keep-alive timeouts servers and load balancers use; a server that closes sooner
/// than that makes the race likelier, not unsafe.
///
/// ## Errors
///
/// "Certainly not sent" (``TransportError/Kind/requestCertainlyNotSent``) is claimed only for failures that
/// AHC reports before the request is given a connection: the connect error itself (refused, unreachable,
/// name not resolved — `NIOConnectionError`, `ECONNREFUSED`), the connect timeout, the TLS handshake
/// (`NIOSSLError.handshakeFailed`, certificate or host-name validation, ALPN, its timeout), and requests AHC
/// refuses to form (URL, scheme, header names or values). Everything else — a read or write timeout, the
/// overall deadline (connect + read; AHC does not say whether it passed while connecting), a connection
/// closed or reset, an unparseable answer — may have reached the server.
///
/// No logging (AHC's loggers stay disabled; errors carry no request data), no cookies, no proxy, no
/// decompression. The `host` header of the signed request is not copied: AHC sets `Host` from the URL,
/// which is the authority the request was signed for.
public struct HTTPClientTransport: HTTPTransport {
    /// The largest answer accepted; an API error or `SubmitWorkflowJob` answer is a few hundred bytes.
    public static let maximumResponseBytes = 8 << 20

    private let pool: HTTPClientPool

    public init() {
        self.pool = .shared
    }

    public func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        guard let scheme = request.url.split(separator: ":", maxSplits: 1).first?.lowercased(), scheme == "https" || scheme == "http" else {
            throw TransportError(kind: .invalidRequest, message: "the URL cannot be used (only http:// and https://): \(request.redactedURL)")
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers where header.name.lowercased() != "host" {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !request.body.isEmpty {
            outgoing.body = .bytes(request.body)
        }
        let client = pool.client(for: timeouts)
        let deadline = NIODeadline.now() + HTTPClientPool.amount(timeouts.total)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maximumResponseBytes)
            var headers: [SignableRequest.Header] = []
            headers.reserveCapacity(response.headers.count)
            for (name, value) in response.headers {
                headers.append(SignableRequest.Header(name, value))
            }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
        } catch {
            throw Self.classify(error, timeouts: timeouts)
        }
    }

    /// Maps AsyncHTTPClient's and SwiftNIO's errors to what they mean for the request (see the type's
    /// documentation and ``TransportError/Kind``).
    static func classify(_ error: any Error, timeouts: TransportTimeouts) -> TransportError {
        // Never the full description of an `HTTPClientError`: `invalidHeaderFieldValues` carries header
        // values, which may be a signature or a token. The short form has no associated values.
        let underlying = (error as? HTTPClientError).map { "HTTPClientError: \($0.shortDescription)" } ?? String(describing: error)
        func make(_ kind: TransportError.Kind, _ message: String) -> TransportError {
            TransportError(kind: kind, message: message, underlying: underlying)
        }
        if error is CancellationError {
            return make(.cancelled, "the call was cancelled")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return make(.connectionFailed, "the connection could not be established within \(timeouts.connect) s")
            case .getConnectionFromPoolTimeout:
                return make(.connectionFailed, "no connection could be obtained in time")
            case .tlsHandshakeTimeout:
                return make(.connectionFailed, "the TLS handshake did not complete in time")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath, .traceRequestWithBody, .bodyLengthMismatch,
                 .alreadyShutdown, .invalidRedirectConfiguration, .invalidHTTPVersionConfiguration,
                 .invalidDNSOverridesConfiguration, .invalidLocalAddress, .invalidProxyConfiguration:
                return make(.invalidRequest, "the request cannot be sent: \(error.shortDescription)")
            case .readTimeout:
                return make(.timedOut, "no answer within the read timeout (\(timeouts.read) s)")
            case .writeTimeout:
                return make(.timedOut, "the request could not be written in time")
            case .deadlineExceeded:
                return make(.timedOut, "no complete answer within \(timeouts.total) s (connect + read)")
            case .remoteConnectionClosed, .uncleanShutdown:
                return make(.connectionLost, "the connection was closed before a complete answer arrived")
            case .cancelled, .requestStreamCancelled:
                return make(.cancelled, "the call was cancelled")
            case .contentLengthMissing, .identityCodingIncorrectlyPresent:
                return make(.badResponse, "the answer could not be read as HTTP (\(error.shortDescription))")
            default:
                switch error.shortDescription {
                case "Unsupported scheme", "Invalid header field names", "Invalid header field values":
                    return make(.invalidRequest, "the request cannot be sent: \(error.shortDescription)")
                case "Server offered unsupported application protocol":
                    return make(.tlsFailed, "the TLS handshake failed: the server offered no usable application protocol")
                default:
                    return make(.other, error.shortDescription)
                }
            }
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil) {
                return make(.hostNotFound, "the host name could not be resolved")
            }
            return make(.connectionFailed, "the connection was refused or the host is unreachable")
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED {
            return make(.connectionFailed, "the connection was refused")
        }
        if error is SocketAddressError {
            return make(.hostNotFound, "the host name could not be resolved")
        }
        if let error = error as? NIOSSLError, case .handshakeFailed = error {
            return make(.tlsFailed, "the TLS handshake failed")
        }
        if error is NIOSSLExtraError {
            return make(.tlsFailed, "the TLS handshake failed: the server's certificate does not match the host")
        }
        if error is HTTPParserError || error is NIOTooManyBytesError {
            return make(.badResponse, "the answer could not be read as HTTP")
        }
        if error is IOError || error is ChannelError || error is NIOSSLError {
            return make(.connectionLost, "the connection failed before a complete answer arrived")
        }
        return make(.other, "the HTTP client failed")
    }
}
