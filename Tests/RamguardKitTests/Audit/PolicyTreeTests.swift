import Foundation
@testable import RamguardKit
import Testing

/// How `audit` finds identities: a directory per identity, nested folders of identities, single files,
/// hidden entries skipped, in a stable order.
@Suite struct PolicyTreeTests {
    static let policy = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:SubmitWorkflowJob","Resource":"*"}]}"#

    @Test func directoriesHoldingPoliciesAreIdentities() throws {
        let scratch = try Scratch()
        try scratch.write("org/team-b/ci/b.json", Self.policy)
        try scratch.write("org/team-b/ci/a.json", Self.policy)
        try scratch.write("org/team-b/ci/nested/c.json", Self.policy)
        try scratch.write("org/team-a/admin/admin.json", Self.policy)
        try scratch.write("org/team-a/.hidden/x.json", Self.policy)
        try scratch.write("org/team-a/notes.txt", "not a policy")
        try scratch.write("org/.ramguard.json", "{}")
        let identities = try PolicyTree().identities(in: [scratch.file("org")])
        #expect(identities.map(\.name) == [scratch.file("org/team-a/admin"), scratch.file("org/team-b/ci")])
        // Every *.json below an identity's directory belongs to it, in sorted order, as `check --policy DIR`.
        #expect(identities.last?.identityFiles == [
            scratch.file("org/team-b/ci/a.json"), scratch.file("org/team-b/ci/b.json"), scratch.file("org/team-b/ci/nested/c.json"),
        ])
        #expect(identities.allSatisfy { $0.sessionFile == nil && $0.controlFiles.isEmpty })
    }

    @Test func aFileIsAnIdentityOfItsOwn() throws {
        let scratch = try Scratch()
        let file = try scratch.write("one.json", Self.policy)
        #expect(try PolicyTree().identities(in: [file]).map(\.identityFiles) == [[file]])
    }

    /// The top folder's subtrees are walked on every core; the files and identities still come in sorted
    /// walking order (files and folders interleaved by name), and the first unreadable folder in that
    /// order is the error.
    @Test func subtreesWalkedInParallelKeepTheSerialOrder() throws {
        let scratch = try Scratch()
        var expectedFiles: [String] = []
        var expectedIdentities: [String] = []
        for team in 0..<70 {
            for identity in 0..<(team % 3 + 1) {
                let dir = "tree/team-\(String(format: "%02d", team))/id-\(identity)"
                for name in ["b.json", "a.json"] { try scratch.write("\(dir)/\(name)", Self.policy) }
                expectedFiles += ["a.json", "b.json"].map { scratch.file("\(dir)/\($0)") }
                expectedIdentities.append(scratch.file(dir))
            }
            // A file beside the folders, sorting between them, in the lint walk only.
            if team == 33 {
                try scratch.write("tree/team-33x.json", Self.policy)
                expectedFiles.append(scratch.file("tree/team-33x.json"))
            }
        }
        #expect(try PolicyTree.allJSON(below: scratch.file("tree")) == expectedFiles)
        try FileManager.default.removeItem(atPath: scratch.file("tree/team-33x.json"))
        #expect(try PolicyTree().identities(in: [scratch.file("tree")]).map(\.name) == expectedIdentities)

        // Two folders that cannot be walked (nested deeper than any policy tree): the first in walking
        // order is reported, as a serial walk would.
        let deep = Array(repeating: "d", count: PolicyTree.maxDepth + 2).joined(separator: "/")
        for team in ["team-12", "team-50"] {
            try FileManager.default.createDirectory(atPath: scratch.file("tree/\(team)/\(deep)"), withIntermediateDirectories: true)
        }
        for walk in [{ _ = try PolicyTree.allJSON(below: scratch.file("tree")) },
                     { _ = try PolicyTree().identities(in: [scratch.file("tree")]) }] as [() throws -> Void] {
            do {
                try walk()
                Issue.record("a tree deeper than \(PolicyTree.maxDepth) levels was walked without an error")
            } catch {
                #expect("\(error)".hasPrefix("cannot read \(scratch.file("tree/team-12/d"))"), "\(error)")
            }
        }
    }

    @Test func emptyAndMissingPathsAreErrors() throws {
        let scratch = try Scratch()
        try scratch.write("empty/readme.txt", "x")
        #expect(throws: RamguardError.noPolicies(path: scratch.file("empty"))) {
            try PolicyTree().identities(in: [scratch.file("empty")])
        }
        #expect(throws: RamguardError.self) { try PolicyTree().identities(in: [scratch.file("missing")]) }
    }
}

