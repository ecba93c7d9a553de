import Foundation
import Reporting
import Testing

@Suite("SARIFReportEncoder")
struct SARIFReportEncoderTests {
    static let schemaURL = PythonJSONSchema.packageRoot.appendingPathComponent("Tests/ReportingTests/Fixtures/sarif-schema-2.1.0.json")

    func object(_ report: Report, _ options: SARIFReportEncoder.Options = .init()) throws -> [String: Any] {
        let bytes = SARIFReportEncoder(options: options).encode(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func run(_ log: [String: Any]) throws -> [String: Any] {
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test("every report gives a log valid against the OASIS SARIF 2.1.0 schema")
    func schemaValid() throws {
        guard PythonJSONSchema.isAvailable else {
            print(PythonJSONSchema.unavailableMessage)
            return
        }
        let reports = AnalysisSamples.all.map(\.1) + AnalysisSamples.all.map { AnalysisSamples.hostile($0.1) } + [SampleReports.full]
        var documents = reports.map { SARIFReportEncoder().encode($0) }
        documents.append(SARIFReportEncoder(options: .init(baseDirectory: "/repo", informationUri: "https://example.com/ramguard")).encode(AnalysisSamples.lint))
        let results = try PythonJSONSchema.validate(documents, schema: Self.schemaURL)
        for (index, problem) in results.enumerated() {
            #expect(problem == nil, "log \(index): \(problem ?? "")")
        }
        // The schema check is real: a broken log is rejected.
        let broken = Array(SARIFReportEncoder().encodeString(AnalysisSamples.lint).replacingOccurrences(of: #""level" : "note""#, with: #""level" : "info""#).utf8)
        #expect(try #require(try PythonJSONSchema.validate([broken], schema: Self.schemaURL).first) != nil)
    }

    @Test("log, run and driver carry the documented fields")
    func header() throws {
        let log = try object(AnalysisSamples.lint, .init(informationUri: "https://example.com/ramguard"))
        #expect(log["$schema"] as? String == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let run = try run(log)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ramguard")
        #expect(driver["version"] as? String == "1.2.3-beta+7")
        #expect(driver["informationUri"] as? String == "https://example.com/ramguard")
        #expect((run["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool == true)
        #expect((run["properties"] as? [String: Any])?["gateFailed"] as? Bool == true)
        let text = SARIFReportEncoder().encodeString(AnalysisSamples.lint)
        #expect(text.hasPrefix("{\n  \"$schema\""))
        #expect(SARIFReportEncoder().encode(AnalysisSamples.lint) == Array(text.utf8), "deterministic")
    }

    @Test("one rule per code, sorted, with levels and security severity")
    func rules() throws {
        let run = try run(try object(AnalysisSamples.lint))
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String ?? "" } == ["DuplicateSid", "InvalidVersion", "PreferNotAction", "WildcardAction"])
        let wildcard = rules[3]
        #expect(wildcard["name"] as? String == "WildcardAction")
        #expect((wildcard["shortDescription"] as? [String: Any])?["text"] as? String == "Wildcard action")
        #expect((wildcard["fullDescription"] as? [String: Any])?["text"] as? String == "An Action of vod:* grants every present and future VOD action.")
        #expect((wildcard["help"] as? [String: Any])?["text"] as? String
                == "An Action of vod:* grants every present and future VOD action.\n\nRemedy: List the actions the identity needs.")
        #expect((wildcard["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let properties = try #require(wildcard["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "8.0")
        #expect(properties["tags"] as? [String] == ["security"])
        #expect(rules.map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? "" } == ["warning", "error", "note", "error"])
        #expect(rules[0]["properties"] == nil)
        #expect(rules[2]["name"] as? String == "ConsiderACondition")
        #expect((rules[2]["fullDescription"] as? [String: Any])?["text"] as? String == "Consider a condition", "empty help falls back to the title")
    }

    @Test("results point at their rule, file, region, JSON path and fingerprint")
    func results() throws {
        let run = try run(try object(AnalysisSamples.lint, .init(baseDirectory: "/repo/")))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == AnalysisSamples.findings.count)
        let first = results[0]
        #expect(first["ruleId"] as? String == "WildcardAction")
        #expect(first["ruleIndex"] as? Int == 3)
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String == "\"vod:*\" grants 112 actions, including vod:DeleteVideo.")
        #expect(first["partialFingerprints"] as? [String: String] == ["ramguardFingerprint/v1": "3f1c9a0d2b7e4a11"])
        let location = try #require((first["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        #expect(physical["artifactLocation"] as? [String: String] == ["uri": "policies/identities/vod-pipeline/submit.json", "uriBaseId": "%SRCROOT%"])
        #expect(physical["region"] as? [String: Int] == ["startLine": 6, "startColumn": 18, "endLine": 6, "endColumn": 25])
        #expect((location["logicalLocations"] as? [[String: String]])?.first?["fullyQualifiedName"] == "Statement[0].Action[0]")
        let related = try #require((first["relatedLocations"] as? [[String: Any]])?.first)
        #expect(related["id"] as? Int == 1)
        #expect((related["message"] as? [String: Any])?["text"] as? String == "the Deny that narrows it")

        // An absolute path inside the base directory is made relative; the root is declared.
        let absolute = try #require((results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(absolute["artifactLocation"] as? [String: String] == ["uri": "policies/two.json", "uriBaseId": "%SRCROOT%"])
        #expect(absolute["region"] as? [String: Int] == ["startLine": 9, "startColumn": 14])
        #expect(run["originalUriBaseIds"] as? [String: [String: String]] == ["%SRCROOT%": ["uri": "file:///repo/"]])

        // A whole-file finding has no region; a space is percent-encoded.
        let whole = try #require((results[3]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(whole["region"] == nil)
        #expect((whole["artifactLocation"] as? [String: String])?["uri"] == "policies/whole%20file.json")
        #expect((results[3]["locations"] as? [[String: Any]])?.first?["logicalLocations"] == nil)
    }

