import AlibabaCloud
import Foundation
import RAMPolicy
import VOD
import VODEmulator

/// Fixed test credentials; the long-term pair and STS triple are the ones the SDK captures used.
enum TestKeys {
    static let longTerm = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "ExampleAccessKeySecret01234567")
    static let sts = Credential(accessKeyId: "STS.NUExampleTemporaryAccessKey01",
                                accessKeySecret: "ExampleTemporarySecret+/=0123456789abcd",
                                securityToken: "CAIS8AF1q6Ft5B2yfSjIr5bExample+Token/With==Padding")
    static let other = Credential(accessKeyId: "LTAI-FAKE-OtherExampleKeyId00", accessKeySecret: "OtherExampleSecret0123456789ab")
    static let workflow = "34d577eade633860bdf1237a2b1f8c9e"
    static let otherWorkflow = "0123456789abcdef0123456789abcdef"
    static let media = "058b39e75269da42b08f00459e7a4c21"
}

enum Policies {
    static let allowSubmit = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#
    static let allowOtherAction = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:GetVideoInfo","Resource":"*"}]}"#
    static let allowAll = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:*","Resource":"*"}]}"#
    static let denySubmit = #"{"Version":"1","Statement":[{"Effect":"Deny","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#
    static let allowFromLoopback = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"127.0.0.0/8"}}}]}"#
    static let allowFromOffice = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"IpAddress":{"acs:SourceIp":"203.0.113.0/24"}}}]}"#
    static let allowOnlyHTTPS = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}"#

    static func parse(_ text: String, name: String, kind: PolicyKind = .identity) throws -> Policy {
        guard let policy = PolicyValidator(options: ValidationOptions(kind: kind)).validate(PolicySource(name: name, text: text)).policy else {
            throw RawHTTPError(description: "test policy \(name) is not valid")
        }
        return policy
    }
}

/// Collects log lines in memory.
final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    var log: EmulatorLog { EmulatorLog { [self] line in append(line) } }

    func append(_ line: String) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A temporary directory removed when the value is deinitialised.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "vod-emulator-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }
}

/// A running emulator plus helpers to sign and send SubmitWorkflowJob requests to it.
struct Harness {
    let emulator: VODEmulator
    let port: UInt16
    let logs: LogCollector

    var host: String { "127.0.0.1:\(port)" }

    static func start(_ configuration: EmulatorConfiguration, stateDirectory: String? = nil,
                      clock: EmulatorClock = .system,
                      maximumClockSkew: TimeInterval? = EmulatorOptions.gatewayClockSkew) async throws -> Harness {
        let logs = LogCollector()
        let emulator = VODEmulator(configuration: configuration, options: EmulatorOptions(
            stateDirectory: stateDirectory, clock: clock, maximumClockSkew: maximumClockSkew, log: logs.log))
        try await emulator.start()
        guard let port = await emulator.port else { throw RawHTTPError(description: "no port") }
        return Harness(emulator: emulator, port: port, logs: logs)
    }

    /// One identity with `policies` (identity kind) and optionally a session policy.
    static func configuration(
        credential: Credential = TestKeys.longTerm,
        policies: [String] = [Policies.allowSubmit],
        sessionPolicy: String? = nil,
        extraIdentities: [EmulatorIdentity] = [],
        workflows: [String] = [TestKeys.workflow],
        faults: [FaultRule] = [],
        defaultFormat: ResponseFormat = .json,
        tokenExpiration: Date? = nil
    ) throws -> EmulatorConfiguration {
        let identity = EmulatorIdentity(
            accessKeyId: credential.accessKeyId, accessKeySecret: credential.accessKeySecret,
            securityToken: credential.securityToken, securityTokenExpiration: tokenExpiration,
            policies: try policies.enumerated().map { try Policies.parse($0.element, name: "policy\($0.offset).json") },
            sessionPolicy: try sessionPolicy.map { try Policies.parse($0, name: "session.json", kind: .session) })
        return EmulatorConfiguration(identities: [identity] + extraIdentities, workflows: workflows, faults: faults,
                                     defaultFormat: defaultFormat)
    }

    /// A signed SubmitWorkflowJob request for this emulator.
    func signed(
        _ request: SubmitWorkflowJobRequest = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow, mediaId: TestKeys.media),
        scheme: SignatureScheme = .v3,
        credential: Credential = TestKeys.longTerm,
        format: ResponseFormat = .json,
        date: Date = Date(),
        nonce: String = SignatureNonce.random()
    ) -> SignableRequest {
        let unsigned = request.signableRequest(host: host, scheme: scheme, format: format)
        switch scheme {
        case .v3: return V3Signer().sign(unsigned, with: credential, date: date, nonce: nonce).request
        case .rpcV1: return RPCV1Signer().sign(unsigned, with: credential, date: date, nonce: nonce).request
        }
    }

    func send(_ request: SignableRequest) async throws -> RawHTTPOutcome {
        try await RawHTTPClient.send(Self.wire(request), port: port)
    }

    /// Sends and requires an HTTP response (not a dropped connection).
    func response(_ request: SignableRequest) async throws -> RawHTTPResponse {
        guard let response = try await send(request).response else {
            throw RawHTTPError(description: "the connection closed without a response")
        }
        return response
    }

    func get(_ target: String) async throws -> RawHTTPResponse {
        let bytes = Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        guard let response = try await RawHTTPClient.send(bytes, port: port).response else {
            throw RawHTTPError(description: "no response")
        }
        return response
    }

    func stop() async {
        await emulator.stop()
    }

    /// `METHOD target HTTP/1.1`, the request's headers (plus Host when absent), `Content-Length`,
    /// `Connection: close`, the body.
    static func wire(_ request: SignableRequest) -> [UInt8] {
        var text = "\(request.method) \(request.requestTarget) HTTP/1.1\r\n"
        if request.headerValue(named: "host") == nil { text += "Host: \(request.host)\r\n" }
        for header in request.headers { text += "\(header.name): \(header.value)\r\n" }
        text += "Content-Length: \(request.body.count)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8) + request.body
    }
}

extension RawHTTPResponse {
    /// The error body, parsed (JSON, or XML through the emulator's reader).
    func errorBody() throws -> AlibabaErrorBody {
        try AlibabaErrorBody.parse(body, xmlReader: XMLBodyReader.read)
    }

    func success() throws -> SubmitWorkflowJobResponse {
        try SubmitWorkflowJobResponse.parse(body, xmlReader: XMLBodyReader.read)
    }
}
