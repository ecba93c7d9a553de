import Foundation
import Testing

/// `ramguard lint`: findings with locations, the gate, suppressions and the baseline, through the CLI.
@Suite struct LintCommandTests {
    static let admin = """
        {
          "Version": "1",
          "Statement": [
            { "Effect": "Allow", "Action": "*", "Resource": "*" }
          ]
        }
        """

    static let clean = """
        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}]}
        """

    func findings(_ result: CLIResult) throws -> [[String: Any]] {
        try #require(try result.json().array("findings"), "\(result)")
    }

    @Test func administratorAccessFailsTheDefaultGate() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("admin.json", Self.admin)
        let result = try CLI.run(["lint", file, "--format", "json", "--no-config"])
        #expect(result.exitCode == 1, "\(result)")
        let report = try result.json()
        #expect(report.string("command") == "lint")
        #expect(report.string("decision") == "Fail")
        let admin = try #require(try findings(result).first { $0.string("code") == "AdministratorAccess" }, "\(result)")
        #expect(admin.string("severity") == "security-warning")
        #expect(admin.string("file") == file)
        #expect(admin.int("line") == 4, "\(admin)")
        #expect((admin.int("column") ?? 0) >= 5)
        #expect(admin.string("path")?.hasPrefix("Statement[0]") == true, "\(admin)")
        #expect(!(admin.string("remedy") ?? "").isEmpty)
        #expect(!(admin.string("fingerprint") ?? "").isEmpty)
        #expect(report.object("gate")?["failed"] as? Bool == true)
    }

    @Test func aCleanPolicyPasses() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("clean.json", Self.clean)
        let result = try CLI.run(["lint", file, "--format", "json", "--no-config"])
        #expect(result.exitCode == 0, "\(result)")
        let counted = try findings(result).filter { ["error", "security-warning"].contains($0.string("severity")) }
        #expect(counted.isEmpty, "\(result)")
        #expect(try result.json().string("decision") == "Pass")
    }

    @Test func failOnChoosesTheGate() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("admin.json", Self.admin)
        #expect(try CLI.run(["lint", file, "--fail-on", "none", "--no-config"]).exitCode == 0)
        #expect(try CLI.run(["lint", file, "--fail-on", "error", "--no-config"]).exitCode == 0)
        #expect(try CLI.run(["lint", file, "--fail-on", "AdministratorAccess", "--no-config"]).exitCode == 1)
        let bad = try CLI.run(["lint", file, "--fail-on", "catastrophic", "--no-config"])
        #expect(bad.exitCode == 2, "\(bad)")
        #expect(bad.stderr.contains("--fail-on catastrophic"), "\(bad)")
    }

    @Test func engineErrorsAreFindingsAtTheSamePlaceCheckReportsThem() throws {
        let file = "policies/broken/invalid-effect.json"
        let lint = try CLI.run(["lint", file, "--format", "json", "--no-config"])
        #expect(lint.exitCode == 1, "\(lint)")
        let check = try CLI.check(["--policy", file, "--format", "json"])
        let error = try #require(check.json().array("errors")?.first)
        let location = try #require(error.object("location"))
        let finding = try #require(try findings(lint).first { $0.string("code") == error.string("code") }, "\(lint)")
        #expect(finding.string("severity") == "error")
        #expect(finding.int("line") == location.int("line"))
        #expect(finding.int("column") == location.int("column"))
        #expect(finding.string("path") == location.string("path"))
        #expect((finding["snippet"] as? [[String: Any]])?.isEmpty == false, "the source line is quoted")
    }

    @Test func unreadableInputExitsTwo() throws {
        let missing = try CLI.run(["lint", "policies/no-such-file.json"])
        #expect(missing.exitCode == 2, "\(missing)")
        #expect(missing.stderr.contains("policies/no-such-file.json"))
    }

    @Test func suppressionsByCodeGlobAndLineCarryTheirReason() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("admin.json", Self.admin)
        let config = try dir.write("config.json", """
            {"version": 1, "suppress": [{"code": "AdministratorAccess", "reason": "break-glass role, reviewed 2026-11"}]}
            """)
        let result = try CLI.run(["lint", file, "--config", config, "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let suppressed = try findings(result).filter { $0.string("code") == "AdministratorAccess" }
        #expect(suppressed.count == 1)
        #expect((suppressed.first?["suppressed"] as? [String: Any])?["reason"] as? String == "break-glass role, reviewed 2026-11")
        #expect(try result.json().object("summary")?.int("suppressed") == 1)
    }

    /// The row of policies/README.md about `policies/lint-config.json`.
    @Test func theBundledConfigSuppressesTheAdministratorExampleOnly() throws {
        let result = try CLI.run(["lint", "policies/identities", "--config", "policies/lint-config.json", "--format", "json"])
        #expect(result.exitCode == 1, "\(result)")
        let all = try findings(result)
        let counted = all.filter { $0["suppressed"] == nil && ["error", "security-warning"].contains($0.string("severity")) }
        #expect(Set(counted.compactMap { $0.string("code") }) == ["NotActionWithAllow"], "\(result)")
        let admin = try #require(all.first { $0.string("code") == "AdministratorAccess" })
        #expect((admin["suppressed"] as? [String: Any])?["kind"] as? String == "config")
    }

    @Test func aConfigWithoutAReasonIsRejectedWithItsPosition() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("admin.json", Self.admin)
        let config = try dir.write("config.json", "{\"version\": 1,\n \"suppress\": [{\"code\": \"AdministratorAccess\"}]}")
        let result = try CLI.run(["lint", file, "--config", config])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains(config), "\(result)")
        #expect(result.stderr.contains("2:"), "the line of the bad entry: \(result)")
    }

    @Test func theBaselineFailsOnlyOnNewFindings() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("tree"), withIntermediateDirectories: true)
        try dir.write("tree/admin.json", Self.admin)
        let baseline = dir.path("baseline.json")
        let first = try CLI.run(["lint", dir.path("tree"), "--write-baseline", baseline, "--no-config"])
        #expect(first.exitCode == 1, "\(first)")
        let again = try CLI.run(["lint", dir.path("tree"), "--baseline", baseline, "--no-config", "--format", "json"])
        #expect(again.exitCode == 0, "\(again)")
        #expect(try again.json().object("summary")?.int("baselined") ?? 0 >= 1, "\(again)")
        // The same finding moved down by inserted lines stays baselined.
        try dir.write("tree/admin.json", "\n\n" + Self.admin)
        #expect(try CLI.run(["lint", dir.path("tree"), "--baseline", baseline, "--no-config"]).exitCode == 0)
        // A new file with a new finding fails.
        try dir.write("tree/second-admin.json", Self.admin)
        let new = try CLI.run(["lint", dir.path("tree"), "--baseline", baseline, "--no-config", "--format", "json"])
        #expect(new.exitCode == 1, "\(new)")
        let counted = try findings(new).filter { $0["suppressed"] == nil && $0.string("code") == "AdministratorAccess" }
        #expect(counted.map { $0.string("file") } == [dir.path("tree/second-admin.json")], "\(new)")
    }

    @Test func listRulesNamesEveryClass() throws {
        let result = try CLI.run(["lint", "--list-rules"])
        #expect(result.exitCode == 0, "\(result)")
        for text in ["error", "security-warning", "warning", "suggestion", "AdministratorAccess", "InvalidEffect"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }

    @Test func checkReportsValidationErrorsAsSARIFResults() throws {
        let result = try CLI.check(["--policy", "policies/broken/several-problems.json", "--format", "sarif"])
        #expect(result.exitCode == 2, "\(result)")
        let run = try #require((try result.json()["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let errors = try CLI.check(["--policy", "policies/broken/several-problems.json", "--format", "json"]).json().array("errors") ?? []
        #expect(results.count == errors.count && !errors.isEmpty, "\(result)")
        #expect(Set(results.compactMap { $0.string("ruleId") }) == Set(errors.compactMap { $0.string("code") }))
    }

    @Test func everyFormatRenders() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("admin.json", Self.admin)
        let sarif = try CLI.run(["lint", file, "--format", "sarif", "--no-config"])
        #expect(sarif.exitCode == 1)
        let log = try sarif.json()
        #expect(log.string("version") == "2.1.0", "\(sarif)")
        let junit = try CLI.run(["lint", file, "--format", "junit", "--no-config"])
        #expect(junit.stdout.contains("<testsuites"), "\(junit)")
        let html = try CLI.run(["lint", file, "--format", "html", "--no-config"])
        #expect(html.stdout.lowercased().hasPrefix("<!doctype html>"), "\(html)")
        #expect(html.stdout.contains("AdministratorAccess"))
        let xml = try CLI.run(["lint", file, "--format", "xml", "--no-config"])
        #expect(xml.stdout.contains("AdministratorAccess"), "\(xml)")
    }
}
