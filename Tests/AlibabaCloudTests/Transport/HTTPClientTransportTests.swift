import AlibabaCloud
import AlibabaCloudHTTPClient
import Foundation
import Testing

/// The SwiftNIO transport over real loopback sockets: what each failure is classified as decides
/// whether a non-idempotent call may be retried, and a pooled connection must never make a request go out
/// twice.
@Suite("HTTPClientTransport")
struct HTTPClientTransportTests {
    static let timeouts = TransportTimeouts(connect: 1, read: 1)

    static func request(_ url: String) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url + "/?WorkflowId=34d577eade633860bdf1237a2b1f8c9e&Name=a%20b%2Fc",
                    headers: [SignableRequest.Header("host", "ignored"), SignableRequest.Header("x-acs-action", "SubmitWorkflowJob")])
    }

    static func ok(_ body: String = #"{"RequestId":"R-1","TaskId":""}"#, extra: String = "") -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-acs-request-id: R-1\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    @Test("a complete answer: status, headers, body; the target is sent as encoded; POST with an empty body: Content-Length 0, no Content-Type added")
    func response() async throws {
        let server = try LoopbackServer(.respond(Self.ok()))
        defer { server.stop() }
        let response = try await HTTPClientTransport().send(Self.request(server.url), timeouts: Self.timeouts)
        #expect(response.status == 200)
        #expect(response.requestIdHeader == "R-1")
        #expect(response.date == Date(timeIntervalSince1970: 784_111_777))
        #expect(ResponseFields(body: response.body)?.value("taskid") == "")
        let head = try #require(server.received.first)
        #expect(head.hasPrefix("POST /?WorkflowId=34d577eade633860bdf1237a2b1f8c9e&Name=a%20b%2Fc HTTP/1.1\r\n"),
                "the percent-encoding the signature covers is kept byte for byte")
        #expect(head.lowercased().contains("host: 127.0.0.1:\(server.port)"))
        #expect(!head.lowercased().contains("host: ignored"))
        #expect(!head.lowercased().contains("content-type"))
        #expect(head.lowercased().contains("content-length: 0\r\n"))
        #expect(head.lowercased().contains("x-acs-action: submitworkflowjob"))
    }

    @Test("a redirect is returned, not followed")
    func noRedirect() async throws {
        let server = try LoopbackServer(.respond("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n"))
        defer { server.stop() }
        let response = try await HTTPClientTransport().send(Self.request(server.url), timeouts: Self.timeouts)
        #expect(response.status == 302)
        #expect(response.headerValue(named: "location") == "http://127.0.0.1:1/elsewhere")
        #expect(server.received.count == 1)
    }

    @Test("connection refused: certainly not sent, reported at once (the connect is not retried until the deadline)")
    func refused() async throws {
        let server = try LoopbackServer(.drop)
        let url = server.url
        server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        do {
            _ = try await HTTPClientTransport().send(Self.request(url), timeouts: TransportTimeouts(connect: 5, read: 5))
            Issue.record("expected a transport error")
        } catch {
            #expect(error.kind == .connectionFailed, "\(error)")
            #expect(error.kind.requestCertainlyNotSent)
            #expect(AttemptClassifier().classify(error).isRetryable)
        }
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("closed after the request was read: may have been processed", arguments: [LoopbackServer.Behaviour.drop, .garbage])
    func closedAfterSending(_ behaviour: LoopbackServer.Behaviour) async throws {
        let server = try LoopbackServer(behaviour)
        defer { server.stop() }
        do {
            _ = try await HTTPClientTransport().send(Self.request(server.url), timeouts: Self.timeouts)
            Issue.record("expected a transport error")
        } catch {
            #expect(!error.kind.requestCertainlyNotSent, "\(error)")
            #expect(AttemptClassifier().classify(error).label == "unknown")
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.received.count == 1, "the request reached the server exactly once")
    }

    @Test("no answer within the read timeout: timed out, outcome unknown, and the fraction of a second is honoured")
    func timeout() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let started = Date()
        do {
            _ = try await HTTPClientTransport().send(Self.request(server.url), timeouts: TransportTimeouts(connect: 1, read: 0.3))
            Issue.record("expected a timeout")
        } catch {
            #expect(error.kind == .timedOut, "\(error)")
            #expect(!error.kind.requestCertainlyNotSent)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.29, "\(elapsed)")
        #expect(server.received.count == 1)
    }

    @Test("a URL that cannot be used is refused before anything is sent", arguments: ["ftp://example.com/", "http://", "not a url"])
    func invalidURL(_ url: String) async throws {
        await #expect {
            _ = try await HTTPClientTransport().send(HTTPRequest(method: "POST", url: url, headers: []), timeouts: Self.timeouts)
        } throws: { error in
            (error as? TransportError)?.kind == .invalidRequest
        }
    }

    @Test("a header value with a line break is not sent and not echoed in the error (it could be a signature)")
    func invalidHeaderValue() async throws {
        let server = try LoopbackServer(.respond(Self.ok()))
        defer { server.stop() }
        let secret = "Signature=abc\r\nX-Injected: 1"
        do {
            _ = try await HTTPClientTransport().send(
                HTTPRequest(method: "POST", url: server.url + "/", headers: [SignableRequest.Header("Authorization", secret)]),
                timeouts: Self.timeouts)
            Issue.record("expected the request to be refused")
        } catch {
            #expect(error.kind == .invalidRequest, "\(error)")
            #expect(!"\(error)".contains("abc"))
        }
        #expect(server.received.isEmpty)
    }

    @Test("keep-alive: consecutive calls reuse one connection")
    func reusesConnections() async throws {
        let server = try LoopbackServer(.keepAlive(Self.ok()))
        defer { server.stop() }
        let transport = HTTPClientTransport()
        for _ in 0..<10 {
            #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
        }
        #expect(server.received.count == 10)
        // The connection is pooled before the answer is handed over, so this is 1 on an idle machine; a call
        // held up for longer than the idle timeout (4 s) on a loaded one takes a fresh connection, which is fine.
        #expect(server.connections <= 3, "\(server.connections) connections for 10 calls")
    }

    @Test("a pooled connection the server closed is not used again: the next call goes out once, on a new connection")
    func serverClosedIdleConnection() async throws {
        // The answer does not announce the close, so the client pools the connection; then the server closes it.
        let server = try LoopbackServer(.respond(Self.ok()))
        defer { server.stop() }
        let transport = HTTPClientTransport()
        #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
        #expect(server.received.count == 2)
        #expect(server.connections == 2)
    }

    @Test("a request lost on a reused connection is not re-sent by the transport: outcome unknown, received once")
    func noResendOnReusedConnection() async throws {
        // First request: answered with keep-alive. Second request, on the same pooled connection: read by the
        // server, which then closes without answering. A transport that re-sends on a fresh connection (as
        // libcurl does) would make the server see it twice. If this test's task is held up for longer than
        // the pool's idle timeout between the two calls (a loaded machine), the pool has closed the
        // connection and the second call takes a new one; that run still checks "received once" but not
        // the reuse path, so the scenario is repeated until reuse happened (it does at the first try on an
        // idle machine).
        var reused = false
        for _ in 0..<5 where !reused {
            let server = try LoopbackServer(.script([.keepAlive(Self.ok()), .drop, .respond(Self.ok())]))
            defer { server.stop() }
            let transport = HTTPClientTransport()
            #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
            try await Task.sleep(for: .milliseconds(100))  // the connection is back in the pool
            do {
                _ = try await transport.send(Self.request(server.url), timeouts: Self.timeouts)
                Issue.record("expected the dropped request to fail")
            } catch {
                #expect(error.kind == .connectionLost, "\(error)")
                #expect(AttemptClassifier().classify(error).label == "unknown")
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.received.count == 2, "the dropped request reached the server exactly once")
            reused = server.connections == 1
        }
        #expect(reused, "the second call never went out on the pooled connection")
    }

    @Test("concurrent calls: each answered, each request received exactly once")
    func concurrentCalls() async throws {
        // The server closes after each answer and says so (`Connection: close`), so the client never pools
        // those connections. (Closing *without* saying so is the stale-connection race the transport's
        // documentation describes: a request then handed to such a connection fails as connectionLost.)
        let server = try LoopbackServer(.respond(Self.ok(extra: "Connection: close\r\n")))
        defer { server.stop() }
        let transport = HTTPClientTransport()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await transport.send(Self.request(server.url), timeouts: TransportTimeouts(connect: 5, read: 5)).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 8))
        #expect(server.received.count == 8)
    }

    @Test("an answer announcing more than the size limit: bad response, outcome unknown, nothing read into memory")
    func tooLarge() async throws {
        let server = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Length: \(HTTPClientTransport.maximumResponseBytes + 1)\r\n\r\n{"))
        defer { server.stop() }
        do {
            _ = try await HTTPClientTransport().send(Self.request(server.url), timeouts: Self.timeouts)
            Issue.record("expected the answer to be refused")
        } catch {
            #expect(error.kind == .badResponse, "\(error)")
            #expect(!error.kind.requestCertainlyNotSent)
        }
        #expect(server.received.count == 1)
    }

    @Test("a call cancelled while waiting for its answer ends as cancelled (not as a timeout); the request went out once")
    func cancellation() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let task = Task {
            try await HTTPClientTransport().send(Self.request(server.url), timeouts: TransportTimeouts(connect: 60, read: 60))
        }
        // No time limits asserted: in the full suite, tests that wait for child processes can hold every
        // thread of the cooperative pool for tens of seconds.
        let started = ContinuousClock.now
        while server.received.isEmpty && ContinuousClock.now - started < .seconds(300) {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("expected the call to be cancelled")
        } catch let error as TransportError {
            #expect(error.kind == .cancelled, "\(error)")
        }
        #expect(server.received.count == 1)
    }

    @Test("https to a server that never completes the TLS handshake: the connect timeout covers it, certainly not sent")
    func tlsHandshakeTimeout() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let started = ContinuousClock.now
        do {
            _ = try await HTTPClientTransport().send(
                Self.request("https://127.0.0.1:\(server.port)"), timeouts: TransportTimeouts(connect: 0.5, read: 5))
            Issue.record("expected the handshake to time out")
        } catch {
            #expect(error.kind == .connectionFailed, "\(error)")
            #expect(error.kind.requestCertainlyNotSent)
        }
        // Without the connect timeout covering the handshake, this call would never end (no read timer runs
        // before the request is written). No upper bound is asserted: the full suite can starve the pool.
        #expect(ContinuousClock.now - started >= .milliseconds(490))
        // The server records whatever arrived once the client hangs up: TLS handshake bytes, never the request.
        #expect(!server.received.contains { $0.contains("HTTP/1.1") || $0.contains("WorkflowId") }, "no HTTP request reached the server")
    }

    @Test("a pooled connection idle past the idle timeout is not used again")
    func idleTimeout() async throws {
        let server = try LoopbackServer(.keepAlive(Self.ok()))
        defer { server.stop() }
        let transport = HTTPClientTransport()
        #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
        try await Task.sleep(for: .milliseconds(4_300))
        #expect(try await transport.send(Self.request(server.url), timeouts: Self.timeouts).status == 200)
        #expect(server.received.count == 2)
        #expect(server.connections == 2, "the idle connection was dropped after 4 s")
    }

    @Test("a header name that is not a token, or a value with a control character, is refused before connecting",
          arguments: [SignableRequest.Header("Bad Name", "v"), SignableRequest.Header("x-acs-a", "a\u{0}b"), SignableRequest.Header("", "v")])
    func invalidHeader(_ header: SignableRequest.Header) async throws {
        let server = try LoopbackServer(.respond(Self.ok()))
        defer { server.stop() }
        do {
            _ = try await HTTPClientTransport().send(HTTPRequest(method: "POST", url: server.url + "/", headers: [header]), timeouts: Self.timeouts)
            Issue.record("expected the request to be refused")
        } catch {
            #expect(error.kind == .invalidRequest, "\(error)")
        }
        #expect(server.connections == 0)
    }
}
