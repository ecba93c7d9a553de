import AlibabaCloud
import Foundation
import VOD

/// The emulator's request pipeline, in the order the real endpoint works:
///
/// 1. decode the request; route (`/`, `Action`, `Version`) → `InvalidApi.NotFound`;
/// 2. gateway faults: latency, `dropBeforeProcessing`, `serviceUnavailable`;
/// 3. authentication: signature (``AlibabaCloud/SignatureVerifier``), clock skew (±15 min), STS token,
///    nonce reuse;
/// 4. flow control fault: `throttling`;
/// 5. `MissingWorkflowId`; RAM authorization (`Forbidden.RAM` with `AccessDeniedDetail`); workflow
///    existence;
/// 6. the job is recorded durably; then `dropAfterProcessing` / `internalError` faults, or success.
struct RequestProcessor: Sendable {
    static let jobsPath = "/_emulator/jobs"

    let configuration: EmulatorConfiguration
    let authorizers: [String: CallerAuthorizer]
    let workflows: Set<String>
    let state: EmulatorState
    let clock: EmulatorClock
    let maximumClockSkew: TimeInterval?
    let log: EmulatorLog

    init(configuration: EmulatorConfiguration, state: EmulatorState, clock: EmulatorClock,
         maximumClockSkew: TimeInterval?, log: EmulatorLog) {
        self.configuration = configuration
        var authorizers: [String: CallerAuthorizer] = [:]
        for identity in configuration.identities where authorizers[identity.accessKeyId] == nil {
            authorizers[identity.accessKeyId] = CallerAuthorizer(identity: identity)
        }
        self.authorizers = authorizers
        self.workflows = Set(configuration.workflows)
        self.state = state
        self.clock = clock
        self.maximumClockSkew = maximumClockSkew
        self.log = log
    }

    func process(_ incoming: IncomingRequest) async -> ProcessingOutcome {
        let requestId = Identifiers.requestId()
        var entry = RequestLogEntry(requestId: requestId)
        let outcome: ProcessingOutcome
        if incoming.rawPath == Self.jobsPath {
            outcome = await jobsEndpoint(incoming, requestId: requestId)
            entry.note = "emulator-jobs-endpoint"
        } else {
            outcome = await submit(incoming, requestId: requestId, entry: &entry)
        }
        switch outcome {
        case .respond(let response):
            entry.result = String(response.status)
        case .dropConnection:
            entry.result = "connection-dropped"
        }
        log.write(entry.line(at: clock.date()))
        return outcome
    }

    // MARK: SubmitWorkflowJob

