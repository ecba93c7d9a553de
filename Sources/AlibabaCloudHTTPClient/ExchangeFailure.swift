/// Why an exchange on a connection ended without a response, as the connection handler knows it.
///
/// The phase is the point: everything in ``Phase/establishing`` happened before a byte of the request was
/// written (the connection or its TLS session never became ready), so the request was certainly not sent;
/// everything in ``Phase/exchanging`` happened after the request was handed to the connection.
struct ExchangeFailure: Error, Sendable {
    enum Phase: Sendable {
        /// Connecting (TCP, then TLS): nothing of the request has been written.
        case establishing
        /// The request was handed to the connection: some or all of it may have reached the server.
        case exchanging
    }

    enum Reason: Sendable {
        /// The connection (TCP and TLS handshake) was not ready within the connect timeout.
        case connectTimeout
        /// The connection closed before it was ready (during the TLS handshake).
        case closedWhileConnecting
        /// The server chose an application protocol other than HTTP/1.1 (ALPN).
        case unsupportedApplicationProtocol
        /// No byte of the answer within the read timeout.
        case readTimeout
        /// No complete answer within the overall deadline (connect + read).
        case deadlineExceeded
        /// The connection closed before the answer was complete.
        case closedBeforeAnswer
        /// The answer is larger than the transport accepts.
        case responseTooLarge(limit: Int)
        /// The server sent an answer nobody asked for (bytes on an idle keep-alive connection).
        case unsolicitedResponse
        /// The calling task was cancelled.
        case cancelled
        /// An error from SwiftNIO, NIOSSL or the HTTP parser (never carrying request data).
        case underlying(any Error)
    }

    var phase: Phase
    var reason: Reason

    init(_ phase: Phase, _ reason: Reason) {
        self.phase = phase
        self.reason = reason
    }
}
