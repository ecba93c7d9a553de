import AlibabaCloud
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// ``HTTPTransport`` directly on SwiftNIO (NIOPosix, the NIOHTTP1 client codecs; TLS through swift-nio-ssl's
/// bundled BoringSSL), for `http://` and `https://`.
///
/// Connections are **reused**: every transport value shares one process-wide keep-alive pool of HTTP/1.1
/// connections (``HTTPClientPool``), one request in flight per connection. Opening a TCP connection (and a
/// TLS session) per attempt cost more than the rest of a call together. (Until session 4 this sat on
/// AsyncHTTPClient; its per-request machinery — task and pool state machines, promise chains, header
/// copies — cost about as much CPU as signing, sending and the emulator's answer together, so the few
/// things this transport needs are done here, on the same NIO codecs.)
///
/// ## One request, one attempt — and stale pooled connections
///
/// The transport never sends a request twice, and never on its own: an exchange is written once to one
/// connection (``HTTPConnectionHandler``), and whatever happens afterwards fails the call. A pooled
/// connection that is found closed (or past the idle timeout) *before* the request is given to it is
/// skipped; no request was written to it. Redirects are not followed (a 3xx is the answer), and there is
/// no HTTP/2 (no stream resets or GOAWAY replays to reason about).
///
/// The residual race is the classic one of HTTP keep-alive: the server closes an idle connection at the
/// moment the request is written to it. The request then never reached the application, but the client
/// cannot prove it — a connection closed before the answer is also what a connection cut after processing
/// looks like — so it is reported as ``TransportError/Kind/connectionLost``, **outcome unknown**, never
/// retried. The race costs an unnecessary "unknown" (exit 5, the journal entry tells a script what
/// happened), never a duplicate job. It is made rare by closing idle pooled connections after
/// ``HTTPClientPool/idleTimeout`` (4 s), well before the keep-alive timeouts servers and load balancers
/// use; a server that closes sooner than that makes the race likelier, not unsafe.
///
/// ## Errors
///
/// "Certainly not sent" (``TransportError/Kind/requestCertainlyNotSent``) is claimed only for failures
/// before a connection was ready to take the request: the connect error itself (refused, unreachable, name
/// not resolved), the connect timeout (TCP and TLS handshake together), the TLS handshake (certificate or
/// host-name validation, ALPN), and requests that cannot be formed (URL, scheme, header names or values —
/// checked before anything is sent). Everything after the request was handed to a connection — the read
/// timeout (no byte of the answer for `read` seconds), the overall deadline (connect + read), a
/// connection closed or reset, an unparseable or oversized answer — may have reached the server.
///
/// No logging, no cookies, no proxy, no decompression; errors carry no request data. The `host` header
/// of the signed request is not copied: `Host` is the URL's authority, which is what the request was
/// signed for. `Content-Length` is always sent (`0` for an empty body).
public struct HTTPClientTransport: HTTPTransport {
    /// The largest answer accepted; an API error or `SubmitWorkflowJob` answer is a few hundred bytes.
    public static let maximumResponseBytes = 8 << 20

    private let pool: HTTPClientPool

    public init() {
        self.pool = .shared
    }

