import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ramguard submit` and `ramguard preflight` as a user runs them: real processes, real loopback HTTP
/// (the in-process emulator with `--emulator`, or `ramguard emulator` in a second process).
@Suite("submit and preflight (command line)")
struct SubmitCommandTests {
    static let workflow = "34d577eade633860bdf1237a2b1f8c9e"
    static let keyId = "LTAI-NOT-A-REAL-KEY-Id"
    static let secret = "CliCanarySecretDoNotLeak0123456789"

    /// An environment with no credential but the canary one (or none), a throw-away HOME and no ECS probe.
    static func environment(home: TemporaryDirectory, credentials: Bool = true) -> [String: String] {
        var env: [String: String] = ["HOME": home.url.path, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true", "NO_COLOR": "1"]
        for name in ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE",
                     "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_ROLE_ARN",
                     "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA"] {
            env[name] = ""
        }
        if credentials {
            env["ALIBABA_CLOUD_ACCESS_KEY_ID"] = keyId
            env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = secret
        }
        return env
    }

    static func submit(_ arguments: [String], home: TemporaryDirectory, credentials: Bool = true) throws -> CLIResult {
        try CLI.run(["submit", "--workflow-id", workflow] + arguments, environment: environment(home: home, credentials: credentials))
    }

    @Test("--help documents every exit code")
    func help() throws {
        let r = try CLI.run(["submit", "--help"])
        #expect(r.exitCode == 0, "\(r)")
        for line in ["0  submitted", "1  denied", "2  usage or input error", "3  another blocking preflight check failed",
                     "4  other API error", "5  outcome unknown"] {
            #expect(r.stdout.contains(line), "missing \"\(line)\" in:\n\(r.stdout)")
        }
        let preflight = try CLI.run(["preflight", "--help"])
        #expect(preflight.stdout.contains("3  another blocking check failed"), "\(preflight)")
        let root = try CLI.run(["--help"])
        #expect(root.stdout.contains("submit") && root.stdout.contains("preflight"), "\(root)")
    }

    @Test("--emulator without an account: submitted, exit 0, one JSON report with outcome, ids and every check")
    func emulatorSubmitted() throws {
        let home = try TemporaryDirectory()
        let r = try Self.submit(["--emulator", "--policy", "policies/identities/least-privilege", "--format", "json"], home: home, credentials: false)
        #expect(r.exitCode == 0, "\(r)")
        let report = try r.json()
        #expect(report.string("outcome") == "submitted")
        #expect(report.string("decision") == "Allow")
        #expect(report.string("command") == "submit")
        #expect(report.string("taskId")?.count == 32)
        #expect(report.string("requestId")?.isEmpty == false)
        let checks = try #require(report.array("preflight"))
        #expect(checks.count == 10)
        #expect(checks.allSatisfy { $0.string("id") != nil && $0.string("status") != nil && $0.string("message") != nil })
        #expect(report.object("submission")?.object("credential")?.string("source")?.contains("demo key") == true)
        if SchemaValidator.isAvailable {
            #expect(try SchemaValidator.validate([r.stdoutData]) == [nil])
        }
    }

    @Test("--emulator: a local policy denial exits 1 and the text report says nothing was sent")
    func emulatorDeniedLocally() throws {
        let home = try TemporaryDirectory()
        let r = try Self.submit(["--emulator", "--policy", "policies/identities/vod-pipeline", "--context", "acs:SourceIp=203.0.113.7"], home: home)
        #expect(r.exitCode == 1, "\(r)")
        #expect(r.stdout.hasPrefix("DENIED  by the local policy check; nothing was sent"), "\(r)")
        #expect(r.stdout.contains("acs:SecureTransport=false"), "\(r)")
    }

    @Test("--endpoint http://example.com is refused (exit 3); https and loopback http are accepted")
    func endpoints() throws {
        let home = try TemporaryDirectory()
        let refused = try Self.submit(["--endpoint", "http://example.com", "--format", "json"], home: home)
        #expect(refused.exitCode == 3, "\(refused)")
        let check = try #require(refused.json().array("preflight")?.first { $0.string("id") == "endpoint.resolved" })
        #expect(check.string("status") == "fail")
        #expect(try refused.json().string("outcome") == "preflight_failed")

        let emulator = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: Self.secret, policies: ["allow.json"])])
        defer { emulator.stop() }
        let accepted = try Self.submit(["--endpoint", emulator.url, "--format", "json"], home: home)
        #expect(accepted.exitCode == 0, "\(accepted)")
        #expect(try accepted.json().string("outcome") == "submitted")
        #expect(try emulator.jobCount() == 1)
    }

    @Test("a service denial: exit 1 with the AccessDeniedDetail decoded into the engine's vocabulary")
    func deniedByService() throws {
        let home = try TemporaryDirectory()
        let emulator = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: Self.secret, policies: ["deny.json"])])
        defer { emulator.stop() }
        let r = try Self.submit(["--endpoint", emulator.url, "--policy", "policies/identities/least-privilege", "--format", "json"], home: home)
        #expect(r.exitCode == 1, "\(r)")
        let report = try r.json()
        #expect(report.string("outcome") == "denied")
        let error = try #require(report.object("error"))
        #expect(error.string("code") == "Forbidden.RAM")
        #expect(error.string("message")?.isEmpty == false)
        let denied = try #require(error.object("accessDenied"))
        #expect(denied.string("noPermissionType") == "ExplicitDeny")
        #expect(denied.string("decision") == "ExplicitDeny")
        #expect(denied.string("layer") == "identity")
        #expect(denied.string("explanation")?.contains("allow the call") == true)
        #expect(try emulator.jobCount() == 0)
        if SchemaValidator.isAvailable {
            #expect(try SchemaValidator.validate([r.stdoutData]) == [nil])
        }
    }

    @Test("--dry-run prints the request with the signature redacted and sends nothing")
    func dryRun() throws {
        let home = try TemporaryDirectory()
        let emulator = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: Self.secret, policies: ["allow.json"])])
        defer { emulator.stop() }
        let r = try Self.submit(["--endpoint", emulator.url, "--dry-run"], home: home)
        #expect(r.exitCode == 0, "\(r)")
        #expect(r.stdout.hasPrefix("DRY RUN  nothing was sent"), "\(r)")
        #expect(r.stdout.contains("POST \(emulator.url)/?WorkflowId=\(Self.workflow)"), "\(r)")
        #expect(r.stdout.contains("Authorization: ACS3-HMAC-SHA256 Credential=LTAI****Id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=<redacted>"), "\(r)")
        let v1 = try Self.submit(["--endpoint", emulator.url, "--dry-run", "--signature-version", "v1"], home: home)
        #expect(v1.exitCode == 0, "\(v1)")
        #expect(v1.stdout.contains("Signature=<redacted>"), "\(v1)")
        #expect(try emulator.jobCount() == 0)
        #expect(emulator.requestsSeen() == 0)
    }

    @Test("outcome unknown (exit 5) is journalled; the next submit refuses (exit 3) until --force")
    func journal() throws {
        let home = try TemporaryDirectory()
        let emulator = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: Self.secret, policies: ["allow.json"])],
                                           faults: #"[{"kind":"dropAfterProcessing","count":1}]"#)
        defer { emulator.stop() }
        let journal = home.path("journal.jsonl")
        let first = try Self.submit(["--endpoint", emulator.url, "--journal", journal, "--format", "json"], home: home)
        #expect(first.exitCode == 5, "\(first)")
        #expect(try first.json().string("outcome") == "unknown")
        #expect(try first.json().object("submission")?.array("attempts")?.count == 1)
        let second = try Self.submit(["--endpoint", emulator.url, "--journal", journal], home: home)
        #expect(second.exitCode == 3, "\(second)")
        #expect(second.stdout.contains("journal.no-unknown-outcome"), "\(second)")
        let forced = try Self.submit(["--endpoint", emulator.url, "--journal", journal, "--force"], home: home)
        #expect(forced.exitCode == 0, "\(forced)")
        #expect(try emulator.jobCount() == 2)
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(!lines.joined().contains(Self.secret))
    }

    @Test("usage errors exit 2", arguments: [
        ["--region", "cn-shanghai", "--endpoint", "https://vod.cn-shanghai.aliyuncs.com"],
        ["--region", "cn-shanghai", "--context", "acs:SecureTransport=true"],
        ["--region", "cn-shanghai", "--context", "acs:SourceIp=300.1.1.1"],
        ["--region", "cn-shanghai", "--signature-version", "v2"],
        ["--region", "cn-shanghai", "--policy", "no/such/policy.json"],
        ["--emulator", "--region", "cn-shanghai"],
        ["--region", "cn-shanghai", "--timeout", "0"],
    ])
    func usage(arguments: [String]) throws {
        let home = try TemporaryDirectory()
        let r = try Self.submit(arguments, home: home)
        #expect(r.exitCode == 2, "\(r)")
        #expect(!r.stderr.isEmpty, "\(r)")
    }

    @Test("preflight: every check, nothing sent; --output writes the report to a file")
    func preflight() throws {
        let home = try TemporaryDirectory()
        let out = home.path("preflight.json")
        let r = try CLI.run(["preflight", "--workflow-id", Self.workflow, "--region", "cn-shanghai", "--policy", "policies/identities/vod-pipeline",
                             "--context", "acs:SourceIp=203.0.113.7", "--format", "json", "--output", out],
                            environment: Self.environment(home: home))
        #expect(r.exitCode == 0, "\(r)")
        #expect(r.stdout.isEmpty)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(report.string("command") == "preflight")
        #expect(report["outcome"] == nil)
        #expect(report.string("decision") == "Allow")
        #expect(report.array("preflight")?.first { $0.string("id") == "policy.grants-submit" }?.string("status") == "pass")
        let denied = try CLI.run(["preflight", "--workflow-id", Self.workflow, "--region", "cn-shanghai", "--policy", "policies/identities/vod-read-only"],
                                 environment: Self.environment(home: home))
        #expect(denied.exitCode == 1, "\(denied)")
        #expect(denied.stdout.hasPrefix("PREFLIGHT FAILED"), "\(denied)")
    }

    @Test("preflight and submit evaluate the session and control layers the call will have")
    func layers() throws {
        let home = try TemporaryDirectory()
        func preflight(_ extra: [String]) throws -> CLIResult {
            try CLI.run(["preflight", "--workflow-id", Self.workflow, "--region", "cn-shanghai", "--format", "json"] + extra,
                        environment: Self.environment(home: home))
        }
        let open = try preflight(["--policy", "policies/identities/vod-full-access",
                                  "--control-policy", "policies/control/FullAliyunAccess.json"])
        #expect(open.exitCode == 0, "\(open)")
        let session = try preflight(["--policy", "policies/identities/vod-full-access", "--session-policy", "policies/session/vod-get-only.json"])
        #expect(session.exitCode == 1, "\(session)")
        #expect(try session.json().string("deniedBy") == "session", "\(session)")
        let control = try preflight(["--policy", "policies/identities/vod-full-access", "--control-policy", "policies/control/FullAliyunAccess.json",
                                     "--control-policy", "policies/control/deny-vod-submit.json"])
        #expect(control.exitCode == 1, "\(control)")
        #expect(try control.json().string("deniedBy") == "control", "\(control)")
        // submit refuses before sending, for the same reason.
        let refused = try Self.submit(["--emulator", "--policy", "policies/identities/vod-full-access",
                                       "--session-policy", "policies/session/vod-get-only.json", "--format", "json"], home: home)
        #expect(refused.exitCode == 1, "\(refused)")
        #expect(try refused.json().string("outcome") == "denied", "\(refused)")
    }

    @Test("no secret appears in any output, file or log, whatever the outcome and format")
    func noSecrets() throws {
        let home = try TemporaryDirectory()
        let emulator = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: Self.secret, policies: ["allow.json"])],
                                           faults: #"[{"kind":"throttling","count":1},{"kind":"internalError","count":1}]"#)
        let wrong = try EmulatorProcess(identities: [.init(keyId: Self.keyId, secret: "TheEmulatorKnowsAnotherSecret01", policies: ["allow.json"])])
        var outputs: [String] = []
        for format in ["text", "json", "xml"] {
            for arguments in [
                ["--endpoint", emulator.url],
                ["--endpoint", emulator.url, "--signature-version", "v1", "--journal", home.path("j.jsonl"), "--force"],
                ["--endpoint", wrong.url],
                ["--endpoint", wrong.url, "--signature-version", "v1"],
                ["--endpoint", emulator.url, "--dry-run"],
                ["--endpoint", "http://example.com"],
            ] {
                let out = home.path("report-\(outputs.count)")
                let r = try Self.submit(arguments + ["--format", format, "--output", out], home: home)
                #expect([0, 1, 3, 4, 5].contains(r.exitCode), "\(r)")
                outputs += [r.stdout, r.stderr, (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""]
            }
        }
        emulator.stop()
        wrong.stop()
        outputs += [emulator.stderr, wrong.stderr, (try? String(contentsOfFile: home.path("j.jsonl"), encoding: .utf8)) ?? ""]
        #expect(outputs.contains { $0.contains("SignatureDoesNotMatch") })
        for text in outputs {
            #expect(!text.contains(Self.secret), "the secret leaked: \(text.prefix(500))")
            #expect(!text.contains(Self.secret.lowercased()))
        }
    }
}

/// `ramguard emulator` in its own process, configured from a file; stopped with SIGTERM.
final class EmulatorProcess: @unchecked Sendable {
    struct Identity {
        var keyId: String
        var secret: String
        var policies: [String]
    }

    let url: String
    private let process: Process
    private let scratch: TemporaryDirectory
    private let errURL: URL

    init(identities: [Identity], faults: String = "[]") throws {
        scratch = try TemporaryDirectory()
        try scratch.write("allow.json", #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#)
        try scratch.write("deny.json", #"{"Version":"1","Statement":[{"Effect":"Deny","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#)
        let list = identities.map { identity in
            #"{"accessKeyId":"\#(identity.keyId)","accessKeySecret":"\#(identity.secret)","policies":[\#(identity.policies.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        }.joined(separator: ",")
        let config = try scratch.write("emulator.json", #"{"identities":[\#(list)],"workflows":["\#(SubmitCommandTests.workflow)"],"faults":\#(faults)}"#)
        errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process = Process()
        process.executableURL = try CLI.requireExecutable()
        process.arguments = ["emulator", "--listen", "127.0.0.1:0", "--config", config]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let first = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard first.hasPrefix("http://127.0.0.1:") else {
            process.terminate()
            throw CLIError("ramguard emulator did not print its URL: \(first)")
        }
        url = first
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// The emulator's request log lines so far (one per request, on standard error).
    func requestsSeen() -> Int {
        stderr.split(separator: "\n").filter { $0.contains("RequestId") && !$0.contains("emulator-jobs-endpoint") }.count
    }

    /// `GET /_emulator/jobs` → `count`.
    func jobCount() throws -> Int {
        let semaphore = DispatchSemaphore(value: 0)
        let box = Box()
        URLSession.shared.dataTask(with: URL(string: url + "/_emulator/jobs")!) { data, _, _ in
            box.data = data
            semaphore.signal()
        }.resume()
        semaphore.wait()
        guard let data = box.data, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let count = object["count"] as? Int
        else { throw CLIError("the jobs endpoint did not answer") }
        return count
    }

    private final class Box: @unchecked Sendable { var data: Data? }
}
