import AlibabaCloud
import AlibabaCloudHTTPClient
import Foundation
import RamguardKit
import Reporting

/// The unsigned SubmitWorkflowJob request exactly as `VOD.SubmitWorkflowJobRequest.signableRequest(host:scheme:format: .json)`
/// builds it (the VOD target is not a product of the main package, so it is rebuilt here):
/// `POST /`, parameters in the query, empty body; V3 adds `x-acs-action` / `x-acs-version`, V1 carries
/// `Action`, `Version`, `Format` as parameters.
func unsignedSubmitRequest(host: String, scheme: SignatureScheme, workflowId: String) -> SignableRequest {
    switch scheme {
    case .v3:
        return SignableRequest(
            method: "POST", host: host, path: "/",
            query: [SignableRequest.Parameter("WorkflowId", workflowId)],
            headers: [
                SignableRequest.Header("x-acs-action", "SubmitWorkflowJob"),
                SignableRequest.Header("x-acs-version", "2017-03-21"),
            ])
    case .rpcV1:
        return SignableRequest(
            method: "POST", host: host, path: "/",
            query: [
                SignableRequest.Parameter("Action", "SubmitWorkflowJob"),
                SignableRequest.Parameter("Version", "2017-03-21"),
                SignableRequest.Parameter("Format", "JSON"),
                SignableRequest.Parameter("WorkflowId", workflowId),
            ])
    }
}

/// What `ramguard submit` does per call once preflight has passed (SubmitRunner steps 2 and 4): a fresh
/// signature per attempt (V3Signer / RPCV1Signer, with ramguard's User-Agent), sent through
/// `RetryingSender` over `HTTPClientTransport` (pooled keep-alive connections), the answer classified with the same classifier
/// (a 2xx must carry a TaskId). No preflight, no journal, no report.
struct ClientPathDriver: Sendable {
    let endpoint: ServiceEndpoint
    let credential: Credential
    let scheme: SignatureScheme
    let base: SignableRequest
    let sender: RetryingSender

    init(endpoint: ServiceEndpoint, credential: Credential, scheme: SignatureScheme, workflowId: String) {
        self.endpoint = endpoint
        self.credential = credential
        self.scheme = scheme
        self.base = unsignedSubmitRequest(host: endpoint.authority, scheme: scheme, workflowId: workflowId)
        let scrubber = SecretScrubber(credential: credential)
        let classifier = AttemptClassifier(parser: ServiceErrorParser(scrubber: scrubber)) { response in
            guard let fields = ResponseBodyFields(body: response.body) else { return false }
            return fields.value("TaskId") != nil
        }
        self.sender = RetryingSender(transport: HTTPClientTransport(), timeouts: .sdkDefault, policy: RetryPolicy(),
                                     classifier: classifier)
    }

    func submit() async -> Submission {
        let base = self.base, credential = self.credential, endpoint = self.endpoint, scheme = self.scheme
        let prepare: @Sendable (Int) -> RetryingSender.PreparedAttempt = { _ in
            var unsigned = base
            unsigned.setHeader("User-Agent", SubmitRunner.userAgent)
            switch scheme {
            case .v3:
                let signed = V3Signer().sign(unsigned, with: credential)
                return .init(request: HTTPRequest(signed.request, endpoint: endpoint), secrets: [signed.signature, signed.authorization])
            case .rpcV1:
                let signed = RPCV1Signer().sign(unsigned, with: credential)
                return .init(request: HTTPRequest(signed.request, endpoint: endpoint), secrets: [signed.signature])
            }
        }
        do {
            let outcome = try await sender.send(prepare: prepare)
            if case .success(let response) = outcome.verdict {
                let taskId = ResponseBodyFields(body: response.body)?.value("TaskId")
                return Submission(taskId: taskId, failure: taskId == nil ? "no TaskId" : nil, attempts: outcome.attempts.count)
            }
            var label = outcome.verdict.label
            if let last = outcome.attempts.last {
                switch last.verdict {
                case .notSent(let error): label += ":\(error.kind)"
                case .retryable(let failure, _), .outcomeUnknown(let failure):
                    switch failure {
                    case .service(let error): label += ":\(error.code)"
                    case .transport(let error): label += ":\(error.kind)"
                    }
                case .denied(let error), .rejected(let error): label += ":\(error.code)"
                case .success: break
                }
            }
            return Submission(taskId: nil, failure: label, attempts: outcome.attempts.count)
        } catch {
            return Submission(taskId: nil, failure: "error: \(error)", attempts: 1)
        }
    }
}