    @Test("suppressed and baselined findings carry an external, accepted suppression with the reason")
    func suppressions() throws {
        let results = try #require(try run(try object(AnalysisSamples.lint))["results"] as? [[String: Any]])
        #expect(results[0]["suppressions"] == nil)
        let config = try #require((results[4]["suppressions"] as? [[String: Any]])?.first)
        #expect(config["kind"] as? String == "external")
        #expect(config["status"] as? String == "accepted")
        #expect(config["justification"] as? String == "legacy file, owned by team X")
        #expect((config["properties"] as? [String: String])?["ramguardKind"] == "config")
        #expect(results[4]["baselineState"] == nil)
        let baseline = try #require((results[5]["suppressions"] as? [[String: Any]])?.first)
        #expect((baseline["properties"] as? [String: String])?["ramguardKind"] == "baseline")
        #expect(results[5]["baselineState"] as? String == "unchanged")
    }

    @Test("file paths become RFC 3986 URI references", arguments: [
        ("policies/a.json", nil as String?, "policies/a.json", "%SRCROOT%" as String?),
        ("./policies/../policies/./a.json", nil, "policies/a.json", "%SRCROOT%"),
        ("../shared/a.json", nil, "../shared/a.json", "%SRCROOT%"),
        ("/repo/policies/a.json", "/repo", "policies/a.json", "%SRCROOT%"),
        ("/repo/policies/a.json", "/repo/", "policies/a.json", "%SRCROOT%"),
        ("/repository/a.json", "/repo", "file:///repository/a.json", nil),
        ("/elsewhere/a b.json", "/repo", "file:///elsewhere/a%20b.json", nil),
        ("/repo/a.json", nil, "file:///repo/a.json", nil),
        ("策略/访问 控制.json", nil, "%E7%AD%96%E7%95%A5/%E8%AE%BF%E9%97%AE%20%E6%8E%A7%E5%88%B6.json", "%SRCROOT%"),
        ("p/🛡️.json", nil, "p/%F0%9F%9B%A1%EF%B8%8F.json", "%SRCROOT%"),
        ("a:b/c?d#e%f.json", nil, "a%3Ab/c%3Fd%23e%25f.json", "%SRCROOT%"),
        ("dir\\win.json", nil, "dir%5Cwin.json", "%SRCROOT%"),
    ])
    func uris(file: String, base: String?, uri: String, uriBaseId: String?) throws {
        var report = AnalysisSamples.lint
        report.findings = [AnalysisSamples.wildcard]
        report.findings?[0].file = file
        let results = try #require(try run(try object(report, .init(baseDirectory: base)))["results"] as? [[String: Any]])
        let artifact = (results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        let location = try #require(artifact?["artifactLocation"] as? [String: String])
        #expect(location["uri"] == uri)
        #expect(location["uriBaseId"] == uriBaseId)
        // Only unreserved characters, '/', ':' of the scheme and percent escapes.
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%:")
        #expect(uri.allSatisfy { allowed.contains($0) })
    }

    @Test("hostile text is carried exactly in JSON; an empty report gives an empty run")
    func hostileAndEmpty() throws {
        let hostile = AnalysisSamples.hostile(AnalysisSamples.lint)
        let results = try #require(try run(try object(hostile))["results"] as? [[String: Any]])
        #expect((results[0]["message"] as? [String: Any])?["text"] as? String == AnalysisSamples.hostile)

        for report in [AnalysisSamples.empty, SampleReports.minimal, AnalysisSamples.diff] {
            let run = try run(try object(report))
            #expect((run["results"] as? [Any])?.isEmpty == true)
            #expect((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [Any])?.isEmpty == true)
            #expect(run["originalUriBaseIds"] == nil)
        }
    }
}
