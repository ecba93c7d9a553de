import AlibabaCloud
import Foundation
import RamguardKit
import Reporting
import Testing
import VODEmulator

/// The canary secret, the canary token and every signature sent never appear in any report (JSON, XML,
/// text), journal or emulator log, whatever the outcome.
@Suite("no secret, token or signature in any output")
struct SecretHygieneTests {
    @Test("every outcome, both signature versions, long-term and STS keys")
    func sweep() async throws {
        let scratch = try Scratch()
        let journal = scratch.file("journal.jsonl")
        let allow = try scratch.write("allow.json", PolicyText.allowSubmit)
        var texts: [String] = []
        var signatures: [String] = []
        var logs: [String] = []
        for credential in [Keys.longTerm, Keys.sts] {
            let scenarios: [(faults: [FaultRule], policies: [String], secret: String?)] = [
                ([], [PolicyText.allowSubmit], nil),
                ([FaultRule(kind: .throttling, count: 1)], [PolicyText.allowSubmit], nil),
                ([FaultRule(kind: .internalError, count: 1)], [PolicyText.allowSubmit], nil),
                ([FaultRule(kind: .dropAfterProcessing, count: 1)], [PolicyText.allowSubmit], nil),
                ([], [PolicyText.denySubmit], nil),
                ([], [PolicyText.allowSubmit], "SomeOtherSecretEntirely00000"),
            ]
            for scenario in scenarios {
                for version in [SignatureVersion.v3, .v1] {
                    let vod = try await LocalVOD.start(credential: credential, acceptedSecret: scenario.secret,
                                                       policies: scenario.policies, faults: scenario.faults)
                    for dryRun in [false, true] {
                        let run = try await SubmitRun.run(.test(endpoint: vod.url, home: scratch.path, credential: credential,
                                                                policies: [allow], signatureVersion: version, dryRun: dryRun,
                                                                journal: journal, force: true))
                        texts += try run.renderings
                        signatures += run.transport.signatures
                    }
                    logs += vod.logs.lines
                    await vod.stop()
                }
            }
        }
        texts.append(scratch.read("journal.jsonl"))
        texts += logs
        #expect(signatures.count >= 24)
        #expect(!scratch.read("journal.jsonl").isEmpty)
        let needles = Keys.canaries + Keys.canaries.map(PercentEncoding.encode) + signatures
        for text in texts {
            for needle in needles where text.contains(needle) {
                Issue.record("found a secret in output: …\(text.prefix(300))…")
            }
        }
    }
}
