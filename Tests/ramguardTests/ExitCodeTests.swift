import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented exit codes: 0 allowed, 1 denied, 2 invalid input or bad usage.
@Suite("exit codes")
struct ExitCodeTests {
    static let leastPrivilege = "policies/identities/least-privilege"

    @Test("an allowed request exits 0")
    func allowed() throws {
        let r = try CLI.check(["--policy", Self.leastPrivilege])
        #expect(r.exitCode == 0, "\(r)")
        #expect(r.stdout.hasPrefix("ALLOWED"), "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
    }

    @Test("denials exit 1", arguments: [
        ("policies/identities/vod-read-only", "ImplicitDeny"),
        ("policies/identities/deny-overrides", "ExplicitDeny"),
    ])
    func denied(policy: String, decision: String) throws {
        let r = try CLI.check(["--policy", policy, "--format", "json"])
        #expect(r.exitCode == 1, "\(r)")
        #expect(try r.json().string("decision") == decision)
    }

    @Test("an invalid policy exits 2")
    func invalidPolicy() throws {
        let r = try CLI.check(["--policy", "policies/broken/invalid-version.json"])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stdout.hasPrefix("INVALID POLICY"), "\(r)")
        #expect(r.stdout.contains("policies/broken/invalid-version.json:2:14"), "\(r)")
    }

    @Test("an invalid policy among valid ones makes the whole check invalid")
    func oneInvalidAmongValid() throws {
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--policy", "policies/broken/missing-resource.json", "--format", "json"])
        #expect(r.exitCode == 2, "\(r)")
        let report = try r.json()
        #expect(report.string("decision") == "Invalid")
        #expect(report.array("errors")?.compactMap { $0.string("code") } == ["MissingResource"])
    }

    @Test("a missing policy file exits 2 and names the path")
    func missingFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("no-such-policy.json")
        let r = try CLI.check(["--policy", path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(path), "\(r)")
        #expect(r.stderr.contains("cannot read"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("a missing session, control or trust policy file exits 2 and names the path",
          arguments: ["--session-policy", "--control-policy", "--trust-policy"])
    func missingLayerFile(option: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("absent-\(option.dropFirst(2)).json")
        let r = try CLI.check(["--policy", Self.leastPrivilege, option, path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(path), "\(r)")
    }

    @Test("a directory without policy files exits 2 and names the path")
    func emptyDirectory() throws {
        let dir = try TemporaryDirectory()
        try dir.write("notes.txt", "not a policy")
        let r = try CLI.check(["--policy", dir.url.path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(dir.url.path), "\(r)")
        #expect(r.stderr.contains("no *.json"), "\(r)")
    }

    @Test("a file without read permission exits 2 and names the path", .enabled(if: getuid() != 0, "root reads any file"))
    func unreadableFile() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("secret.json", #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        #expect(chmod(path, 0) == 0)
        defer { _ = chmod(path, 0o600) }
        let r = try CLI.check(["--policy", path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(path), "\(r)")
    }

    @Test("a bad --context exits 2 and says what is wrong", arguments: [
        ("acs:SourceIp=not-an-ip", "not-an-ip"),
        ("acs:SourceIp=203.0.113.0/24", "203.0.113.0/24"),
        ("acs:SecureTransport=yes", "acs:SecureTransport takes true or false"),
        ("acs:CurrentTime=tomorrow", "tomorrow"),
        ("SourceIp=203.0.113.7", "is not a condition key"),
        ("acs:SourceIp", "expected KEY=VALUE"),
    ])
    func badContext(context: String, message: String) throws {
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--context", context])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(message), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("usage errors exit 2, not ArgumentParser's 64", arguments: [
        (["check", "--policy", leastPrivilege, "--bogus"], "--bogus"),
        (["check", "--policy", leastPrivilege, "--format", "yaml"], "yaml"),
        (["check"], "--policy"),
        (["check", "--policy", leastPrivilege, "--action", "SubmitWorkflowJob"], "SubmitWorkflowJob"),
        (["check", "--policy", leastPrivilege, "--action", "*"], "--action"),
        (["frobnicate"], "frobnicate"),
    ])
    func usageError(arguments: [String], mentions: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(mentions), "\(r)")
    }

    @Test("--help exits 0 and prints usage", arguments: [["--help"], ["check", "--help"], ["help", "check"]])
    func help(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.exitCode == 0, "\(r)")
        #expect(r.stdout.contains("USAGE: ramguard"), "\(r)")
        #expect(r.stdout.contains("check"), "\(r)")
    }

    @Test("check --help documents the exit codes")
    func helpDocumentsExitCodes() throws {
        let r = try CLI.run(["check", "--help"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("Exit codes: 0 allowed, 1 denied, 2 invalid"), "\(r)")
        for option in ["--policy", "--action", "--resource", "--context", "--session-policy", "--control-policy",
                       "--trust-policy", "--principal", "--requests", "--strict", "--format", "--output"] {
            #expect(r.stdout.contains(option), "\(option) missing from check --help")
        }
    }

    @Test("--version exits 0")
    func version() throws {
        let r = try CLI.run(["--version"])
        #expect(r.exitCode == 0, "\(r)")
        let v = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(v.split(separator: ".").count >= 3 && v.first?.isNumber == true, "\(r)")
    }

    // MARK: Batch mode

    static let submit = #"{"action":"vod:SubmitWorkflowJob","resource":"*"}"#

    @Test("batch: every request allowed exits 0")
    func batchAllAllowed() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("requests.jsonl", "\(Self.submit)\n\(Self.submit)\n{}\n")
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", file])
        #expect(r.exitCode == 0, "\(r)")
        #expect(try r.jsonLines().map { $0.string("decision") } == ["Allow", "Allow", "Allow"])
    }

    @Test("batch: one denied request exits 1")
    func batchOneDenied() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("requests.jsonl", """
            \(Self.submit)
            {"action":"vod:DeleteVideo","resource":"*"}
            \(Self.submit)
            """)
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", file])
        #expect(r.exitCode == 1, "\(r)")
        let lines = try r.jsonLines()
        #expect(lines.map { $0.string("decision") } == ["Allow", "ImplicitDeny", "Allow"])
        #expect(lines[1].string("deniedBy") == "identity")
    }

    @Test("batch: a malformed line exits 2 with an Invalid line naming line and column")
    func batchMalformedLine() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("requests.jsonl", """
            \(Self.submit)
            {"action": "vod:SubmitWorkflowJob", oops}
            {"action":"vod:DeleteVideo"}
            """)
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", file])
        #expect(r.exitCode == 2, "\(r)")
        let lines = try r.jsonLines()
        try #require(lines.count == 3, "\(r)")
        #expect(lines[0].string("decision") == "Allow")
        #expect(lines[1].string("decision") == "Invalid")
        #expect(lines[1].int("line") == 2)
        let error = try #require(lines[1].object("error"), "\(r)")
        #expect(error.int("line") == 2)
        #expect(error.int("column") == 37, "the column of `oops`: \(error)")
        #expect(error.string("message")?.isEmpty == false)
        // The lines after a bad one are still decided.
        #expect(lines[2].string("decision") == "ImplicitDeny")
    }

    @Test("batch: a request with a bad field is Invalid at that field's column", arguments: [
        (#"{"action":"SubmitWorkflowJob"}"#, 11),
        (#"{"action":"vod:SubmitWorkflowJob","context":{"acs:SourceIp":"not-an-ip"}}"#, 61),
        (#"{"action":"vod:SubmitWorkflowJob","color":"blue"}"#, 35),
    ])
    func batchBadField(line: String, column: Int) throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("requests.jsonl", line + "\n")
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", file])
        #expect(r.exitCode == 2, "\(r)")
        let lines = try r.jsonLines()
        #expect(lines.count == 1)
        #expect(lines.first?.string("decision") == "Invalid", "\(r)")
        #expect(lines.first?.object("error")?.int("line") == 1, "\(r)")
        #expect(lines.first?.object("error")?.int("column") == column, "\(r)")
    }

    @Test("batch: an empty requests file exits 2", arguments: ["", "\n\n   \n"])
    func batchEmpty(content: String) throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("requests.jsonl", content)
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", file])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains("holds no requests"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("batch: a missing requests file exits 2 and names the path")
    func batchMissingFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("absent.jsonl")
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(path), "\(r)")
    }

    @Test("batch: requests from standard input")
    func batchStdin() throws {
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--requests", "-"],
                              stdin: Data("\(Self.submit)\n{\"action\":\"vod:GetVideoInfo\"}\n".utf8))
        #expect(r.exitCode == 1, "\(r)")
        #expect(try r.jsonLines().map { $0.string("decision") } == ["Allow", "ImplicitDeny"])
    }

    @Test("batch: an invalid policy exits 2 with one Invalid report")
    func batchInvalidPolicy() throws {
        let r = try CLI.check(["--policy", "policies/broken/invalid-effect.json", "--requests", "policies/requests/sample.jsonl",
                               "--format", "json"])
        #expect(r.exitCode == 2, "\(r)")
        let report = try r.json()
        #expect(report.string("decision") == "Invalid")
        #expect(report.array("errors")?.first?.string("code") == "InvalidEffect")
    }

    // MARK: --output

    @Test("--output writes the report to the file and nothing to stdout", arguments: ["text", "json", "xml"])
    func output(format: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("report.\(format)")
        let r = try CLI.check(["--policy", "policies/identities/deny-overrides", "--format", format, "--output", path])
        #expect(r.exitCode == 1, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        switch format {
        case "text": #expect(written.hasPrefix("DENIED (explicit deny)"), "\(written)")
        case "json":
            let report = try #require(JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
            #expect(report.string("decision") == "ExplicitDeny")
        default: #expect(written.hasPrefix("<?xml") && written.contains(#"decision="ExplicitDeny""#), "\(written)")
        }
        // No temporary file is left next to the report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["report.\(format)"])
    }

    @Test("--output replaces an existing file")
    func outputReplaces() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("report.txt", String(repeating: "stale report\n", count: 500))
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--output", path])
        #expect(r.exitCode == 0, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("ALLOWED"))
        #expect(!written.contains("stale report"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["report.txt"])
    }

    @Test("--output with --requests writes the JSON lines to the file")
    func outputBatch() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("decisions.jsonl")
        let r = try CLI.check(["--policy", "policies/identities/vod-pipeline", "--requests", "policies/requests/sample.jsonl",
                               "--output", path])
        #expect(r.exitCode == 1, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10)
    }

    @Test("--output into a missing directory exits 2 and names the path")
    func outputUnwritable() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("no/such/dir/report.txt")
        let r = try CLI.check(["--policy", Self.leastPrivilege, "--output", path])
        #expect(r.exitCode == 2, "\(r)")
        #expect(r.stderr.contains(path), "\(r)")
    }
}
