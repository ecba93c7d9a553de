import AlibabaCloud
@testable import AlibabaCloudHTTPClient
import Testing

/// The URL of an ``HTTPRequest`` is split into where to connect and the request line's target without
/// decoding anything (the signature covers the query's percent-encoding byte for byte), and a URL that
/// could split the request line or hide a user name is refused before anything is sent.
@Suite("HTTPTarget")
struct HTTPTargetTests {
    static func parse(_ url: String) throws(TransportError) -> HTTPTarget {
        try HTTPTarget(parsing: url, redacted: url)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var secure: Bool
        var host: String
        var port: Int
        var authority: String
        var target: String
        var isIPAddress: Bool
        var testDescription: String { url }
    }

    static let cases: [Case] = [
        Case(url: "http://127.0.0.1:8080/?A=a%20b%2Fc&B=%2A", secure: false, host: "127.0.0.1", port: 8080,
             authority: "127.0.0.1:8080", target: "/?A=a%20b%2Fc&B=%2A", isIPAddress: true),
        Case(url: "https://vod.cn-shanghai.aliyuncs.com/?Action=X", secure: true, host: "vod.cn-shanghai.aliyuncs.com", port: 443,
             authority: "vod.cn-shanghai.aliyuncs.com", target: "/?Action=X", isIPAddress: false),
        Case(url: "HTTP://Example.com", secure: false, host: "Example.com", port: 80, authority: "Example.com", target: "/", isIPAddress: false),
        Case(url: "http://example.com?x=1", secure: false, host: "example.com", port: 80, authority: "example.com", target: "/?x=1",
             isIPAddress: false),
        Case(url: "http://[::1]:9000/a/b", secure: false, host: "::1", port: 9000, authority: "[::1]:9000", target: "/a/b", isIPAddress: true),
        Case(url: "https://example.com:8443/p#fragment", secure: true, host: "example.com", port: 8443, authority: "example.com:8443",
             target: "/p", isIPAddress: false),
    ]

    @Test("scheme, host, port, authority and target as written", arguments: cases)
    func parses(_ expected: Case) throws {
        let parsed = try Self.parse(expected.url)
        #expect(parsed.origin.secure == expected.secure)
        #expect(parsed.origin.host == expected.host)
        #expect(parsed.origin.port == expected.port)
        #expect(parsed.origin.authority == expected.authority)
        #expect(parsed.origin.isIPAddress == expected.isIPAddress)
        #expect(parsed.requestTarget == expected.target)
    }

    @Test("refused before anything is sent",
          arguments: ["ftp://example.com/", "http://", "not a url", "http:/example.com/", "http://user:pw@example.com/",
                      "http://example.com/a b", "http://example.com/?a=1\r\nX-Injected: 1", "http://example.com:0/",
                      "http://example.com:65536/", "http://example.com:80a/", "http://[::1/", "http://:80/"])
    func refuses(_ url: String) {
        #expect {
            _ = try Self.parse(url)
        } throws: { error in
            (error as? TransportError)?.kind == .invalidRequest
        }
    }

    @Test("the error shows the redacted URL, not the one given")
    func redactedInError() {
        do {
            _ = try HTTPTarget(parsing: "http://example.com/?Signature=abc def", redacted: "http://example.com/?Signature=<redacted>")
            Issue.record("expected a refusal")
        } catch {
            #expect(!"\(error)".contains("abc"))
            #expect("\(error)".contains("<redacted>"))
        }
    }
}
