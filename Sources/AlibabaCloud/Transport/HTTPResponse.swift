import Foundation

/// A complete HTTP response: status, headers, body.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header lines as received (names in the case the transport reports them).
    public var headers: [SignableRequest.Header]
    public var body: [UInt8]

    public init(status: Int, headers: [SignableRequest.Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func headerValue(named name: String) -> String? {
        let lowered = HeaderName.lowercased(name)
        return headers.first { HeaderName.matches($0.name, lowercased: lowered) }?.value
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// `x-acs-request-id`, which the gateway sets on every answer.
    public var requestIdHeader: String? { headerValue(named: "x-acs-request-id") }

    /// `x-acs-retry-after` in milliseconds (the tea SDK's reading, reference §5.1), when positive.
    public var retryAfterMilliseconds: Int? {
        guard let text = headerValue(named: "x-acs-retry-after")?.trimmingCharacters(in: .whitespaces),
              let value = Int(text), value > 0
        else { return nil }
        return value
    }

    /// The `Date` header as an instant, when present and in the IMF-fixdate form (RFC 9110).
    public var date: Date? {
        headerValue(named: "date").flatMap(HTTPDate.parse)
    }
}
