import AlibabaCloud
import Foundation
import Testing

/// The attempt loop with a scripted transport: fresh preparation per attempt, journal hooks, retries only
/// for what certainly was not processed.
@Suite("RetryingSender")
struct RetryingSenderTests {
    /// Answers from a script, in order; records what it was sent.
    final class Scripted: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var script: [Result<HTTPResponse, TransportError>]
        private var sentRequests: [HTTPRequest] = []

        init(_ script: [Result<HTTPResponse, TransportError>]) { self.script = script }

        func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
            try next(request).get()
        }

        private func next(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
            lock.lock(); defer { lock.unlock() }
            sentRequests.append(request)
            return script.isEmpty ? .failure(TransportError(kind: .other, message: "script exhausted")) : script.removeFirst()
        }

        var sent: [HTTPRequest] { lock.lock(); defer { lock.unlock() }; return sentRequests }
    }

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String] = []
        func add(_ event: String) { lock.lock(); storage.append(event); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return storage }
    }

    static let ok = HTTPResponse(status: 200, body: Array(#"{"RequestId":"R","TaskId":"T"}"#.utf8))
    static func error(_ status: Int, _ code: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(#"{"RequestId":"R-\#(code)","Code":"\#(code)","Message":"m"}"#.utf8))
    }

    func run(_ script: [Result<HTTPResponse, TransportError>], events: Events = Events(),
             willSend: @escaping @Sendable (Int, HTTPRequest) async throws -> Void = { _, _ in }) async throws -> (RetryingSender.Outcome, Scripted, Events) {
        let transport = Scripted(script)
        let sender = RetryingSender(transport: transport, sleeper: { events.add("sleep \($0)") }, random: { 0 })
        let outcome = try await sender.send(
            prepare: { attempt in
                events.add("prepare \(attempt)")
                return .init(request: HTTPRequest(method: "POST", url: "https://vod.example.com/?n=\(attempt)", headers: []))
            },
            willSend: { attempt, request in
                events.add("intent \(attempt)")
                try await willSend(attempt, request)
            },
            didFinish: { events.add("outcome \($0.number) \($0.verdict.label)") })
        return (outcome, transport, events)
    }

    @Test("throttled then accepted: two attempts, each prepared afresh, one wait")
    func throttledThenOK() async throws {
        let (outcome, transport, events) = try await run([.success(Self.error(400, "Throttling.User")), .success(Self.ok)])
        #expect(outcome.verdict.label == "success")
        #expect(transport.sent.map(\.url) == ["https://vod.example.com/?n=1", "https://vod.example.com/?n=2"])
        #expect(events.all == ["prepare 1", "intent 1", "outcome 1 retryable", "sleep 0.1 seconds", "prepare 2", "intent 2", "outcome 2 success"])
    }

    @Test("never retried after an unknown outcome", arguments: [
        Result<HTTPResponse, TransportError>.failure(TransportError(kind: .timedOut, message: "t")),
        .failure(TransportError(kind: .connectionLost, message: "l")),
        .success(RetryingSenderTests.error(500, "InternalError")),
        .success(RetryingSenderTests.error(502, "BadGateway")),
    ])
    func unknownNotRetried(_ first: Result<HTTPResponse, TransportError>) async throws {
        let (outcome, transport, _) = try await run([first, .success(Self.ok)])
        #expect(outcome.verdict.label == "unknown")
        #expect(transport.sent.count == 1)
    }

    @Test("the retry budget: three attempts in all")
    func budget() async throws {
        let refused = Result<HTTPResponse, TransportError>.failure(TransportError(kind: .connectionFailed, message: "r"))
        let (outcome, transport, events) = try await run([refused, refused, refused, .success(Self.ok)])
        #expect(transport.sent.count == 3)
        #expect(outcome.exhaustedRetries)
        #expect(outcome.attempts.map { $0.delayBeforeNext != nil } == [true, true, false])
        #expect(events.all.filter { $0.hasPrefix("sleep") }.count == 2)
    }

    @Test("if recording the intent fails, nothing is sent")
    func intentFailure() async throws {
        struct JournalDown: Error {}
        await #expect(throws: JournalDown.self) {
            _ = try await run([.success(Self.ok)], willSend: { _, _ in throw JournalDown() })
        }
    }

    @Test("the attempt's own secrets are scrubbed from the answer")
    func scrubsAttemptSecrets() async throws {
        let signature = "0123456789abcdef0123456789abcdef"
        let transport = Scripted([.success(HTTPResponse(status: 400, body: Array(#"{"Code":"SignatureDoesNotMatch","Message":"sig \#(signature) bad"}"#.utf8)))])
        let sender = RetryingSender(transport: transport, sleeper: { _ in })
        let outcome = try await sender.send(prepare: { _ in
            .init(request: HTTPRequest(method: "POST", url: "https://vod.example.com/", headers: []), secrets: [signature])
        })
        guard case .rejected(let error) = outcome.verdict else {
            Issue.record("expected rejected, got \(outcome.verdict)")
            return
        }
        #expect(error.message == "sig <redacted> bad")
    }
}
