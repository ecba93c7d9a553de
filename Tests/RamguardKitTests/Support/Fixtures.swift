import AlibabaCloud
import AlibabaCloudHTTPClient
import Foundation
import RAMPolicy
import RamguardKit
import Reporting
import VOD
import VODEmulator

/// Canary credentials: their secret and token must never appear in any output, report, log or journal.
enum Keys {
    static let secret = "CanarySecretDoNotLeak0123456789abc"
    static let token = "CAISCanaryTokenDoNotLeak+/=abcdefghijklmnop"
    static let stsSecret = "CanaryStsSecretDoNotLeak+/=987654"
    static let longTerm = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: secret)
    static let sts = Credential(accessKeyId: "STS.NUCanaryTemporaryKey0001", accessKeySecret: stsSecret, securityToken: token)
    static let workflow = "34d577eade633860bdf1237a2b1f8c9e"
    static let media = "058b39e75269da42b08f00459e7a4c21"

    /// Every value that must never be printed.
    static let canaries = [secret, token, stsSecret]

    static func environment(_ credential: Credential, home: String) -> [String: String] {
        var env = ["HOME": home, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
                   "ALIBABA_CLOUD_ACCESS_KEY_ID": credential.accessKeyId,
                   "ALIBABA_CLOUD_ACCESS_KEY_SECRET": credential.accessKeySecret]
        if let token = credential.securityToken { env["ALIBABA_CLOUD_SECURITY_TOKEN"] = token }
        return env
    }
}

enum PolicyText {
    static let allowSubmit = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#
    static let denySubmit = #"{"Version":"1","Statement":[{"Sid":"NoWorkflows","Effect":"Deny","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#
    static let allowReadOnly = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:Get*","Resource":"*"}]}"#
    static let allowOnlyHTTPS = """
        {"Version":"1","Statement":[{"Sid":"HttpsOnly","Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*",
          "Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}
        """
    static let allowFromOffice = """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*",
          "Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}
        """

    static func parse(_ text: String, name: String) throws -> Policy {
        guard let policy = PolicyValidator(options: ValidationOptions(kind: .identity)).validate(PolicySource(name: name, text: text)).policy else {
            throw FixtureError("test policy \(name) is not valid")
        }
        return policy
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory, removed when the value goes away.
final class Scratch: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ramguardkit-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    func file(_ name: String) -> String { path + "/" + name }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }
}

/// Collects the emulator's log lines.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var log: EmulatorLog { EmulatorLog { [self] line in lock.lock(); storage.append(line); lock.unlock() } }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A running in-process emulator on 127.0.0.1 with one identity.
struct LocalVOD {
    let emulator: VODEmulator
    let url: String
    let logs: LogLines

    static func start(
        credential: Credential = Keys.longTerm, acceptedSecret: String? = nil, policies: [String] = [PolicyText.allowSubmit],
        workflows: [String] = [Keys.workflow], faults: [FaultRule] = [], tokenExpiration: Date? = nil
    ) async throws -> LocalVOD {
        let identity = EmulatorIdentity(
            accessKeyId: credential.accessKeyId, accessKeySecret: acceptedSecret ?? credential.accessKeySecret,
            securityToken: credential.securityToken, securityTokenExpiration: tokenExpiration,
            policies: try policies.enumerated().map { try PolicyText.parse($0.element, name: "service-policy-\($0.offset).json") })
        let logs = LogLines()
        let emulator = VODEmulator(configuration: EmulatorConfiguration(identities: [identity], workflows: workflows, faults: faults),
                                   options: EmulatorOptions(log: logs.log))
        let url = try await emulator.start()
        return LocalVOD(emulator: emulator, url: url.absoluteString, logs: logs)
    }

    func jobs() async -> [RecordedJob] { await emulator.jobs() }
    func stop() async { await emulator.stop(timeout: 0.1) }
}

/// Wraps a transport and records every request it sends (to find signatures in outputs later).
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var storage: [HTTPRequest] = []

    init(_ inner: any HTTPTransport = HTTPClientTransport()) { self.inner = inner }

    func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        record(request)
        return try await inner.send(request, timeouts: timeouts)
    }

    private func record(_ request: HTTPRequest) {
        lock.lock(); storage.append(request); lock.unlock()
    }

    var requests: [HTTPRequest] { lock.lock(); defer { lock.unlock() }; return storage }

    /// Every signature (V3 `Signature=` in Authorization, V1 `Signature` parameter) sent so far.
    var signatures: [String] {
        requests.compactMap { request -> String? in
            if let authorization = request.headerValue(named: "authorization"),
               let range = authorization.range(of: "Signature=") {
                return String(authorization[range.upperBound...])
            }
            guard let query = request.url.split(separator: "?", maxSplits: 1).last else { return nil }
            for pair in query.split(separator: "&") where pair.hasPrefix("Signature=") {
                return (try? PercentEncoding.decode(String(pair.dropFirst("Signature=".count)), plusAsSpace: true))
            }
            return nil
        }
    }
}

/// Records the waits between attempts instead of sleeping.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Duration] = []
    var sleeper: @Sendable (Duration) async -> Void { { [self] duration in record(duration) } }
    private func record(_ duration: Duration) { lock.lock(); storage.append(duration); lock.unlock() }
    var sleeps: [Duration] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// Runs `submit` against an endpoint with the given environment and collects everything it produced.
struct SubmitRun {
    var result: SubmitResult
    var transport: RecordingTransport
    var sleeps: SleepRecorder

    var report: Report { result.report }

    /// The report in all three encodings.
    var renderings: [String] {
        get throws {
            [
                String(decoding: JSONReportEncoder().encode(report), as: UTF8.self),
                try XMLReportEncoder().encodeString(report),
                TextReportRenderer(color: false).render(report),
            ]
        }
    }

    static func run(_ options: SubmitOptions, transport: RecordingTransport = RecordingTransport(),
                    localEndpoint: (any LocalEndpointProvider)? = nil,
                    retryPolicy: RetryPolicy = RetryPolicy()) async throws -> SubmitRun {
        let sleeps = SleepRecorder()
        let runner = SubmitRunner(planner: PreflightPlanner(probeTransport: FailingTransport(), localEndpoint: localEndpoint),
                                  transport: transport, retryPolicy: retryPolicy, sleeper: sleeps.sleeper, random: { 0.5 })
        return SubmitRun(result: try await runner.run(options), transport: transport, sleeps: sleeps)
    }
}

/// A transport that never connects (for the ECS probe).
struct FailingTransport: HTTPTransport {
    func send(_ request: HTTPRequest, timeouts: TransportTimeouts) async throws(TransportError) -> HTTPResponse {
        throw TransportError(kind: .connectionFailed, message: "no network in tests")
    }
}

extension SubmitOptions {
    /// Options for `endpoint` with credentials from a fresh fake home and the environment.
    static func test(endpoint: String, home: String, credential: Credential = Keys.longTerm, workflowId: String = Keys.workflow,
                     mediaId: String? = nil, policies: [String] = [], context: [String] = [], signatureVersion: SignatureVersion = .v3,
                     dryRun: Bool = false, journal: String? = nil, force: Bool = false, timeout: Double? = nil) -> SubmitOptions {
        SubmitOptions(workflowId: workflowId, mediaId: mediaId, endpoint: endpoint, policies: policies, context: context,
                      signatureVersion: signatureVersion, dryRun: dryRun, journal: journal, force: force, timeout: timeout,
                      environment: Keys.environment(credential, home: home), homeDirectory: home)
    }
}
