import AlibabaCloud
import NIOCore
import NIOHTTP1

/// One request handed to a pooled connection (the outbound message of ``HTTPConnectionHandler``), with
/// the promise its answer or failure completes and the limits it runs under.
struct HTTPExchange: Sendable {
    var head: HTTPRequestHead
    var body: [UInt8]
    /// Completed exactly once, on the connection's event loop.
    var promise: EventLoopPromise<HTTPResponse>
    /// The longest wait for the first byte of the answer and between its bytes.
    var readTimeout: TimeAmount
    /// When the whole call (connect and read) must be over.
    var deadline: NIODeadline
    var maximumResponseBytes: Int
}

/// Sent down a connection's pipeline when the calling task is cancelled: the exchange in progress fails
/// as cancelled and the connection is closed (its state is unknown).
struct CancelExchangeEvent: Sendable {}