    public func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        let target = try HTTPTarget(parsing: request.url, redacted: request.redactedURL)
        let head = try Self.head(for: request, target: target)
        if Task.isCancelled {
            throw TransportError(kind: .cancelled, message: "the call was cancelled before it was sent")
        }
        let deadline = NIODeadline.now() + Self.amount(timeouts.total)
        let readTimeout = Self.amount(timeouts.read)
        let body = request.body
        let progress = NIOLockedValueBox(CallProgress.connecting)
        do {
            return try await withTaskCancellationHandler {
                try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<HTTPResponse, any Error>) in
                    // Everything from here to the answer runs on the connection's event loop: the request is
                    // written as soon as the connection is ready, not when this task next gets a thread (on a
                    // busy machine that wait once ate the whole deadline between connecting and writing).
                    @Sendable func start(on channel: any Channel) {
                        let cancelled = progress.withLockedValue { progress in
                            if case .cancelled = progress { return true }
                            progress = .sending(channel)
                            return false
                        }
                        guard !cancelled else {
                            // Nothing was written; the connection's state is fine, but a fresh one is simply closed.
                            channel.close(promise: nil)
                            continuation.resume(throwing: ExchangeFailure(.establishing, .cancelled))
                            return
                        }
                        let promise = channel.eventLoop.makePromise(of: HTTPResponse.self)
                        promise.futureResult.whenComplete { continuation.resume(with: $0) }
                        let exchange = HTTPExchange(head: head, body: body, promise: promise, readTimeout: readTimeout,
                                                    deadline: deadline, maximumResponseBytes: Self.maximumResponseBytes)
                        channel.writeAndFlush(exchange).whenFailure { error in
                            // The connection was closed before the exchange reached its handler.
                            promise.fail(ExchangeFailure(.exchanging, .underlying(error)))
                        }
                    }
                    if let pooled = pool.checkout(target.origin) {
                        pooled.eventLoop.execute { start(on: pooled) }
                    } else {
                        pool.connect(target.origin, connectTimeout: Self.amount(timeouts.connect)).whenComplete { result in
                            switch result {
                            case .success(let channel):
                                start(on: channel)
                            case .failure(let error):
                                continuation.resume(throwing: error is ExchangeFailure ? error : ExchangeFailure(.establishing, .underlying(error)))
                            }
                        }
                    }
                }
            } onCancel: {
                let channel: (any Channel)? = progress.withLockedValue { progress in
                    if case .sending(let channel) = progress { return channel }
                    progress = .cancelled
                    return nil
                }
                channel?.triggerUserOutboundEvent(CancelExchangeEvent(), promise: nil)
            }
        } catch {
            throw Self.classify(error, timeouts: timeouts, phase: .exchanging)
        }
    }

    /// Where a call is, for cancellation: before its request is given to a connection, cancelling stops it
    /// there (nothing is sent); afterwards the exchange on that connection is cancelled.
    private enum CallProgress: Sendable {
        case connecting
        case cancelled
        case sending(any Channel)
    }

    /// The request head: method, target as written in the URL, `Host` from the URL, the request's
    /// headers (except `host`) and `Content-Length`. Header names must be tokens and values must not
    /// contain line breaks or other control characters; otherwise nothing is sent and the error does not
    /// repeat the value (it may be a signature or a token).
    static func head(for request: HTTPRequest, target: HTTPTarget) throws(TransportError) -> HTTPRequestHead {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(isTokenByte) else {
            throw TransportError(kind: .invalidRequest, message: "the request cannot be sent: the method is not an HTTP token")
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 2)
        headers.add(name: "Host", value: target.origin.authority)
        for header in request.headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
                throw TransportError(kind: .invalidRequest, message: "the request cannot be sent: a header name is not an HTTP token")
            }
            guard header.value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }) else {
                throw TransportError(kind: .invalidRequest,
                                     message: "the request cannot be sent: the value of header '\(header.name)' contains a line break or control character")
            }
            let name = header.name
            if name.utf8.count == 4, name.lowercased() == "host" { continue }
            if name.utf8.count == 14, name.lowercased() == "content-length" { continue }
            headers.add(name: name, value: header.value)
        }
        headers.add(name: "Content-Length", value: String(request.body.count))
        return HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: target.requestTarget, headers: headers)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((max(0.001, seconds) * 1_000_000_000).rounded(.up)))
    }

    /// Maps what went wrong to what it means for the request (see the type's documentation and
    /// ``TransportError/Kind``). `phase` is where the call was when the error came: while connecting,
    /// nothing had been given to the connection.
    static func classify(_ error: any Error, timeouts: TransportTimeouts, phase: ExchangeFailure.Phase) -> TransportError {
        if let failure = error as? ExchangeFailure {
            return classify(failure, timeouts: timeouts)
        }
        return classify(ExchangeFailure(phase, .underlying(error)), timeouts: timeouts)
    }

    static func classify(_ failure: ExchangeFailure, timeouts: TransportTimeouts) -> TransportError {
        func make(_ kind: TransportError.Kind, _ message: String, _ underlying: String? = nil) -> TransportError {
            TransportError(kind: kind, message: message, underlying: underlying)
        }
        switch (failure.phase, failure.reason) {
        case (_, .cancelled):
            return make(.cancelled, "the call was cancelled")
        case (.establishing, .connectTimeout):
            return make(.connectionFailed, "the connection (with its TLS handshake) could not be established within \(timeouts.connect) s")
        case (.establishing, .unsupportedApplicationProtocol):
            return make(.tlsFailed, "the TLS handshake failed: the server offered no usable application protocol")
        case (.establishing, .closedWhileConnecting):
            return make(.connectionFailed, "the connection was closed while it was being established")
        case (.establishing, .underlying(let error)):
            return classifyConnectError(error)
        case (.establishing, _):
            return make(.connectionFailed, "the connection could not be established")
        case (.exchanging, .readTimeout):
            return make(.timedOut, "no answer within the read timeout (\(timeouts.read) s)")
        case (.exchanging, .deadlineExceeded), (.exchanging, .connectTimeout):
            return make(.timedOut, "no complete answer within \(timeouts.total) s (connect + read)")
        case (.exchanging, .closedBeforeAnswer), (.exchanging, .closedWhileConnecting):
            return make(.connectionLost, "the connection was closed before a complete answer arrived")
        case (.exchanging, .responseTooLarge(let limit)):
            return make(.badResponse, "the answer is larger than \(limit) bytes")
        case (.exchanging, .unsolicitedResponse), (.exchanging, .unsupportedApplicationProtocol):
            return make(.badResponse, "the answer could not be read as HTTP")
        case (.exchanging, .underlying(let error)):
            let underlying = String(describing: error)
            if error is HTTPParserError {
                return make(.badResponse, "the answer could not be read as HTTP", underlying)
            }
            return make(.connectionLost, "the connection failed before a complete answer arrived", underlying)
        }
    }

    /// A failure while connecting: nothing was given to the connection.
    private static func classifyConnectError(_ error: any Error) -> TransportError {
        let underlying = String(describing: error)
        func make(_ kind: TransportError.Kind, _ message: String) -> TransportError {
            TransportError(kind: kind, message: message, underlying: underlying)
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil) {
                return make(.hostNotFound, "the host name could not be resolved")
            }
            return make(.connectionFailed, "the connection was refused or the host is unreachable")
        }
        if error is SocketAddressError {
            return make(.hostNotFound, "the host name could not be resolved")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return make(.connectionFailed, "the connection could not be established in time")
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED {
            return make(.connectionFailed, "the connection was refused")
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return make(.tlsFailed, "the TLS handshake failed")
        }
        return make(.connectionFailed, "the connection could not be established")
    }
}
