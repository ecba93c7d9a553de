import Foundation
@testable import Reporting
import Testing
import XMLKit

@Suite("JUnitReportEncoder")
struct JUnitReportEncoderTests {
    let encoder = JUnitReportEncoder()

    static let reports = AnalysisSamples.names + ["check deny", "check allow", "check invalid"]

    func parse(_ report: Report) throws -> XMLElementNode {
        try SafeXMLReader().parse(try encoder.encode(report))
    }

    func suite(_ root: XMLElementNode, _ name: String) throws -> XMLElementNode {
        try #require(root.children(named: "testsuite").first { $0.attributes["name"] == name }, "no suite \(name)")
    }

    func outcome(_ testCase: XMLElementNode) -> String {
        testCase.children.first.map(\.name) ?? "passed"
    }

    @Test("every report gives JUnit XML valid against the Ant JUnit schema", arguments: reports)
    func validAgainstJUnitSchema(name: String) throws {
        let report = AnalysisSamples.named(name)
        let schema = try fixture("junit.xsd")
        for candidate in [report, AnalysisSamples.hostile(report)] {
            let xml = try encoder.encode(candidate)
            #expect(isWellFormedForLibXML2(xml))
            #expect(try XMLSchemaValidator().validate(document: xml, schema: schema) == [], "\(name)")
        }
    }

    @Test("the counts of every suite match its test cases", arguments: reports)
    func countsMatch(name: String) throws {
        let report = AnalysisSamples.named(name)
        let root = try parse(report)
        #expect(root.name == "testsuites")
        let suites = root.children(named: "testsuite")
        #expect(!suites.isEmpty, "\(name)")
        for (index, suite) in suites.enumerated() {
            let cases = suite.children(named: "testcase")
            #expect(suite.attributes["id"] == String(index))
            #expect(suite.attributes["tests"] == String(cases.count))
            #expect(suite.attributes["failures"] == String(cases.filter { outcome($0) == "failure" }.count))
            #expect(suite.attributes["errors"] == String(cases.filter { outcome($0) == "error" }.count))
            #expect(suite.attributes["skipped"] == String(cases.filter { outcome($0) == "skipped" }.count))
            #expect(suite.attributes["timestamp"] == String(report.generatedAt.prefix(19)))
            #expect(suite.attributes["hostname"] == "localhost")
            #expect(suite.attributes["package"] == "ramguard.\(report.command)")
            #expect(cases.allSatisfy { $0.attributes["classname"]?.hasPrefix("ramguard.") == true && $0.attributes["time"] == "0" })
        }
    }

    @Test("audit: one suite per identity, one test case per action, failing exactly where the expectation failed")
    func audit() throws {
        let root = try parse(AnalysisSamples.audit)
        #expect(root.children(named: "testsuite").map { $0.attributes["name"] ?? "" } == ["vod-pipeline", "read-only", "lint", "gate"])
        let pipeline = try suite(root, "vod-pipeline")
        let cases = pipeline.children(named: "testcase")
        #expect(cases.map { $0.attributes["name"] ?? "" } == ["vod:SubmitWorkflowJob on *", "vod:DeleteVideo on *", "vod:GetPlayInfo on *", "ram:CreateUser on *"])
        #expect(cases.map(outcome) == ["passed", "failure", "passed", "passed"])
        let failure = try #require(cases[1].child("failure"))
        #expect(failure.attributes["message"] == "expected not-granted, but the verdict is always: vod:* allows it everywhere.")
        #expect(failure.attributes["type"] == "ramguard.audit.always")
        #expect(failure.text.contains("policies/identities/vod-pipeline/submit.json:4:5 Statement[0] \"SubmitFromOffice\" [identity, Allow]"))
        #expect(cases[0].attributes["classname"] == "ramguard.audit.vod-pipeline")
        #expect(try suite(root, "gate").child("testcase")?.child("failure") != nil)

        // An identity whose policies are invalid cannot be judged: an error, with or without an expectation.
        var invalid = AnalysisSamples.audit
        invalid.audit?[1].checks = [
            AccessCheckInfo(action: "vod:A", resource: "*", verdict: "invalid", summary: "p.json is not valid.", expected: "granted", passed: false),
            AccessCheckInfo(action: "vod:B", resource: "*", verdict: "invalid", summary: "p.json is not valid."),
        ]
        let readOnly = try suite(try parse(invalid), "read-only").children(named: "testcase")
        #expect(readOnly.map(outcome) == ["error", "error"])
        #expect(readOnly.first?.child("error")?.attributes["type"] == "ramguard.audit.invalid")
        #expect(try XMLSchemaValidator().validate(document: try encoder.encode(invalid), schema: try fixture("junit.xsd")) == [])
        #expect(try XMLSchemaValidator().validateReport(try XMLReportEncoder().encode(invalid)) == [])
    }

