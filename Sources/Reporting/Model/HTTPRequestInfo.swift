/// An HTTP request as a report shows it (secrets redacted).
public struct HTTPRequestInfo: Sendable, Codable, Hashable {
    public var method: String
    public var url: String
    public var headers: [HeaderInfo]

    public init(method: String, url: String, headers: [HeaderInfo]) {
        self.method = method
        self.url = url
        self.headers = headers
    }
}
