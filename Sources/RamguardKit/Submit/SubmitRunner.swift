import AlibabaCloud
import Foundation
import Preflight
import RAMPolicy
import Reporting
import VOD

/// `ramguard submit`: preflight → refuse when a blocking check fails → (`--dry-run`: print the exact
/// request, redacted, and stop) → signed `POST` with the parameters in the query, a fresh nonce per
/// attempt, retried only when certainly not processed → outcome, journal, report.
///
/// See ``SubmitOutcome`` for the outcomes and exit codes, and ``AttemptVerdict`` for what is retried.
public struct SubmitRunner: Sendable {
    public var planner: PreflightPlanner
    public var transport: any HTTPTransport
    public var retryPolicy: RetryPolicy
    /// Waits between attempts (tests inject a recorder).
    public var sleeper: @Sendable (Duration) async -> Void
    /// Jitter source, a value in `0..<1`.
    public var random: @Sendable () -> Double

    public init(
        planner: PreflightPlanner, transport: any HTTPTransport,
        retryPolicy: RetryPolicy = RetryPolicy(),
        sleeper: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.planner = planner
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.sleeper = sleeper
        self.random = random
    }

    /// The `User-Agent` ramguard sends (not signed; the gateway does not require it).
    public static var userAgent: String { "ramguard/\(RamguardVersion.current) (Swift; AlibabaCloud OpenAPI)" }

    public func run(_ options: SubmitOptions) async throws(RamguardError) -> SubmitResult {
        let prepared = try await planner.prepare(options, forSubmit: true)
        let result: SubmitResult
        do {
            result = try await execute(prepared)
        } catch {
            await prepared.localEndpoint?.stop()
            throw error
        }
        await prepared.localEndpoint?.stop()
        return result
    }

