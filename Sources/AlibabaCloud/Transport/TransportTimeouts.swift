/// How long a transport waits: to establish the connection, and for the answer once the request is sent.
///
/// The defaults are the official SDKs': connect 5 s, read 10 s (`darabonba/core.py`
/// `DEFAULT_CONNECT_TIMEOUT`/`DEFAULT_READ_TIMEOUT`, the legacy core SDK, and the Go SDK; reference §6).
public struct TransportTimeouts: Sendable, Hashable, CustomStringConvertible {
    /// Seconds allowed to open the connection (TCP and TLS).
    public var connect: Double
    /// Seconds allowed between sending the request and each chunk of the answer.
    public var read: Double

    public init(connect: Double = TransportTimeouts.sdkDefault.connect, read: Double = TransportTimeouts.sdkDefault.read) {
        self.connect = connect
        self.read = read
    }

    /// Connect 5 s, read 10 s.
    public static let sdkDefault = TransportTimeouts(connectSeconds: 5, readSeconds: 10)

    /// The ECS metadata service: 1 s each (reference §7.5).
    public static let metadataService = TransportTimeouts(connectSeconds: 1, readSeconds: 1)

    private init(connectSeconds: Double, readSeconds: Double) {
        self.connect = connectSeconds
        self.read = readSeconds
    }

    /// The longest one request can take: connect plus read.
    public var total: Double { connect + read }

    public var description: String { "connect \(Self.format(connect)) s, read \(Self.format(read)) s" }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
