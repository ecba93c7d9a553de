import Foundation
import RamguardKit
import Testing

@Suite("ramguard preflight (runner)")
struct PreflightRunnerTests {
    static let runner = PreflightRunner(planner: PreflightPlanner(probeTransport: FailingTransport()))

    @Test("every check is listed with a stable id, in order")
    func ids() async throws {
        let scratch = try Scratch()
        let allow = try scratch.write("allow.json", PolicyText.allowSubmit)
        let result = try await Self.runner.run(.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path, policies: [allow],
                                                     journal: scratch.file("j.jsonl")))
        #expect(result.report.preflight?.map(\.id) == [
            "credentials.found", "credentials.complete", "credentials.well-formed", "credentials.sts-token", "credentials.not-expired",
            "endpoint.resolved", "parameters.workflow-id", "parameters.media-id", "clock.sane", "policy.grants-submit",
            "journal.no-unknown-outcome",
        ])
        #expect(result.exitCode == 0)
        #expect(result.report.command == "preflight")
        #expect(result.report.outcome == nil)
        // Preflight only reads the journal: it does not create it.
        #expect(!FileManager.default.fileExists(atPath: scratch.file("j.jsonl")))
    }

    @Test("exit codes: 1 policy denial, 2 invalid policy, 3 another blocking failure")
    func exitCodes() async throws {
        let scratch = try Scratch()
        let deny = try scratch.write("deny.json", PolicyText.denySubmit)
        let broken = try scratch.write("broken.json", #"{"Version":"1"}"#)
        let endpoint = "https://vod.cn-shanghai.aliyuncs.com"
        #expect(try await Self.runner.run(.test(endpoint: endpoint, home: scratch.path, policies: [deny])).exitCode == 1)
        #expect(try await Self.runner.run(.test(endpoint: endpoint, home: scratch.path, policies: [broken])).exitCode == 2)
        #expect(try await Self.runner.run(.test(endpoint: endpoint, home: scratch.path, workflowId: "not-an-id")).exitCode == 3)
        #expect(try await Self.runner.run(.test(endpoint: endpoint, home: scratch.path)).exitCode == 0)
    }

    @Test("--context cannot override keys ramguard derives")
    func derivedKeys() async throws {
        let scratch = try Scratch()
        await #expect(throws: RamguardError.self) {
            _ = try await Self.runner.run(.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path, context: ["acs:SecureTransport=false"]))
        }
        await #expect(throws: RamguardError.self) {
            _ = try await Self.runner.run(.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path, context: ["acs:SourceIp=not-an-ip"]))
        }
    }

    @Test("missing condition keys make the policy check undecided, not failed")
    func undecided() async throws {
        let scratch = try Scratch()
        let office = try scratch.write("office.json", PolicyText.allowFromOffice)
        let result = try await Self.runner.run(.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path, policies: [office]))
        let check = try #require(result.report.preflight?.first { $0.id == "policy.grants-submit" })
        #expect(check.status == "undecided")
        #expect(check.message.contains("acs:SourceIp"))
        #expect(result.exitCode == 0)
        let decided = try await Self.runner.run(.test(endpoint: "https://vod.cn-shanghai.aliyuncs.com", home: scratch.path, policies: [office],
                                                      context: ["acs:SourceIp=203.0.113.9"]))
        #expect(decided.report.preflight?.first { $0.id == "policy.grants-submit" }?.status == "pass")
    }
}