/// The audit manifest: layers per identity, paths relative to the manifest, every problem located.
@Suite struct AuditManifestTests {
    @Test func layersAndRelativePaths() throws {
        let scratch = try Scratch()
        try scratch.write("p/ci/a.json", PolicyTreeTests.policy)
        try scratch.write("p/session.json", PolicyTreeTests.policy)
        try scratch.write("p/control.json", PolicyTreeTests.policy)
        try scratch.write("p/org-control.json", PolicyTreeTests.policy)
        let path = try scratch.write("p/manifest.json", """
            {"version": 1, "controlPolicies": ["org-control.json"],
             "identities": [{"name": "ci", "policies": ["ci"], "sessionPolicy": "session.json", "controlPolicies": ["control.json"]}]}
            """)
        let identity = try #require(try AuditManifest.load(path).identities.first)
        #expect(identity.name == "ci")
        #expect(identity.identityFiles == [scratch.file("p/ci/a.json")])
        #expect(identity.sessionFile == scratch.file("p/session.json"))
        #expect(identity.controlFiles == [scratch.file("p/org-control.json"), scratch.file("p/control.json")], "organisation-wide first")
    }

    @Test(arguments: [
        (#"{"version": 1, "identities": []}"#, "1:30 identities"),
        ("{\"version\": 1,\n \"identities\": [{\"name\": \"x\", \"policies\": [\"nope\"]}]}", "2:43 identities[0].policies"),
        ("{\"version\": 2, \"identities\": []}", "1:13 version"),
        ("{\"version\": 1, \"identities\": [{\"name\": \"x\", \"policies\": [\"a.json\"]}, {\"name\": \"x\", \"policies\": [\"a.json\"]}]}", "identities[1].name"),
        ("{\"version\": 1, \"identities\": [{\"policies\": [\"a.json\"]}]}", "has no \"name\""),
        ("{\"version\": 1, \"identity\": []}", "unknown member \"identity\""),
        ("{\"version\": 1, \"version\": 1}", "written twice"),
        ("{\"version\": 1,", "1:"),
    ])
    func problemsAreLocated(text: String, expected: String) throws {
        let scratch = try Scratch()
        try scratch.write("a.json", PolicyTreeTests.policy)
        do {
            _ = try AuditManifest.parse(text, file: "m.json", baseDirectory: scratch.path)
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".contains("m.json") && "\(error)".contains(expected), "\(error)")
        }
    }
}

/// `--fail-on`: severities are thresholds, codes are exact, `none` is nothing.
@Suite struct FindingGateTests {
    @Test func parsing() throws {
        #expect(try FindingGate(parsing: []).threshold == .securityWarning)
        #expect(try FindingGate(parsing: ["warning", "error"]).threshold == .warning, "the least severe threshold wins")
        let mixed = try FindingGate(parsing: ["error,AdministratorAccess"])
        #expect(mixed.threshold == .error && mixed.codes == ["AdministratorAccess"])
        let none = try FindingGate(parsing: ["none"])
        #expect(none.threshold == nil && none.codes.isEmpty)
        #expect(throws: RamguardError.self) { try FindingGate(parsing: ["none", "error"]) }
        #expect(throws: RamguardError.self) { try FindingGate(parsing: ["NoSuchRule"]) }
    }
}