    func execute(_ prepared: PreparedCall) async throws(RamguardError) -> SubmitResult {
        let options = prepared.options
        var report = PreflightReportBuilder.report(prepared, command: "submit")
        var submission = SubmissionInfo(
            endpoint: prepared.preflight.endpoint?.baseURL, signatureVersion: options.signatureVersion.rawValue,
            workflowId: options.workflowId, mediaId: options.mediaId,
            credential: prepared.preflight.credential.map {
                CredentialUseInfo(accessKeyId: $0.maskedAccessKeyId, kind: $0.kind.description, source: prepared.credentialSource ?? "the credential chain")
            },
            dryRun: options.dryRun, journal: options.journal, notes: prepared.notes, summary: "")

        // 1. Preflight.
        let invalidPolicies = prepared.loaded.map { !$0.isValid } ?? false
        guard prepared.preflight.mayProceed, let credential = prepared.preflight.credential, let endpoint = prepared.preflight.endpoint else {
            let code = PreflightRunner.exitCode(prepared.preflight, invalidPolicies: invalidPolicies)
            let outcome: SubmitOutcome = code == SubmitExitCode.denied ? .denied : .preflightFailed
            let failed = prepared.preflight.blockingFailures.map(\.id)
            submission.summary = outcome == .denied
                ? "The --policy files deny vod:SubmitWorkflowJob in the call's context, so nothing was sent."
                : "Nothing was sent: blocking preflight check\(failed.count == 1 ? "" : "s") failed (\(failed.joined(separator: ", ")))."
            return finish(&report, submission, outcome: outcome, exitCode: code)
        }

        // 2. Signing, fresh per attempt.
        let scheme = options.signatureVersion.scheme
        let base = prepared.request.signableRequest(host: endpoint.authority, scheme: scheme, format: .json)
        let prepare: @Sendable (Int) -> RetryingSender.PreparedAttempt = { _ in
            var unsigned = base
            unsigned.setHeader("User-Agent", Self.userAgent)
            switch scheme {
            case .v3:
                let signed = V3Signer().sign(unsigned, with: credential)
                return .init(request: HTTPRequest(signed.request, endpoint: endpoint), secrets: [signed.signature, signed.authorization])
            case .rpcV1:
                let signed = RPCV1Signer().sign(unsigned, with: credential)
                return .init(request: HTTPRequest(signed.request, endpoint: endpoint), secrets: [signed.signature])
            }
        }

        // 3. Dry run: the exact request, redacted; nothing sent.
        if options.dryRun {
            let request = prepare(1).request
            submission.httpRequest = HTTPRequestInfo(method: request.method, url: request.redactedURL,
                                                     headers: request.redactedHeaders.map { HeaderInfo(name: $0.name, value: $0.value) })
            submission.summary = "Preflight passed; this is the request that would be sent (a fresh nonce, date and signature are made when it is). Nothing was sent."
            return finish(&report, submission, outcome: .dryRun, exitCode: SubmitExitCode.success)
        }

        // 4. Send.
        let scrubber = SecretScrubber(credential: credential)
        let classifier = AttemptClassifier(parser: ServiceErrorParser(scrubber: scrubber)) { response in
            guard let fields = ResponseBodyFields(body: response.body) else { return false }
            return fields.value("TaskId") != nil
        }
        let timeouts = options.timeout.map { TransportTimeouts(connect: min(TransportTimeouts.sdkDefault.connect, $0), read: $0) } ?? .sdkDefault
        let sender = RetryingSender(transport: transport, timeouts: timeouts, policy: retryPolicy, classifier: classifier,
                                    sleeper: sleeper, random: random)
        let journal = prepared.journal
        let submissionId = UUID().uuidString.lowercased()
        let record = { @Sendable (type: JournalEntry.Kind, attempt: Int) -> JournalEntry in
            JournalEntry(type: type, submission: submissionId, attempt: attempt, time: Timestamp.rfc3339(),
                         workflowId: options.workflowId, mediaId: options.mediaId, endpoint: endpoint.baseURL,
                         signatureVersion: options.signatureVersion.rawValue, accessKeyId: credential.maskedAccessKeyId)
        }
        let journalFailure = JournalFailureBox()
        let outcome: RetryingSender.Outcome
        do {
            outcome = try await sender.send(
                prepare: prepare,
                willSend: { attempt, _ in
                    guard let journal else { return }
                    var entry = record(.intent, attempt)
                    entry.force = options.force ? true : nil
                    try journal.append(entry)
                },
                didFinish: { attempt in
                    guard let journal else { return }
                    var entry = record(.outcome, attempt.number)
                    Self.describe(attempt, into: &entry)
                    do {
                        try journal.append(entry)
                    } catch {
                        journalFailure.set(error)
                    }
                })
        } catch let error as RamguardError {
            throw error
        } catch {
            throw .unwritable(path: options.journal ?? "<journal>", reason: "\(error)")
        }

        // 5. Outcome.
        submission.attempts = outcome.attempts.map(Self.info)
        if let last = outcome.attempts.last(where: { $0.serverDate != nil }), let serverDate = last.serverDate {
            // The server stamped its Date somewhere between sending and receiving: compare with the midpoint.
            let local = last.startedAt.addingTimeInterval(Double(Self.milliseconds(last.elapsed)) / 2000)
            let check = Preflight.clockCheck(now: local, serverDate: serverDate, receivedAt: local)
            if let index = report.preflight?.firstIndex(where: { $0.id == check.id }) {
                report.preflight?[index] = PreflightReportBuilder.info(check)
            }
        }
        if let failure = journalFailure.error {
            submission.notes.append("The journal could not record the last outcome: \(failure). The intent is recorded, so a later submit will treat it as unknown.")
        }
        let attempts = outcome.attempts.count
        let retried = attempts > 1 ? " after \(attempts) attempts" : ""
        switch outcome.verdict {
        case .success(let response):
            let fields = ResponseBodyFields(body: response.body)
            report.requestId = fields?.value("RequestId").map(scrubber.scrub) ?? response.requestIdHeader
            report.taskId = fields?.value("TaskId").map(scrubber.scrub)
            submission.summary = "The service accepted the job\(retried)" + (report.taskId.map { $0.isEmpty ? " (it returned an empty TaskId)." : "; TaskId \($0)." } ?? ".")
            return finish(&report, submission, outcome: .submitted, exitCode: SubmitExitCode.success)
        case .denied(let error):
            report.requestId = error.requestId
            var info = Self.errorInfo(.service(error))
            info.accessDenied = DenialExplainer.explain(error, loaded: prepared.loaded, context: prepared.preflight.context)
            report.error = info
            submission.summary = "The service (RAM) denied the call; nothing was started."
            return finish(&report, submission, outcome: .denied, exitCode: SubmitExitCode.denied)
        case .rejected(let error):
            report.requestId = error.requestId
            report.error = Self.errorInfo(.service(error))
            submission.summary = "The service refused the call (\(error.code)); it was not processed, so it can be corrected and sent again."
            return finish(&report, submission, outcome: .apiError, exitCode: SubmitExitCode.apiError)
        case .notSent(let error):
            report.error = Self.errorInfo(.transport(error))
            submission.summary = "The request could not be sent (\(error.kind)); nothing reached the service."
            return finish(&report, submission, outcome: .apiError, exitCode: SubmitExitCode.apiError)
        case .retryable(let failure, _):
            report.requestId = failure.serviceError?.requestId
            report.error = Self.errorInfo(failure)
            submission.summary = "Every attempt failed before the service processed it (\(attempts) attempt\(attempts == 1 ? "" : "s"), last: \(Self.code(failure))); nothing was started. Try again later."
            return finish(&report, submission, outcome: .apiError, exitCode: SubmitExitCode.apiError)
        case .outcomeUnknown(let failure):
            report.requestId = failure.serviceError?.requestId
            report.error = Self.errorInfo(failure)
            let why: String
            switch failure {
            case .transport(let error) where error.kind == .timedOut:
                why = "no answer came within the timeout"
            case .transport(let error) where error.kind == .connectionLost:
                why = "the connection closed after the request was sent and before an answer came"
            case .transport(let error):
                why = "the transport failed after the request may have been sent (\(error.kind))"
            case .service(let error):
                why = "the service answered \(error.code) (HTTP \(error.httpStatus)), which can come after the job was started"
            }
            submission.summary = "Outcome unknown: \(why). SubmitWorkflowJob has no idempotency token, so it was not retried; check the workflow's tasks"
                + " (VOD console, or GetWorkflowTask) before submitting again" + (options.journal != nil ? " (the journal refuses a new submit of this workflow/media without --force)." : ".")
            return finish(&report, submission, outcome: .unknown, exitCode: SubmitExitCode.unknown)
        }
    }