    @Test("lint: one test case per finding class, failing when the gate counts an unsuppressed finding of it")
    func lint() throws {
        let root = try parse(AnalysisSamples.lint)
        let lint = try suite(root, "lint")
        let cases = lint.children(named: "testcase")
        #expect(cases.map { $0.attributes["name"] ?? "" } == ["error", "security-warning", "warning", "suggestion"])
        // threshold warning: error, security-warning, warning fail; the suggestion fails through --fail-on.
        #expect(cases.map(outcome) == ["failure", "failure", "failure", "failure"])
        let warning = try #require(cases[2].child("failure"))
        #expect(warning.attributes["message"] == "1 warning fails the gate")
        #expect(warning.text.hasPrefix("/repo/policies/two.json:9:14: warning [DuplicateSid] Sid \"A\" is used twice."))
        #expect(cases[3].child("failure")?.text.hasPrefix("policies/whole file.json: suggestion [PreferNotAction]") == true)
        // Suppressed and baselined findings fail nothing but are listed.
        let out = try #require(lint.childText("system-out"))
        #expect(out.contains("suppressed (legacy file, owned by team X): policies/legacy.json:3:1: warning [DuplicateSid]"))
        #expect(out.contains("baselined (in baseline .ramguard-baseline.json): policies/old.json:1:1: error [InvalidVersion]"))
        #expect(cases[0].child("failure")?.text.contains("aws.json") == true)
        #expect(cases[0].child("failure")?.text.contains("old.json") == false)

        // With the default gate (errors only) only the error class fails; the rest is reported in system-out.
        var lenient = AnalysisSamples.lint
        lenient.gate = nil
        let relaxed = try suite(try parse(lenient), "lint")
        #expect(relaxed.children(named: "testcase").map(outcome) == ["failure", "passed", "passed", "passed"])
        #expect(relaxed.childText("system-out")?.contains("not counted by the gate: policies/identities/vod-pipeline/submit.json:6:18: security-warning [WildcardAction]") == true)
    }

    @Test("explain: the verdict, and whether the engine confirmed the examples")
    func explain() throws {
        let root = try parse(AnalysisSamples.explain)
        let explain = try suite(root, "explain")
        let cases = explain.children(named: "testcase")
        #expect(cases.map { $0.attributes["name"] ?? "" } == ["vod:SubmitWorkflowJob on *", "examples confirmed by the engine"])
        #expect(cases.map(outcome) == ["passed", "passed"])

        var unconfirmed = AnalysisSamples.explain
        unconfirmed.explanation?.examplesConfirmed = false
        unconfirmed.explanation?.verdict = "undecidable"
        unconfirmed.explanation?.undecidableReasons = ["acs:SourceIp is compared with an unknown operator"]
        let bad = try suite(try parse(unconfirmed), "explain").children(named: "testcase")
        #expect(bad.map(outcome) == ["skipped", "error"])
        #expect(bad[0].child("skipped")?.attributes["message"] == "undecidable: acs:SourceIp is compared with an unknown operator")
    }