    private func submit(_ incoming: IncomingRequest, requestId: String, entry: inout RequestLogEntry) async -> ProcessingOutcome {
        let hostId = configuration.hostId
        var format = configuration.defaultFormat
        func fail(_ error: GatewayError) -> ProcessingOutcome {
            entry.code = error.code.code
            return .respond(error.render(format: format, requestId: requestId, hostId: hostId))
        }

        // 1. Decode and route.
        let request: SignableRequest
        do {
            request = try SignableRequest(method: incoming.method, requestTarget: incoming.target,
                                          headers: incoming.headers, body: incoming.body)
        } catch {
            return fail(GatewayError(.invalidParameter, message: "The request URL cannot be decoded: \(error)."))
        }
        let parameters = request.query + Self.formParameters(of: request)
        func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

        if let value = parameter("Format") {
            guard let parsed = ResponseFormat(parameterValue: value) else {
                return fail(GatewayError(.invalidParameter, message: "The specified parameter \"Format\" is not valid: use JSON or XML."))
            }
            format = parsed
        }
        let isV3 = request.headerValue(named: "authorization")?.hasPrefix(V3Signer.algorithm + " ") == true
        let claimedKey = isV3 ? Self.v3Credential(request) : parameter("AccessKeyId")
        entry.accessKeyId = claimedKey
        let workflowId = parameter(SubmitWorkflowJob.Parameter.workflowId)
        entry.workflowId = workflowId

        let method = HeaderName.uppercasedMethod(request.method)
        guard request.path == SubmitWorkflowJob.path, method == "POST" || method == "GET" else {
            return fail(GatewayError(.invalidApiNotFound))
        }
        let action = isV3 ? request.headerValue(named: "x-acs-action") : parameter("Action")
        let version = isV3 ? request.headerValue(named: "x-acs-version") : parameter("Version")
        guard let action, !action.isEmpty else { return fail(GatewayError(.missing("Action"))) }
        guard let version, !version.isEmpty else { return fail(GatewayError(.missing("Version"))) }
        guard action == SubmitWorkflowJob.action, version == VODAPI.version else {
            return fail(GatewayError(.invalidApiNotFound))
        }

        // 2. Gateway faults, before authentication.
        if let latency = await takeFault([.latency], workflowId: workflowId, accessKeyId: claimedKey) {
            try? await Task.sleep(nanoseconds: UInt64(latency.latencyMilliseconds) * 1_000_000)
        }
        if let fault = await takeFault([.dropBeforeProcessing, .serviceUnavailable], workflowId: workflowId, accessKeyId: claimedKey) {
            entry.note = "fault-\(fault.kind.rawValue)"
            if fault.kind == .dropBeforeProcessing { return .dropConnection }
            return fail(GatewayError(.serviceUnavailable))
        }

        // 3. Authentication.
        let verified: VerifiedSignature
        do {
            verified = try SignatureVerifier().verify(request) { [authorizers] id in
                authorizers[id]?.identity.accessKeySecret
            }
        } catch {
            entry.scheme = error.scheme?.rawValue
            return fail(Self.gatewayError(for: error))
        }
        entry.scheme = verified.scheme.rawValue
        entry.accessKeyId = verified.accessKeyId
        guard let caller = authorizers[verified.accessKeyId] else {
            return fail(GatewayError(.invalidAccessKeyIdNotFound))
        }
        let now = clock.date()
        if let maximumClockSkew, abs(now.timeIntervalSince(verified.date)) > maximumClockSkew {
            return fail(GatewayError(.invalidTimeStampExpired))
        }
        if let tokenError = Self.checkToken(verified.securityToken, identity: caller.identity, now: now) {
            return fail(tokenError)
        }
        guard await state.useNonce(verified.nonce, accessKeyId: verified.accessKeyId, requestDate: verified.date,
                                   now: now, maximumSkew: maximumClockSkew) else {
            return fail(GatewayError(.signatureNonceUsed))
        }

        // 4. Flow control.
        if let fault = await takeFault([.throttling], workflowId: workflowId, accessKeyId: verified.accessKeyId) {
            entry.note = "fault-throttling"
            var error = GatewayError(.throttlingUser)
            if let retryAfter = fault.retryAfterMilliseconds {
                error.headers.append(("x-acs-retry-after", String(retryAfter)))
            }
            return fail(error)
        }

        // 5. Parameters and authorization.
        guard let workflowId, !workflowId.isEmpty else {
            return fail(GatewayError(.missingWorkflowId))
        }
        if let denial = caller.authorize(sourceIp: incoming.peerAddress, now: now) {
            entry.note = "\(denial.detail.policyType ?? "-"):\(denial.detail.noPermissionType ?? "-")"
            return fail(GatewayError(.forbiddenRAM, accessDeniedDetail: denial.detail))
        }
        guard workflows.contains(workflowId) else {
            return fail(GatewayError(.invalidWorkflowNotFound))
        }

        // 6. Record, then answer (or fail after processing).
        let fault = await takeFault([.dropAfterProcessing, .internalError], workflowId: workflowId, accessKeyId: verified.accessKeyId)
        let job = RecordedJob(
            taskId: Identifiers.taskId(), requestId: requestId, workflowId: workflowId,
            mediaId: parameter(SubmitWorkflowJob.Parameter.mediaId), accessKeyId: KeyMasking.mask(verified.accessKeyId),
            signatureScheme: verified.scheme.rawValue, acceptedAt: SigningTimestamp.string(from: now),
            injectedFault: fault?.kind.rawValue)
        do {
            try await state.record(job)
        } catch {
            entry.note = "journal-write-failed"
            log.write("vod-emulator: RequestId=\(requestId) cannot record the job: \(error)")
            return fail(GatewayError(.internalError))
        }
        entry.taskId = job.taskId
        if let fault {
            entry.note = "fault-\(fault.kind.rawValue)"
            if fault.kind == .dropAfterProcessing { return .dropConnection }
            return fail(GatewayError(.internalError))
        }
        return .respond(ResponseRenderer.success(SubmitWorkflowJobResponse(requestId: requestId, taskId: job.taskId), format: format))
    }

    /// ``EmulatorState/takeFault(_:workflowId:accessKeyId:)``, without the actor hop when no fault is configured.
    private func takeFault(_ kinds: Set<FaultRule.Kind>, workflowId: String?, accessKeyId: String?) async -> FaultRule? {
        guard state.hasFaults else { return nil }
        return await state.takeFault(kinds, workflowId: workflowId, accessKeyId: accessKeyId)
    }

    // MARK: The local jobs endpoint

