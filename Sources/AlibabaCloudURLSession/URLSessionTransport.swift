import Foundation
import AlibabaCloud
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPTransport`` over `URLSession` (FoundationNetworking, i.e. libcurl, on Linux).
///
/// Every call uses a **fresh ephemeral session**, so a request always goes out on a new connection. That
/// is deliberate: a pooled keep-alive connection the server has meanwhile closed makes libcurl re-send
/// the request on a new connection by itself, which for a call without an idempotency token could
/// start a second job. No cookies, no cache, no redirects (a 3xx is returned as is), no proxy settings
/// beyond what the system gives URLSession.
///
/// Timeouts: the read timeout is URLSession's per-request (idle) timeout; the whole exchange is bounded by
/// connect + read. Both are rounded up to whole seconds (at least 1), which is what FoundationNetworking
/// can honour. URLSession has no separate connect timeout and does not say in which phase a timeout
/// happened, so every timeout is reported as ``TransportError/Kind/timedOut`` (outcome unknown), the
/// conservative reading. Likewise only errors that libcurl raises before writing the request — connection
/// refused or unreachable, name resolution, the TLS handshake — count as "not sent"; everything else,
/// including protocol errors in the answer, may have reached the server.
public struct URLSessionTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw TransportError(kind: .invalidRequest, message: "the URL cannot be used: \(request.redactedURL)")
        }
        // FoundationNetworking (Linux) turns its timeouts into whole milliseconds via whole seconds, so a
        // fraction of a second would become an immediate timeout: round up to whole seconds.
        let read = max(1, timeouts.read.rounded(.up))
        let total = max(read + 1, timeouts.total.rounded(.up))
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: read)
        urlRequest.httpMethod = request.method
        urlRequest.httpShouldHandleCookies = false
        for header in request.headers where header.name.lowercased() != "host" {
            // URLSession sets Host from the URL: the same authority the request was signed for.
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body)
        }

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = read
        configuration.timeoutIntervalForResource = total
        configuration.httpMaximumConnectionsPerHost = 1
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = NoRedirectDelegate()
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        // The answer is complete (or the call failed) when this returns: close the connection now rather than
        // leave it idle in a pool nobody will use again.
        defer { session.invalidateAndCancel() }

        let box = TaskBox()
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(returning: .failure(Self.classify(error)))
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(returning: .failure(TransportError(kind: .badResponse, message: "the answer is not an HTTP response")))
                        return
                    }
                    var headers: [SignableRequest.Header] = []
                    for (name, value) in http.allHeaderFields {
                        headers.append(SignableRequest.Header("\(name)", "\(value)"))
                    }
                    headers.sort { $0.name.lowercased() < $1.name.lowercased() }
                    continuation.resume(returning: .success(HTTPResponse(status: http.statusCode, headers: headers, body: data.map { [UInt8]($0) } ?? [])))
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
        return try result.get()
    }

    /// Maps URLSession's errors to what they mean for the request (see ``TransportError/Kind``).
    static func classify(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        let underlying = "\(nsError.domain) \(nsError.code)"
        guard nsError.domain == NSURLErrorDomain else {
            return TransportError(kind: .other, message: nsError.localizedDescription, underlying: underlying)
        }
        let kind: TransportError.Kind
        let message: String
        switch nsError.code {
        case NSURLErrorCannotConnectToHost:
            kind = .connectionFailed
            message = "the connection was refused or the host is unreachable"
        case NSURLErrorNotConnectedToInternet, NSURLErrorInternationalRoamingOff, NSURLErrorCallIsActive,
             NSURLErrorDataNotAllowed:
            kind = .connectionFailed
            message = "there is no network connection"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            kind = .hostNotFound
            message = "the host name could not be resolved"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateUntrusted,
             NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid,
             NSURLErrorClientCertificateRejected, NSURLErrorClientCertificateRequired:
            kind = .tlsFailed
            message = "the TLS handshake failed: \(nsError.localizedDescription)"
        case NSURLErrorBadURL, NSURLErrorUnsupportedURL:
            // The URL was checked before the call, so on Linux this is libcurl reporting a protocol error
            // in the *answer* (e.g. an HTTP/0.9 reply maps to CURLE_UNSUPPORTED_PROTOCOL): the request
            // was sent. Never "not sent".
            kind = .badResponse
            message = "the answer could not be read as HTTP (protocol error)"
        case NSURLErrorTimedOut:
            kind = .timedOut
            message = "no answer within the timeout"
        case NSURLErrorNetworkConnectionLost:
            kind = .connectionLost
            message = "the connection was closed before a complete answer arrived"
        case NSURLErrorBadServerResponse, NSURLErrorCannotParseResponse, NSURLErrorZeroByteResource,
             NSURLErrorCannotDecodeRawData, NSURLErrorCannotDecodeContentData:
            kind = .badResponse
            message = "the answer could not be read as HTTP"
        case NSURLErrorCancelled:
            kind = .cancelled
            message = "the call was cancelled"
        default:
            kind = .other
            message = nsError.localizedDescription
        }
        return TransportError(kind: kind, message: message, underlying: underlying)
    }
}

/// Refuses every redirect, so the 3xx itself is the result.
private final class NoRedirectDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// Holds the data task so that a cancellation arriving at any time reaches it.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false

    func set(_ task: URLSessionTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
