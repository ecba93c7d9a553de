import AlibabaCloud

/// A request as the emulator received it, independent of the HTTP server: the raw request target (so the
/// query is decoded exactly once, the way the gateway does), the header lines, the body and the TCP peer.
public struct IncomingRequest: Sendable, Hashable {
    public var method: String
    /// The raw target from the request line, e.g. `/?Action=…&Signature=…`.
    public var target: String
    public var headers: [SignableRequest.Header]
    public var body: [UInt8]
    /// The peer's IP address (`127.0.0.1`, `::1`), used for `acs:SourceIp`; never taken from a header.
    public var peerAddress: String?

    public init(method: String, target: String, headers: [SignableRequest.Header], body: [UInt8] = [], peerAddress: String?) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.peerAddress = peerAddress
    }

    /// The target's path, before any `?`, still percent-encoded.
    var rawPath: Substring {
        target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }
}
