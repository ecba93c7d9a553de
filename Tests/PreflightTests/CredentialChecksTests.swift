import AlibabaCloud
import Foundation
import Preflight
import Testing

@Suite("credential checks")
struct CredentialChecksTests {
    @Test("found: names the winning source and why the others did not win, never the secret")
    func found() {
        let lookup = Sample.chain(["ALIBABA_CLOUD_ACCESS_KEY_ID": Sample.longTerm.accessKeyId, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": Sample.longTerm.accessKeySecret])
        let result = Preflight.run(Sample.input(credentials: lookup))
        let check = result.check(PreflightCheckID.credentialsFound)!
        #expect(check.status == .pass)
        #expect(check.message.contains("LTAI****Id"))
        #expect(check.message.contains("environment variables"))
        #expect(check.details.count == 6)
        #expect(check.details[0].contains("used"))
        #expect(check.details[1].contains("not consulted"))
        let all = result.checks.map { "\($0.message) \($0.details.joined()) \($0.remedy ?? "")" }.joined()
        #expect(!all.contains(Sample.longTerm.accessKeySecret))
        #expect(result.credential == Sample.longTerm)
    }

    @Test("nothing configured: found fails with the remedy, the others are undecided")
    func missing() {
        let result = Preflight.run(Sample.input(credentials: Sample.chain([:])))
        #expect(result.check(PreflightCheckID.credentialsFound)?.status == .fail)
        #expect(result.check(PreflightCheckID.credentialsFound)?.remedy?.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true)
        for id in [PreflightCheckID.credentialsComplete, PreflightCheckID.credentialsWellFormed, PreflightCheckID.credentialsSecurityToken, PreflightCheckID.credentialsNotExpired] {
            #expect(result.check(id)?.status == .undecided, "\(id)")
        }
        #expect(!result.mayProceed)
    }

    @Test("an incomplete source is named: the ID without its secret")
    func incomplete() {
        let result = Preflight.run(Sample.input(credentials: Sample.chain(["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI-NOT-A-REAL-KEY-Id"])))
        let check = result.check(PreflightCheckID.credentialsComplete)!
        #expect(check.status == .fail)
        #expect(check.message.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
    }

    @Test("a source that needs a network call stops the chain, and says so")
    func needsNetwork() {
        let result = Preflight.run(Sample.input(credentials: Sample.chain(["ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:1/creds"])))
        let check = result.check(PreflightCheckID.credentialsFound)!
        #expect(check.status == .fail)
        #expect(check.message.contains("network call"))
    }

    @Test("the ECS probe's finding is shown next to the ECS source")
    func probe() {
        let input = PreflightInput(credentials: Sample.chain(["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "false"]),
                                   ecsProbe: .unreachable("100.100.100.200 did not answer"), target: .region("cn-shanghai"),
                                   request: .init(workflowId: Sample.workflow), now: Sample.now)
        let details = Preflight.run(input).check(PreflightCheckID.credentialsFound)!.details
        #expect(details.contains { $0.contains("ECS instance RAM role") && $0.contains("unreachable — 100.100.100.200 did not answer") })
    }

    @Test("STS keys need their token; long-term keys must not carry one")
    func tokens() {
        #expect(Sample.check(PreflightCheckID.credentialsSecurityToken, Sample.input(credentials: Sample.resolved(Sample.sts))).status == .pass)
        let noToken = Credential(accessKeyId: Sample.sts.accessKeyId, accessKeySecret: "s")
        let missing = Sample.check(PreflightCheckID.credentialsSecurityToken, Sample.input(credentials: Sample.resolved(noToken)))
        #expect(missing.status == .fail)
        #expect(missing.message.contains("MissingSecurityToken"))
        let mismatched = Credential(accessKeyId: Sample.longTerm.accessKeyId, accessKeySecret: "s", securityToken: "t")
        #expect(Sample.check(PreflightCheckID.credentialsSecurityToken, Sample.input(credentials: Sample.resolved(mismatched))).status == .fail)
        #expect(Sample.check(PreflightCheckID.credentialsSecurityToken, Sample.input()).status == .pass)
    }

    @Test("expiry: expired fails, soon warns, later passes, unknown is undecided")
    func expiry() {
        func status(_ expiration: Date?) -> PreflightStatus {
            var credential = Sample.sts
            credential.expiration = expiration
            return Sample.check(PreflightCheckID.credentialsNotExpired, Sample.input(credentials: Sample.resolved(credential))).status
        }
        #expect(status(Sample.now.addingTimeInterval(-1)) == .fail)
        #expect(status(Sample.now.addingTimeInterval(600)) == .warn)
        #expect(status(Sample.now.addingTimeInterval(7200)) == .pass)
        #expect(status(nil) == .undecided)
        #expect(Sample.check(PreflightCheckID.credentialsNotExpired, Sample.input()).status == .pass)
    }

    @Test("well-formed: whitespace fails, an unknown prefix warns")
    func wellFormed() {
        let pasted = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "secret\n")
        #expect(Sample.check(PreflightCheckID.credentialsWellFormed, Sample.input(credentials: Sample.resolved(pasted))).status == .fail)
        let old = Credential(accessKeyId: "0legacy-fake-key", accessKeySecret: "FakeLegacySecretForTestsOnly00")
        #expect(Sample.check(PreflightCheckID.credentialsWellFormed, Sample.input(credentials: Sample.resolved(old))).status == .warn)
        #expect(Sample.check(PreflightCheckID.credentialsWellFormed, Sample.input()).status == .pass)
    }
}
