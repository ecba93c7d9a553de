import Foundation
import Testing

/// `ramguard audit`, `explain` and `diff` through the CLI, on the bundled example policies.
@Suite struct AuditCommandTests {
    func checks(_ result: CLIResult) throws -> [String: String] {
        var verdicts: [String: String] = [:]
        for identity in try #require(try result.json().array("audit"), "\(result)") {
            for check in identity.array("checks") ?? [] {
                verdicts[identity.string("identity") ?? "?"] = check.string("verdict")
            }
        }
        return verdicts
    }

    @Test func aDirectoryPerIdentity() throws {
        let result = try CLI.run(["audit", "policies/identities", "--fail-on", "none", "--no-config", "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let verdicts = try checks(result)
        #expect(verdicts["policies/identities/least-privilege"] == "always", "\(verdicts)")
        #expect(verdicts["policies/identities/vod-pipeline"] == "conditional", "\(verdicts)")
        #expect(verdicts["policies/identities/https-only"] == "conditional", "\(verdicts)")
        #expect(verdicts["policies/identities/vod-read-only"] == "never", "\(verdicts)")
        #expect(verdicts["policies/identities/deny-overrides"] == "never", "\(verdicts)")
        #expect(verdicts["policies/identities/administrator"] == "always", "\(verdicts)")
        #expect(verdicts.count >= 19, "every identity folder is one identity: \(verdicts.keys.sorted())")
        let report = try result.json()
        #expect(report.object("summary")?.int("identities") == verdicts.count)
        // Lint findings come with the audit: the administrator is flagged.
        let codes = Set((report.array("findings") ?? []).compactMap { $0.string("code") })
        #expect(codes.contains("AdministratorAccess"), "\(codes)")
    }

    @Test func theDefaultGateFailsOnSecurityWarnings() throws {
        let result = try CLI.run(["audit", "policies/identities/administrator", "--no-config"])
        #expect(result.exitCode == 1, "\(result)")
    }

    @Test func aManifestAddsSessionAndControlLayers() throws {
        let result = try CLI.run(["audit", "--manifest", "policies/manifest.json", "--fail-on", "none", "--no-config", "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let verdicts = try checks(result)
        #expect(verdicts == [
            "ci-pipeline": "conditional",
            "migration-window": "conditional",
            "full-access-role-session": "never",
            "least-privilege-in-restricted-account": "never",
        ], "\(result)")
    }

    @Test func expectationsFailTheGate() throws {
        let notGranted = try CLI.run(["audit", "policies/identities/least-privilege", "policies/identities/vod-read-only",
                                      "--expect", "not-granted", "--fail-on", "none", "--no-config", "--format", "json"])
        #expect(notGranted.exitCode == 1, "\(notGranted)")
        let passed = try #require(try notGranted.json().array("audit")).flatMap { $0.array("checks") ?? [] }.compactMap { $0["passed"] as? Bool }
        #expect(passed.sorted { !$0 && $1 } == [false, true], "\(notGranted)")
        let readOnly = try CLI.run(["audit", "policies/identities/vod-read-only", "--action", "vod:SubmitWorkflowJob",
                                    "--action", "vod:DeleteVideo", "--expect", "not-granted", "--fail-on", "none", "--no-config"])
        #expect(readOnly.exitCode == 0, "\(readOnly)")
    }

    @Test func badManifestsAndActionsAreUsageErrors() throws {
        let dir = try TemporaryDirectory()
        let manifest = try dir.write("manifest.json", "{\"version\": 1,\n  \"identities\": [{\"name\": \"x\", \"polices\": []}]}")
        let result = try CLI.run(["audit", "--manifest", manifest, "--no-config"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("2:") && result.stderr.contains("polices"), "\(result)")
        let wildcard = try CLI.run(["audit", "policies/identities/least-privilege", "--action", "vod:Submit*", "--no-config"])
        #expect(wildcard.exitCode == 2, "\(wildcard)")
    }

    @Test func aSymbolicLinkLoopIsAnErrorNotAHang() throws {
        let dir = try TemporaryDirectory()
        let tree = dir.url.appendingPathComponent("tree/team")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent("again").path, withDestinationPath: "..")
        let result = try CLI.run(["audit", dir.path("tree"), "--no-config"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("symbolic-link loop"), "\(result)")
    }

    /// Identities' own files are linted and explained in the same task, shared control policies first: a
    /// file that cannot be read still ends the run with exit 2 and its name, and the others still agree.
    @Test func anUnreadableFileEndsTheRunWithSharedControlPolicies() throws {
        let dir = try TemporaryDirectory()
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(at: dir.url.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let allow = #"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "vod:*", "Resource": "*"}]}"#
        let deny = #"{"Version": "1", "Statement": [{"Effect": "Deny", "Action": "vod:SubmitWorkflowJob", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
        _ = try dir.write("a/p.json", allow)
        _ = try dir.write("b/p.json", allow)
        _ = try dir.write("control.json", deny)
        let manifest = try dir.write("manifest.json", """
            {"version": 1, "controlPolicies": ["control.json"], "identities": [
              {"name": "a", "policies": ["a/p.json"]}, {"name": "b", "policies": ["b/p.json", "a/p.json"]}]}
            """)
        let denied = try CLI.run(["audit", "--manifest", manifest, "--no-config", "--fail-on", "none", "--format", "json"])
        #expect(denied.exitCode == 0, "\(denied)")
        let verdicts = try #require(try denied.json().array("audit")).compactMap { $0.array("checks")?.first?.string("verdict") }
        #expect(verdicts == ["never", "never"], "\(denied)")
        _ = try dir.write("b/p.json", String(repeating: " ", count: (1 << 20) + 1) + allow)
        let result = try CLI.run(["audit", "--manifest", manifest, "--no-config", "--format", "json"])
        #expect(result.exitCode == 2, "\(result)")
        #expect(result.stderr.contains("b/p.json") && result.stderr.contains("limited to"), "\(result)")
    }

    @Test func catalogActionsAreAllChecked() throws {
        let result = try CLI.run(["audit", "policies/identities/vod-read-only", "--actions-from", "catalog", "--fail-on", "none",
                                  "--no-config", "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let checks = try #require(try result.json().array("audit")?.first?.array("checks"))
        #expect(checks.count >= 186)
        let granted = Set(checks.filter { $0.string("verdict") == "always" }.compactMap { $0.string("action") })
        #expect(granted.contains("vod:GetPlayInfo") && !granted.contains("vod:SubmitWorkflowJob"))
        let prefixes = ["vod:Get", "vod:List", "vod:Search", "vod:Describe"]
        let outside = granted.filter { action in !prefixes.contains { action.hasPrefix($0) } }
        #expect(outside.isEmpty, "\(outside)")
    }
}

@Suite struct ExplainCommandTests {
    @Test func alwaysNeverAndOnlyWhen() throws {
        let always = try CLI.run(["explain", "--policy", "policies/identities/least-privilege", "--format", "json"])
        #expect(always.exitCode == 0, "\(always)")
        #expect(try always.json().string("decision") == "Always")
        let never = try CLI.run(["explain", "--policy", "policies/identities/vod-read-only", "--format", "json"])
        #expect(never.exitCode == 1, "\(never)")
        #expect(try never.json().object("explanation")?.string("verdict") == "never")
        let invalid = try CLI.run(["explain", "--policy", "policies/broken/invalid-effect.json"])
        #expect(invalid.exitCode == 2, "\(invalid)")
    }

    /// The examples explain prints must evaluate as it says — checked here by `ramguard check` itself.
    @Test(arguments: ["vod-pipeline", "conditional-source-ip", "https-only", "mfa-required", "time-window"])
    func examplesHoldUnderCheck(identity: String) throws {
        let policy = "policies/identities/\(identity)"
        let result = try CLI.run(["explain", "--policy", policy, "--format", "json"])
        #expect(result.exitCode == 3, "\(result)")
        let explanation = try #require(try result.json().object("explanation"))
        #expect(explanation["examplesConfirmed"] as? Bool == true, "\(result)")
        #expect(!(explanation.string("summary") ?? "").isEmpty)
        for (key, expected) in [("allowedExample", "Allow"), ("deniedExample", nil as String?)] {
            let entries = try #require(explanation.array(key), "\(key) in \(result)")
            var arguments = ["--policy", policy, "--format", "json"]
            for entry in entries {
                for value in entry.strings("values") ?? [] { arguments += ["--context", "\(entry.string("key") ?? "")=\(value)"] }
            }
            let check = try CLI.check(arguments)
            let decision = try check.json().string("decision")
            if let expected {
                #expect(decision == expected, "\(key): \(check)")
            } else {
                #expect(decision == "ImplicitDeny" || decision == "ExplicitDeny", "\(key): \(check)")
            }
        }
    }
}

@Suite struct DiffCommandTests {
    @Test func gainedAndLoosenedAreFoundAndGated() throws {
        let result = try CLI.run(["diff", "policies/diff/before", "policies/diff/after", "--format", "json"])
        #expect(result.exitCode == 0, "\(result)")
        let changes = try #require(try result.json().object("diff")?.array("changes"))
        let byAction = Dictionary(uniqueKeysWithValues: changes.map { ($0.string("action") ?? "?", $0.string("change") ?? "?") })
        #expect(byAction["vod:DeleteVideo"] == "gained", "\(byAction)")
        #expect(byAction["vod:SubmitWorkflowJob"] == "loosened", "\(byAction)")
        #expect(byAction["vod:GetPlayInfo"] == nil, "unchanged actions are not listed")
        let deleted = try #require(changes.first { $0.string("action") == "vod:DeleteVideo" })
        #expect((deleted.array("statements") ?? []).contains { $0.string("file") == "policies/diff/after/pipeline.json" }, "\(deleted)")

        let gate = try CLI.run(["diff", "policies/diff/before", "policies/diff/after", "--no-new-access"])
        #expect(gate.exitCode == 1, "\(gate)")
        let backwards = try CLI.run(["diff", "policies/diff/after", "policies/diff/before", "--no-new-access",
                                     "--still-grants", "vod:SubmitWorkflowJob"])
        #expect(backwards.exitCode == 0, "\(backwards)")
        let lost = try CLI.run(["diff", "policies/diff/after", "policies/diff/before", "--still-grants", "vod:DeleteVideo"])
        #expect(lost.exitCode == 1, "\(lost)")
    }
}