    private func jobsEndpoint(_ incoming: IncomingRequest, requestId: String) async -> ProcessingOutcome {
        guard Self.isLoopback(incoming.peerAddress) else {
            return .respond(EmulatorResponse(status: 403, headers: [("Content-Type", "text/plain;charset=utf-8")],
                                             body: Array("the jobs endpoint answers loopback clients only\n".utf8)))
        }
        guard incoming.method.uppercased() == "GET" else {
            return .respond(EmulatorResponse(status: 405, headers: [("Allow", "GET"), ("Content-Type", "text/plain;charset=utf-8")],
                                             body: Array("use GET\n".utf8)))
        }
        struct Listing: Encodable {
            var count: Int
            var jobs: [RecordedJob]
        }
        let jobs = await state.jobs
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(Listing(count: jobs.count, jobs: jobs))).map { [UInt8]($0) } ?? Array("{}".utf8)
        return .respond(EmulatorResponse(status: 200, headers: [("Content-Type", ResponseFormat.json.contentType),
                                                                ("x-acs-request-id", requestId)], body: body))
    }

    // MARK: Helpers

    /// The gateway's answer to a signature that did not verify.
    static func gatewayError(for error: SignatureVerificationError) -> GatewayError {
        switch error.code {
        case .unknownAccessKeyId:
            return GatewayError(.invalidAccessKeyIdNotFound)
        case .signatureMismatch:
            // Like the real gateway, echo the server's string-to-sign so the client can compare it with its
            // own (reference §5.3). It never contains the secret; for V1 STS it does contain the token,
            // which is why clients must scrub this message before logging it.
            var message = AlibabaErrorCode.signatureDoesNotMatch.message
            if let stringToSign = error.serverStringToSign {
                message += " server string to sign is:" + stringToSign
            }
            return GatewayError(.signatureDoesNotMatch, message: message)
        case .contentHashMismatch:
            return GatewayError(.signatureDoesNotMatch,
                                message: AlibabaErrorCode.signatureDoesNotMatch.message + " " + error.message)
        case .invalidTimestamp:
            return GatewayError(.invalidTimeStampFormat)
        case .incompleteSignature:
            return GatewayError(.incompleteSignature, message: AlibabaErrorCode.incompleteSignature.message + " " + error.message)
        case .missingParameter:
            return GatewayError(.missingParameter, message: error.message)
        default:
            let code = AlibabaErrorCode.named(error.gatewayCode)
                ?? AlibabaErrorCode(code: error.gatewayCode, httpStatus: 400, message: error.message, source: "SignatureVerifier")
            return GatewayError(code, message: error.message)
        }
    }

    /// The STS checks: a token is required exactly when the identity has one, must be that token, and
    /// must not have expired.
    static func checkToken(_ sent: String?, identity: EmulatorIdentity, now: Date) -> GatewayError? {
        switch (identity.securityToken, sent) {
        case (nil, nil):
            return nil
        case (nil, .some):
            return GatewayError(.invalidSecurityTokenMismatchWithAccessKey)
        case (.some, nil):
            return GatewayError(.missingSecurityToken)
        case (.some(let expected), .some(let actual)):
            guard constantTimeEqual(expected, actual) else {
                return GatewayError(.invalidSecurityTokenMismatchWithAccessKey)
            }
            if let expiration = identity.securityTokenExpiration, expiration <= now {
                return GatewayError(.invalidSecurityTokenExpired)
            }
            return nil
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    /// `Credential=<id>` from a V3 `Authorization` header (unverified: for fault matching and logs). Split on
    /// the byte `,` rather than on `Character`s (grapheme breaking a 200-byte header per request was costly).
    static func v3Credential(_ request: SignableRequest) -> String? {
        guard let authorization = request.headerValue(named: "authorization") else { return nil }
        let fields = authorization.utf8.dropFirst(V3Signer.algorithm.utf8.count + 1)
        for part in ASCIISplit.pieces(of: Substring(fields), separator: UInt8(ascii: ",")) {
            let trimmed = part.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if trimmed.starts(with: "Credential=".utf8) {
                var value = trimmed.dropFirst("Credential=".utf8.count)
                while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value = value.dropLast() }
                return String(Substring(value))
            }
        }
        return nil
    }

    /// Parameters of an `application/x-www-form-urlencoded` body, which RPC requests may use.
    static func formParameters(of request: SignableRequest) -> [SignableRequest.Parameter] {
        guard !request.body.isEmpty,
              let contentType = request.headerValue(named: "content-type"),
              contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        else { return [] }
        return (try? PercentEncoding.decodeForm(String(decoding: request.body, as: UTF8.self))) ?? []
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