    @Test("diff: one test case per changed action plus one per gate")
    func diff() throws {
        let root = try parse(AnalysisSamples.diff)
        let cases = try suite(root, "diff").children(named: "testcase")
        #expect(cases.map { $0.attributes["name"] ?? "" } == [
            "vod:DeleteVideo gained", "vod:SubmitWorkflowJob tightened", "noNewAccess",
            "stillGrants vod:SubmitWorkflowJob", "stillGrants vod:GetPlayInfo",
        ])
        #expect(cases.map(outcome) == ["failure", "passed", "failure", "passed", "failure"])
        #expect(cases[0].child("failure")?.attributes["message"] == "gained: never → always, which noNewAccess forbids")

        var noGate = AnalysisSamples.diff
        noGate.diff?.noNewAccess = nil
        noGate.diff?.stillGrants = []
        noGate.gate = nil
        let plain = try parse(noGate)
        #expect(plain.children(named: "testsuite").map { $0.attributes["name"] ?? "" } == ["diff"])
        #expect(try suite(plain, "diff").children(named: "testcase").map(outcome) == ["passed", "passed"])
    }

    @Test("check: the decision is one test case")
    func check() throws {
        let deny = try suite(try parse(SampleReports.full), "check").children(named: "testcase")
        #expect(deny.map { $0.attributes["name"] ?? "" } == ["oss:GetObject on acs:oss:*:123456:bucket/key.txt"])
        #expect(deny.first?.child("failure")?.attributes["message"] == "ExplicitDeny by the identity layer")
        #expect(deny.first?.child("failure")?.text.contains("missing context key: acs:SecureTransport") == true)
        #expect(try suite(try parse(SampleReports.minimal), "check").child("testcase").map(outcome) == "passed")
        #expect(try suite(try parse(SampleReports.noOptionals), "check").child("testcase").map(outcome) == "error")
    }

    @Test("preflight: blocking failures fail, undecided checks are skipped")
    func preflight() throws {
        var report = SampleReports.minimal
        report.command = "preflight"
        report.preflight = [
            PreflightCheckInfo(id: "credentials.found", title: "Credentials", severity: "blocking", status: "pass", message: "found"),
            PreflightCheckInfo(id: "clock.skew", title: "Clock", severity: "warning", status: "undecided", message: "offline"),
            PreflightCheckInfo(id: "policy.grants-submit", title: "Policy", severity: "blocking", status: "fail", message: "denied", remedy: "attach it"),
        ]
        let root = try parse(report)
        #expect(try XMLSchemaValidator().validate(document: try encoder.encode(report), schema: try fixture("junit.xsd")) == [])
        let cases = try suite(root, "preflight").children(named: "testcase")
        #expect(cases.map(outcome) == ["passed", "skipped", "failure"])
        #expect(cases[2].child("failure")?.text == "fix: attach it")
    }

    @Test("empty analysis sections give passing suites, and a suite name that is only whitespace gets a placeholder")
    func empty() throws {
        let root = try parse(AnalysisSamples.empty)
        #expect(root.children(named: "testsuite").map { $0.attributes["name"] ?? "" } == ["lint", "explain", "diff", "gate"])
        #expect(root.children(named: "testsuite").allSatisfy { $0.attributes["failures"] == "0" && $0.attributes["errors"] == "0" })
        var blank = AnalysisSamples.audit
        blank.audit?[0].identity = " \n\t "
        let suites = try parse(blank).children(named: "testsuite")
        #expect(suites.first?.attributes["name"] == "(unnamed)")
        #expect(try XMLSchemaValidator().validate(document: try encoder.encode(blank), schema: try fixture("junit.xsd")) == [])
    }

    @Test("hostile text is escaped and survives as text; timestamps are zone-less; output is deterministic")
    func escaping() throws {
        let report = AnalysisSamples.hostile(AnalysisSamples.lint)
        let bytes = try encoder.encode(report)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        let root = try SafeXMLReader().parse(bytes)
        let failure = try #require(try suite(root, "lint").children(named: "testcase")[1].child("failure"))
        #expect(failure.text.contains(XMLReportEncoder.escapeNonXMLCharacters(AnalysisSamples.hostile)))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("<script>"))
        #expect(try encoder.encode(report) == bytes)
        #expect(try JUnitReportEncoder(options: .init(hostname: "ci runner 7")).encodeString(report).contains(#"hostname="ci runner 7""#))
        var odd = AnalysisSamples.lint
        odd.generatedAt = "not a time"
        #expect(try encoder.encodeString(odd).contains(#"timestamp="1970-01-01T00:00:00""#))
    }
}

extension JUnitReportEncoderTests {
    /// An audit of `identities` identities with a lint suite of `findings` findings.
    static func largeAudit(identities: Int, findings: Int) -> Report {
        var report = AnalysisSamples.audit
        report.audit = (0..<identities).map { i in
            var identity = AnalysisSamples.audit.audit![i % 2]
            identity.identity = i % 10 == 0 ? AnalysisSamples.hostile : "team/identity-\(i)"
            return identity
        }
        report.findings = JUnitLintTextTests.findings(findings)
        return report
    }

    @Test("suites written on every core, in parts, make the document one writer makes",
          arguments: AnalysisSamples.names + ["large"])
    func parallelSuitesMatchOneWriter(name: String) throws {
        let report = name == "large" ? Self.largeAudit(identities: 300, findings: 20_000) : AnalysisSamples.named(name)
        for sample in [report, AnalysisSamples.hostile(report)] {
            let one = Array(try encoder.encodeParts(sample, parallelSuites: Int.max).joined())
            let parts = try encoder.encodeParts(sample, parallelSuites: 1)
            let parallel = Array(parts.joined())
            let difference = one.indices.first { $0 >= parallel.count || one[$0] != parallel[$0] } ?? (one.count == parallel.count ? nil : one.count)
            #expect(difference == nil, "first difference at \(difference ?? 0): \(String(decoding: one[max(0, (difference ?? 0) - 80)..<min(one.count, (difference ?? 0) + 40)], as: UTF8.self).debugDescription) against \(String(decoding: parallel[max(0, (difference ?? 0) - 80)..<min(parallel.count, (difference ?? 0) + 40)], as: UTF8.self).debugDescription)")
            let whole = try encoder.encode(sample)
            #expect(whole.count == one.count && whole == one)
            if name == "large" {
                // The lint suite's texts were spliced in as they were made, not copied into libxml2's buffer.
                #expect(parts.count > 8)
                _ = try SafeXMLReader(maxBytes: 64 << 20).parse(parallel)
            }
        }
    }
}
