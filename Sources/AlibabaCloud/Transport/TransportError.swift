/// Why a transport got no HTTP response, classified by what it means for the request: was it certainly
/// not sent, or may the server have received (and acted on) it?
///
/// That distinction is the whole retry question for a call without an idempotency token such as
/// `SubmitWorkflowJob` (reference §6.5): only a request that provably never reached the server can be
/// sent again without risking a second job.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Hashable {
            case connectionFailed, hostNotFound, tlsFailed, invalidRequest, timedOut, connectionLost, badResponse, cancelled, other
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The connection could not be established (refused, unreachable): nothing was sent.
        public static let connectionFailed = Kind(.connectionFailed)
        /// The host name did not resolve: nothing was sent.
        public static let hostNotFound = Kind(.hostNotFound)
        /// The TLS handshake failed (e.g. an untrusted certificate). Application data only flows after the
        /// handshake, so nothing was sent; retrying would not help.
        public static let tlsFailed = Kind(.tlsFailed)
        /// The request could not even be formed (bad URL): nothing was sent.
        public static let invalidRequest = Kind(.invalidRequest)
        /// No answer in time. The request may have been sent and processed: the outcome is unknown. (A
        /// transport that knows the time ran out while *connecting* reports ``connectionFailed`` instead.)
        public static let timedOut = Kind(.timedOut)
        /// The connection closed before a complete answer: the request may have been processed.
        public static let connectionLost = Kind(.connectionLost)
        /// An answer came but could not be read as HTTP: the request was processed or not, unknowably.
        public static let badResponse = Kind(.badResponse)
        /// The call was cancelled while in flight.
        public static let cancelled = Kind(.cancelled)
        /// Anything else the transport reported; treated as possibly sent.
        public static let other = Kind(.other)

        public var description: String { base.rawValue }

        /// Whether the request certainly did not reach the server.
        public var requestCertainlyNotSent: Bool {
            switch base {
            case .connectionFailed, .hostNotFound, .tlsFailed, .invalidRequest: true
            default: false
            }
        }

        /// Whether trying again later can help (and is safe): the connection could not be established for
        /// a reason that may pass (refused, unreachable, DNS).
        public var isTransientConnectFailure: Bool {
            base == .connectionFailed || base == .hostNotFound
        }
    }

    public var kind: Kind
    /// What the transport said, e.g. `Could not connect to the server.` (never contains request data).
    public var message: String
    /// The underlying error, e.g. `IOError: Connection reset by peer (errno: 104)`, for diagnosis (never request data).
    public var underlying: String?

    public init(kind: Kind, message: String, underlying: String? = nil) {
        self.kind = kind
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        var text = "\(kind): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