    private func finish(_ report: inout Report, _ submission: SubmissionInfo, outcome: SubmitOutcome, exitCode: Int32) -> SubmitResult {
        report.outcome = outcome.rawValue
        report.submission = submission
        return SubmitResult(report: report, exitCode: exitCode, outcome: outcome)
    }

    // MARK: Mapping

    static func code(_ failure: AttemptFailure) -> String {
        switch failure {
        case .service(let error): error.code
        case .transport(let error): error.kind.description
        }
    }

    static func errorInfo(_ failure: AttemptFailure) -> SubmissionErrorInfo {
        switch failure {
        case .service(let error):
            return SubmissionErrorInfo(kind: "service", code: error.code, message: error.message, httpStatus: error.httpStatus,
                                       requestId: error.requestId, hostId: error.hostId, recommend: error.recommend)
        case .transport(let error):
            return SubmissionErrorInfo(kind: "transport", code: error.kind.description, message: error.message)
        }
    }

    static func failure(of verdict: AttemptVerdict) -> AttemptFailure? {
        switch verdict {
        case .success: nil
        case .retryable(let failure, _), .outcomeUnknown(let failure): failure
        case .notSent(let error): .transport(error)
        case .denied(let error), .rejected(let error): .service(error)
        }
    }

    static func info(_ attempt: RetryingSender.Attempt) -> AttemptInfo {
        let failure = failure(of: attempt.verdict)
        var requestId = failure?.serviceError?.requestId
        if case .success(let response) = attempt.verdict {
            requestId = ResponseFields(body: response.body)?.value("RequestId") ?? response.requestIdHeader
        }
        return AttemptInfo(
            number: attempt.number, result: attempt.verdict.label, httpStatus: attempt.httpStatus, code: failure.map(code),
            requestId: requestId, elapsedMilliseconds: milliseconds(attempt.elapsed),
            retryDelayMilliseconds: attempt.delayBeforeNext.map(milliseconds))
    }

    static func describe(_ attempt: RetryingSender.Attempt, into entry: inout JournalEntry) {
        entry.result = attempt.verdict.label
        entry.httpStatus = attempt.httpStatus
        let failure = failure(of: attempt.verdict)
        entry.code = failure.map(code)
        entry.requestId = failure?.serviceError?.requestId
        entry.message = failure.map {
            switch $0 {
            case .service(let error): error.message ?? error.code
            case .transport(let error): error.message
            }
        }
        if case .success(let response) = attempt.verdict {
            let fields = ResponseFields(body: response.body)
            entry.requestId = fields?.value("RequestId") ?? response.requestIdHeader
            entry.taskId = fields?.value("TaskId")
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}

/// Remembers a journal write that failed after an attempt (the send itself must go on to its outcome).
private final class JournalFailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func set(_ error: any Error) {
        lock.lock(); stored = error; lock.unlock()
    }

    var error: (any Error)? {
        lock.lock(); defer { lock.unlock() }
        return stored
    }
}
