import Foundation

/// The emulator's view of the jobs it accepted (`GET /_emulator/jobs`).
struct JobListing: Decodable {
    struct Job: Decodable {
        var taskId: String
        var requestId: String
        var signatureScheme: String

        enum CodingKeys: String, CodingKey {
            case taskId = "TaskId"
            case requestId = "RequestId"
            case signatureScheme = "SignatureScheme"
        }
    }

    var count: Int
    var jobs: [Job]
}

/// A scratch directory with the emulator's configuration: one identity whose policy allows
/// `vod:SubmitWorkflowJob` on `*`, and one workflow.
struct EmulatorFixture {
    static let accessKeyId = "LTAI-NOT-A-REAL-KEY-Id"
    static let accessKeySecret = "BenchSubmitSecretNotReal0123456789"
    static let workflowId = "34d577eade633860bdf1237a2b1f8c9e"
    static let policyText = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#

    let directory: String
    let configPath: String
    let policyPath: String
    /// An empty home for the credential chain of SubmitRunner (no ~/.aliyun, no ~/.alibabacloud).
    let home: String

    init() throws {
        directory = NSTemporaryDirectory() + "ramguard-submit-bench-" + UUID().uuidString
        home = directory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        policyPath = directory + "/allow-submit.json"
        try Data(Self.policyText.utf8).write(to: URL(fileURLWithPath: policyPath))
        configPath = directory + "/emulator.json"
        let config = """
            {
              "identities": [
                { "accessKeyId": "\(Self.accessKeyId)", "accessKeySecret": "\(Self.accessKeySecret)",
                  "policies": ["allow-submit.json"] }
              ],
              "workflows": ["\(Self.workflowId)"],
              "regionId": "cn-shanghai"
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// `ramguard emulator` as a child process.
///
/// The `VODEmulator` target is not a product of the main package (only the `ramguard` executable links
/// it), so this package cannot start the actor in-process; the CLI runs the very same `VODEmulator`
/// (`EmulatorCommand` only parses arguments and waits for a signal). Its per-request log line goes to
/// /dev/null unless `--emulator-log` names a file.
final class EmulatorProcess {
    let process: Process
    let url: String
    let port: UInt16
    let stateDirectory: String?

    init(ramguard: String, fixture: EmulatorFixture, stateDirectory: String?, log: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ramguard)
        var arguments = ["emulator", "--config", fixture.configPath, "--listen", "127.0.0.1:0"]
        if let stateDirectory { arguments += ["--state", stateDirectory] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        if let log {
            if !FileManager.default.fileExists(atPath: log) {
                _ = FileManager.default.createFile(atPath: log, contents: nil)
            }
            let handle = FileHandle(forWritingAtPath: log)
            handle?.seekToEndOfFile()
            process.standardError = handle ?? FileHandle.nullDevice
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                throw BenchError("`ramguard emulator` exited (status \(process.terminationStatus)) before printing its URL")
            }
            received.append(chunk)
        }
        let line = String(decoding: received, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard let portText = line.split(separator: ":").last, let port = UInt16(portText) else {
            process.terminate()
            throw BenchError("cannot read the emulator's URL from \"\(line)\"")
        }
        self.process = process
        self.url = line.trimmingCharacters(in: .whitespaces)
        self.port = port
        self.stateDirectory = stateDirectory
    }

    var pid: Int32 { process.processIdentifier }

    /// Every job the emulator has recorded, from its loopback-only jobs endpoint.
    func jobs() throws -> JobListing {
        let connection = RawHTTPConnection(port: port)
        let request = "GET /_emulator/jobs HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        let response = try connection.roundTrip(Array(request.utf8))
        guard response.status == 200 else { throw BenchError("GET /_emulator/jobs answered \(response.status)") }
        return try JSONDecoder().decode(JobListing.self, from: Data(response.body))
    }

    /// SIGTERM, then wait: the emulator closes its job journal and releases the state directory.
    func stop() {
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }
}
