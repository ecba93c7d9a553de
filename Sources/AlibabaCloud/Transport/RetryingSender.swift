import Foundation

/// Sends a call, retrying only what ``AttemptClassifier`` says certainly was not processed, under a
/// ``RetryPolicy``.
///
/// Every attempt is prepared afresh by the caller — signed with a new nonce and timestamp, as the
/// gateway requires (`SignatureNonceUsed`, ±15 minutes) — and announced through `willSend` *before* it
/// goes out, so that a journal can record the intent durably; `didFinish` reports how it ended. If
/// `willSend` throws, nothing is sent and the error propagates.
public struct RetryingSender: Sendable {
    /// One attempt's request plus the secrets it contains (its signature, …), which are added to the
    /// scrubber for whatever the server answers to it.
    public struct PreparedAttempt: Sendable {
        public var request: HTTPRequest
        public var secrets: [String]

        public init(request: HTTPRequest, secrets: [String] = []) {
            self.request = request
            self.secrets = secrets
        }
    }

    /// What became of one attempt.
    public struct Attempt: Sendable {
        /// 1-based.
        public var number: Int
        public var request: HTTPRequest
        public var verdict: AttemptVerdict
        /// The HTTP status, when an answer came.
        public var httpStatus: Int?
        /// The server's `Date` header, when an answer came with one.
        public var serverDate: Date?
        public var startedAt: Date
        public var elapsed: Duration
        /// The wait before the next attempt, when there is one.
        public var delayBeforeNext: Duration?
    }

    /// All attempts, the last one's verdict being the call's.
    public struct Outcome: Sendable {
        public var attempts: [Attempt]
        public var verdict: AttemptVerdict { attempts.last?.verdict ?? .outcomeUnknown(.transport(TransportError(kind: .other, message: "no attempt was made"))) }
        /// Whether the retry budget ran out on a retryable failure.
        public var exhaustedRetries: Bool { attempts.last?.verdict.isRetryable == true }
    }

    public var transport: any HTTPTransport
    public var timeouts: TransportTimeouts
    public var policy: RetryPolicy
    public var classifier: AttemptClassifier
    /// Waits between attempts; tests inject a recorder.
    public var sleeper: @Sendable (Duration) async -> Void
    /// A value in `0..<1` for the jitter.
    public var random: @Sendable () -> Double
    public var clock: @Sendable () -> Date

    public init(
        transport: any HTTPTransport,
        timeouts: TransportTimeouts = .sdkDefault,
        policy: RetryPolicy = RetryPolicy(),
        classifier: AttemptClassifier = AttemptClassifier(),
        sleeper: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.transport = transport
        self.timeouts = timeouts
        self.policy = policy
        self.classifier = classifier
        self.sleeper = sleeper
        self.random = random
        self.clock = clock
    }

    public func send(
        prepare: @Sendable (_ attempt: Int) -> PreparedAttempt,
        willSend: @Sendable (_ attempt: Int, _ request: HTTPRequest) async throws -> Void = { _, _ in },
        didFinish: @Sendable (_ attempt: Attempt) async -> Void = { _ in }
    ) async throws -> Outcome {
        var attempts: [Attempt] = []
        var number = 1
        while true {
            let prepared = prepare(number)
            try await willSend(number, prepared.request)
            let started = clock()
            let startInstant = ContinuousClock.now
            let result: Result<HTTPResponse, TransportError>
            do {
                result = .success(try await transport.send(prepared.request, timeouts: timeouts))
            } catch {
                result = .failure(error)
            }
            // An accepted 2xx puts no server text into the outcome, so it needs no scrubbing; only other
            // answers are classified with this attempt's secrets added to the scrubber (building that
            // scrubber sorts every secret, which was a third of the client's CPU per call).
            let verdict: AttemptVerdict
            if case .success(let response) = result, response.isSuccess, case .success = self.classifier.classify(response) {
                verdict = .success(response)
            } else {
                var classifier = self.classifier
                classifier.parser.scrubber = classifier.parser.scrubber.adding(prepared.secrets)
                verdict = classifier.classify(result)
            }
            let response = try? result.get()
            var attempt = Attempt(
                number: number, request: prepared.request, verdict: verdict, httpStatus: response?.status,
                serverDate: response?.date, startedAt: started, elapsed: ContinuousClock.now - startInstant, delayBeforeNext: nil)
            let retry = verdict.isRetryable && number < policy.maxAttempts && !Task.isCancelled
            if retry, case .retryable(_, let retryAfter) = verdict {
                attempt.delayBeforeNext = policy.delay(afterAttempt: number, retryAfterMilliseconds: retryAfter, random: random())
            }
            attempts.append(attempt)
            await didFinish(attempt)
            guard retry, let delay = attempt.delayBeforeNext else { break }
            await sleeper(delay)
            number += 1
        }
        return Outcome(attempts: attempts)
    }
}
