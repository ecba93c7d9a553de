import Foundation
import RamguardKit
import Reporting
import Testing
import VODEmulator

/// Submit and preflight reports in XML validate against the bundled XSD; the text form shows the outcome.
@Suite("submit reports: XML schema, text")
struct ReportEncodingTests {
    /// One report per outcome (and preflight).
    static func reports() async throws -> [(String, Report)] {
        let scratch = try Scratch()
        var reports: [(String, Report)] = []
        let vod = try await LocalVOD.start(workflows: [Keys.workflow, "0123456789abcdef0123456789abcdef"],
                                          faults: [FaultRule(kind: .internalError, workflowId: "0123456789abcdef0123456789abcdef")])
        defer { Task { await vod.stop() } }
        let allow = try scratch.write("allow.json", PolicyText.allowSubmit)
        let deny = try scratch.write("deny.json", PolicyText.denySubmit)
        let broken = try scratch.write("broken.json", #"{"Version":"2","Statement":[]}"#)
        reports.append(("submitted", try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, mediaId: Keys.media, policies: [allow], journal: scratch.file("j.jsonl"))).report))
        reports.append(("dry run", try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: Keys.sts, dryRun: true)).report))
        reports.append(("denied locally", try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [deny])).report))
        reports.append(("preflight failed", try await SubmitRun.run(.test(endpoint: "http://example.com", home: scratch.path, workflowId: "nope")).report))
        reports.append(("invalid policy", try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, policies: [broken])).report))
        reports.append(("unknown", try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, workflowId: "0123456789abcdef0123456789abcdef")).report))
        let denying = try await LocalVOD.start(policies: [PolicyText.denySubmit])
        defer { Task { await denying.stop() } }
        reports.append(("denied by the service", try await SubmitRun.run(.test(endpoint: denying.url, home: scratch.path, policies: [allow])).report))
        let preflight = try await PreflightRunner(planner: PreflightPlanner(probeTransport: FailingTransport()))
            .run(.test(endpoint: vod.url, home: scratch.path, policies: [allow]))
        reports.append(("preflight", preflight.report))
        return reports
    }

    @Test("every submit and preflight report validates against ramguard-report.xsd")
    func xmlValidates() async throws {
        let validator = XMLSchemaValidator()
        for (name, report) in try await Self.reports() {
            let xml = try XMLReportEncoder().encode(report)
            let problems = try validator.validateReport(xml)
            #expect(problems.isEmpty, "\(name): \(problems)\n\(String(decoding: xml, as: UTF8.self).prefix(4_000))")
        }
    }

    @Test("the XML carries the outcome, the checks and the decoded denial")
    func xmlContent() async throws {
        let reports = try await Self.reports()
        let denied = try #require(reports.first { $0.0 == "denied by the service" }?.1)
        let xml = try XMLReportEncoder().encodeString(denied)
        #expect(xml.contains(#"outcome="denied""#))
        #expect(xml.contains(#"<check id="policy.grants-submit""#))
        #expect(xml.contains(#"<error kind="service" code="Forbidden.RAM" httpStatus="403""#))
        #expect(xml.contains(#"noPermissionType="ExplicitDeny""#) && xml.contains(#"decision="ExplicitDeny" layer="identity""#))
        let submitted = try #require(reports.first { $0.0 == "submitted" }?.1)
        let submittedXML = try XMLReportEncoder().encodeString(submitted)
        #expect(submittedXML.contains(#"taskId=""#) && submittedXML.contains(#"<attempt number="1" result="success" httpStatus="200""#))
    }

    @Test("JSON: outcome, requestId, taskId, error and preflight sit next to decision at the top level")
    func jsonShape() async throws {
        let reports = try await Self.reports()
        for (name, report) in reports where name != "preflight" {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportEncoder().encode(report))) as? [String: Any])
            #expect(object["decision"] is String, "\(name)")
            #expect(object["outcome"] is String, "\(name)")
            let checks = try #require(object["preflight"] as? [[String: Any]], "\(name)")
            #expect(checks.allSatisfy { $0["id"] is String && $0["status"] is String && $0["message"] is String })
        }
        let submitted = try #require(reports.first { $0.0 == "submitted" }?.1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportEncoder().encode(submitted))) as? [String: Any])
        #expect(object["taskId"] is String && object["requestId"] is String)
        let denied = try #require(reports.first { $0.0 == "denied by the service" }?.1)
        let deniedObject = try #require(try JSONSerialization.jsonObject(with: Data(JSONReportEncoder().encode(denied))) as? [String: Any])
        let error = try #require(deniedObject["error"] as? [String: Any])
        #expect(error["code"] as? String == "Forbidden.RAM")
        #expect(error["message"] is String)
        #expect((error["accessDenied"] as? [String: Any])?["noPermissionType"] as? String == "ExplicitDeny")
    }

    @Test("text: a headline per outcome")
    func textHeadlines() async throws {
        let expected = [
            "submitted": "SUBMITTED", "dry run": "DRY RUN", "denied locally": "DENIED  by the local policy check",
            "preflight failed": "PREFLIGHT FAILED", "unknown": "OUTCOME UNKNOWN", "denied by the service": "DENIED  by the service",
            "preflight": "PREFLIGHT PASSED",
        ]
        for (name, report) in try await Self.reports() {
            let text = TextReportRenderer(color: false).render(report)
            if let headline = expected[name] {
                #expect(text.hasPrefix(headline), "\(name): \(text.prefix(200))")
            }
            #expect(text.contains("Preflight:"))
        }
    }
}