/// A transport that never connects: the ECS metadata probe must not reach the network.
struct NoNetworkTransport: HTTPTransport {
    func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        throw TransportError(kind: .connectionFailed, message: "no network in the benchmark")
    }
}

/// The whole `ramguard submit` minus process start and argument parsing: `SubmitRunner.run` with
/// `--endpoint <emulator> --policy allow-submit.json`, credentials from the (injected) environment —
/// policy load and validation, the credential chain, every preflight check (with local policy
/// evaluation), signing, sending, classifying and the report; with `journal`, also the
/// `--journal` file (opened, locked and read every run; intent and outcome lines fsynced).
struct SubmitRunnerDriver: Sendable {
    let runner: SubmitRunner
    let endpoint: String
    let fixture: EmulatorFixture.Paths
    /// Directory for `--journal` files (one per worker, a new one every `journalRotation` submissions);
    /// `nil`: no journal.
    let journalDirectory: String?
    static let journalRotation = 100

    init(endpoint: String, fixture: EmulatorFixture.Paths, journalDirectory: String?) {
        self.runner = SubmitRunner(planner: PreflightPlanner(probeTransport: NoNetworkTransport()), transport: HTTPClientTransport())
        self.endpoint = endpoint
        self.fixture = fixture
        self.journalDirectory = journalDirectory
    }

    func submit(worker: Int, index: Int) async -> Submission {
        let environment = [
            "HOME": fixture.home,
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
            "ALIBABA_CLOUD_ACCESS_KEY_ID": EmulatorFixture.accessKeyId,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": EmulatorFixture.accessKeySecret,
        ]
        let journal = journalDirectory.map { "\($0)/journal-w\(worker)-\(index / Self.journalRotation).jsonl" }
        let options = SubmitOptions(workflowId: EmulatorFixture.workflowId, endpoint: endpoint, policies: [fixture.policy],
                                    signatureVersion: .v3, journal: journal, environment: environment,
                                    homeDirectory: fixture.home)
        do {
            let result = try await runner.run(options)
            let attempts = result.report.submission?.attempts.count ?? 0
            if result.outcome == .submitted, let taskId = result.report.taskId {
                return Submission(taskId: taskId, failure: nil, attempts: attempts)
            }
            let code = result.report.error.map { ":\($0.code)" } ?? ""
            return Submission(taskId: nil, failure: (result.outcome?.rawValue ?? "exit \(result.exitCode)") + code, attempts: attempts)
        } catch {
            return Submission(taskId: nil, failure: "error: \(error)", attempts: 0)
        }
    }
}

extension EmulatorFixture {
    /// The fixture's paths as a Sendable value.
    struct Paths: Sendable {
        var home: String
        var policy: String
    }

    var paths: Paths { Paths(home: home, policy: policyPath) }
}

/// Keep-alive raw-socket client, V3-signed with the project's signer: **the emulator's own capacity**,
/// not the project's client path (HTTPClientTransport with its connection pool).
struct RawKeepAliveDriver: Sendable {
    let port: UInt16
    let base: SignableRequest
    let credential: Credential

    init(port: UInt16, credential: Credential, workflowId: String) {
        self.port = port
        self.credential = credential
        self.base = unsignedSubmitRequest(host: "127.0.0.1:\(port)", scheme: .v3, workflowId: workflowId)
    }

    func request() -> [UInt8] {
        var unsigned = base
        unsigned.setHeader("User-Agent", SubmitRunner.userAgent)
        let signed = V3Signer().sign(unsigned, with: credential).request
        var text = "POST " + signed.requestTarget + " HTTP/1.1\r\n"
        for header in signed.headers {
            text += header.name + ": " + header.value + "\r\n"
        }
        text += "Content-Length: 0\r\n\r\n"
        return Array(text.utf8)
    }

    func submit(on connection: RawHTTPConnection) -> Submission {
        do {
            let response = try connection.roundTrip(request())
            guard response.status == 200 else {
                let code = ResponseBodyFields(body: response.body)?.value("Code") ?? ""
                return Submission(taskId: nil, failure: "HTTP \(response.status) \(code)", attempts: 1)
            }
            let taskId = ResponseBodyFields(body: response.body)?.value("TaskId")
            return Submission(taskId: taskId, failure: taskId == nil ? "no TaskId" : nil, attempts: 1)
        } catch {
            return Submission(taskId: nil, failure: "\(error)", attempts: 1)
        }
    }
}
