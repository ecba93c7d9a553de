import AlibabaCloud
import AlibabaCloudURLSession
import Foundation
import Testing

/// The URLSession transport over real loopback sockets: what each failure is classified as decides
/// whether a non-idempotent call may be retried.
@Suite("URLSessionTransport")
struct URLSessionTransportTests {
    static let timeouts = TransportTimeouts(connect: 1, read: 1)

    static func request(_ url: String) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url + "/?WorkflowId=34d577eade633860bdf1237a2b1f8c9e",
                    headers: [SignableRequest.Header("host", "ignored"), SignableRequest.Header("x-acs-action", "SubmitWorkflowJob")])
    }

    @Test("a complete answer: status, headers, body; POST with an empty body, no Content-Type added")
    func response() async throws {
        let body = #"{"RequestId":"R-1","TaskId":""}"#
        let server = try LoopbackServer(.respond("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-acs-request-id: R-1\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body))
        defer { server.stop() }
        let response = try await URLSessionTransport().send(Self.request(server.url), timeouts: Self.timeouts)
        #expect(response.status == 200)
        #expect(response.requestIdHeader == "R-1")
        #expect(response.date == Date(timeIntervalSince1970: 784_111_777))
        #expect(ResponseFields(body: response.body)?.value("taskid") == "")
        let head = try #require(server.received.first)
        #expect(head.hasPrefix("POST /?WorkflowId=34d577eade633860bdf1237a2b1f8c9e HTTP/1.1\r\n"))
        #expect(head.lowercased().contains("host: 127.0.0.1:\(server.port)"))
        #expect(!head.lowercased().contains("content-type"))
        #expect(head.lowercased().contains("x-acs-action: submitworkflowjob"), "header names are case-insensitive; URLSession capitalises them")
    }

    @Test("a redirect is returned, not followed")
    func noRedirect() async throws {
        let server = try LoopbackServer(.respond("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/elsewhere\r\nContent-Length: 0\r\n\r\n"))
        defer { server.stop() }
        let response = try await URLSessionTransport().send(Self.request(server.url), timeouts: Self.timeouts)
        #expect(response.status == 302)
        #expect(server.received.count == 1)
    }

    @Test("connection refused: certainly not sent")
    func refused() async throws {
        let server = try LoopbackServer(.drop)
        let url = server.url
        server.stop()
        await #expect {
            _ = try await URLSessionTransport().send(Self.request(url), timeouts: Self.timeouts)
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.kind == .connectionFailed && error.kind.requestCertainlyNotSent
        }
    }

    @Test("closed after the request was read: may have been processed", arguments: [LoopbackServer.Behaviour.drop, .garbage])
    func closedAfterSending(_ behaviour: LoopbackServer.Behaviour) async throws {
        let server = try LoopbackServer(behaviour)
        defer { server.stop() }
        do {
            _ = try await URLSessionTransport().send(Self.request(server.url), timeouts: Self.timeouts)
            Issue.record("expected a transport error")
        } catch {
            #expect(!error.kind.requestCertainlyNotSent, "\(error)")
            #expect(AttemptClassifier().classify(error).label == "unknown")
        }
        #expect(server.received.count == 1, "the request reached the server exactly once")
    }

    @Test("no answer within the read timeout: timed out, outcome unknown")
    func timeout() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let started = Date()
        do {
            _ = try await URLSessionTransport().send(Self.request(server.url), timeouts: TransportTimeouts(connect: 1, read: 0.3))
            Issue.record("expected a timeout")
        } catch {
            #expect(error.kind == .timedOut)
            #expect(!error.kind.requestCertainlyNotSent)
        }
        // 0.3 s is rounded up to the whole second FoundationNetworking can honour (never down to 0). No
        // tight upper bound: on a loaded machine resuming the test itself can take a while.
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.9, "\(elapsed)")
    }

    @Test("a URL that cannot be used is refused before anything is sent")
    func invalidURL() async throws {
        await #expect {
            _ = try await URLSessionTransport().send(HTTPRequest(method: "POST", url: "ftp://example.com/", headers: []), timeouts: Self.timeouts)
        } throws: { error in
            (error as? TransportError)?.kind == .invalidRequest
        }
    }
}
