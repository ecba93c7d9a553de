/// Sends one HTTP request and returns the complete response.
///
/// The contract a conforming transport must meet, because the retry decision depends on it:
///
/// * **One request, one attempt.** Never re-send a request on its own — not on a reused connection that
///   died, not after a redirect, not after a timeout. Retrying is the caller's decision (``RetryingSender``).
/// * **No redirects.** A 3xx is returned as a response.
/// * **Honest errors.** Throw ``TransportError`` with ``TransportError/Kind/connectionFailed``,
///   ``TransportError/Kind/hostNotFound``, ``TransportError/Kind/tlsFailed`` or
///   ``TransportError/Kind/invalidRequest`` *only* when the request certainly did not leave the machine;
///   anything that may have been sent is ``TransportError/Kind/timedOut``,
///   ``TransportError/Kind/connectionLost``, ``TransportError/Kind/badResponse`` or
///   ``TransportError/Kind/other``.
/// * **No logging of request data.** Requests carry signatures and tokens.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse
}
