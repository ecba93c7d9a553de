import AlibabaCloud
import Testing

@Suite("ServiceEndpoint")
struct ServiceEndpointTests {
    @Test("https is accepted for any host", arguments: [
        ("https://vod.cn-shanghai.aliyuncs.com", "vod.cn-shanghai.aliyuncs.com", "https://vod.cn-shanghai.aliyuncs.com"),
        ("https://vod.cn-shanghai.aliyuncs.com/", "vod.cn-shanghai.aliyuncs.com", "https://vod.cn-shanghai.aliyuncs.com"),
        ("HTTPS://VOD.example.com:8443", "vod.example.com:8443", "https://vod.example.com:8443"),
        ("https://vod.example.com:443", "vod.example.com", "https://vod.example.com"),
    ])
    func https(text: String, authority: String, base: String) throws {
        let endpoint = try ServiceEndpoint(parsing: text)
        #expect(endpoint.scheme == .https)
        #expect(endpoint.authority == authority)
        #expect(endpoint.baseURL == base)
        #expect(endpoint.isSecure)
    }

    @Test("plain http is accepted on loopback only", arguments: [
        ("http://127.0.0.1:54321", "127.0.0.1:54321"),
        ("http://127.1.2.3:80", "127.1.2.3"),
        ("http://localhost:8080", "localhost:8080"),
        ("http://[::1]:8080", "[::1]:8080"),
    ])
    func loopbackHTTP(text: String, authority: String) throws {
        let endpoint = try ServiceEndpoint(parsing: text)
        #expect(endpoint.scheme == .http)
        #expect(endpoint.authority == authority)
        #expect(!endpoint.isSecure)
        #expect(endpoint.isLoopback)
    }

    @Test("plain http to anything else is refused", arguments: [
        "http://example.com", "http://vod.cn-shanghai.aliyuncs.com", "http://10.0.0.1:8080", "http://128.0.0.1",
        "http://127.0.0.1.example.com", "http://[::2]:80", "http://0.0.0.0:80",
    ])
    func remoteHTTP(text: String) {
        #expect { try ServiceEndpoint(parsing: text) } throws: { error in
            (error as? EndpointError)?.kind == .insecureRemote
        }
    }

    @Test("malformed endpoints are refused with a reason", arguments: [
        "vod.cn-shanghai.aliyuncs.com", "ftp://127.0.0.1", "https://", "https://host/path", "https://host/?a=b",
        "https://user:pw@host", "https://host:0", "https://host:70000", "https://ho st", "https://[::1",
    ])
    func malformed(text: String) {
        #expect(throws: EndpointError.self) { try ServiceEndpoint(parsing: text) }
    }

    @Test("loopback detection")
    func loopback() {
        #expect(ServiceEndpoint.isLoopback("127.0.0.1"))
        #expect(ServiceEndpoint.isLoopback("127.255.255.254"))
        #expect(ServiceEndpoint.isLoopback("::1"))
        #expect(ServiceEndpoint.isLoopback("0:0:0:0:0:0:0:1"))
        #expect(ServiceEndpoint.isLoopback("LOCALHOST"))
        #expect(!ServiceEndpoint.isLoopback("127.0.0"))
        #expect(!ServiceEndpoint.isLoopback("1270.0.0.1"))
        #expect(!ServiceEndpoint.isLoopback("::"))
        #expect(!ServiceEndpoint.isLoopback("localhost.example.com"))
    }
}
