import AlibabaCloud
import Foundation
import Testing
import VOD
import VODEmulator

/// Authentication as the gateway does it: V3 and V1 signatures, clock window, nonces, STS tokens.
@Suite struct SignatureTests {
    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func acceptsASignedRequest(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let response = try await harness.response(harness.signed(scheme: scheme))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json;charset=utf-8")
        let body = try response.success()
        #expect(VODIdentifier.isCanonical(body.taskId))
        #expect(body.requestId == response.header("x-acs-request-id"))
        let jobs = await harness.emulator.jobs()
        #expect(jobs.count == 1)
        #expect(jobs.first?.taskId == body.taskId)
        #expect(jobs.first?.workflowId == TestKeys.workflow)
        #expect(jobs.first?.mediaId == TestKeys.media)
        #expect(jobs.first?.signatureScheme == scheme.rawValue)
        #expect(jobs.first?.accessKeyId == "LTAI****Id")
        await harness.stop()
    }

    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func acceptsSTSCredentials(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration(credential: TestKeys.sts))
        let response = try await harness.response(harness.signed(scheme: scheme, credential: TestKeys.sts))
        #expect(response.status == 200)
        await harness.stop()
    }

    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func rejectsAWrongSecret(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let wrong = Credential(accessKeyId: TestKeys.longTerm.accessKeyId, accessKeySecret: "NotTheSecret000000000000000000")
        let response = try await harness.response(harness.signed(scheme: scheme, credential: wrong))
        #expect(response.status == 400)
        let error = try response.errorBody()
        #expect(error.code == "SignatureDoesNotMatch")
        #expect(error.requestId == response.header("x-acs-request-id"))
        #expect(error.hostId == "vod.cn-shanghai.aliyuncs.com")
        #expect(error.recommend == "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=vod")
        // Like the gateway: the message echoes the server's string-to-sign, never a secret.
        let message = try #require(error.message)
        #expect(message.hasPrefix("Specified signature is not matched with our calculation. server string to sign is:"))
        #expect(message.contains(scheme == .v3 ? "ACS3-HMAC-SHA256\n" : "POST&%2F&AccessKeyId%3DLTAI-NOT-A-REAL-KEY-Id"))
        #expect(!response.text.contains(TestKeys.longTerm.accessKeySecret))
        #expect(!response.text.contains("NotTheSecret"))
        #expect(error.scrubbedMessage?.contains("AccessKeyId%3D") == false)
        #expect(await harness.emulator.jobs().isEmpty)
        await harness.stop()
    }

    @Test func rejectsAnUnknownAccessKey() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let response = try await harness.response(harness.signed(credential: TestKeys.other))
        #expect(response.status == 400)
        #expect(try response.errorBody().code == "InvalidAccessKeyId.NotFound")
        await harness.stop()
    }

    @Test(arguments: [-16.0 * 60, 16.0 * 60])
    func rejectsATimestampOutsideFifteenMinutes(offset: TimeInterval) async throws {
        let now = Date()
        let harness = try await Harness.start(try Harness.configuration(), clock: .fixed(now))
        let response = try await harness.response(harness.signed(date: now.addingTimeInterval(offset)))
        #expect(response.status == 400)
        let error = try response.errorBody()
        #expect(error.code == "InvalidTimeStamp.Expired")
        #expect(error.message == "Specified time stamp or date value is expired.")
        await harness.stop()
    }

    @Test(arguments: [-14.0 * 60, 14.0 * 60])
    func acceptsATimestampWithinFifteenMinutes(offset: TimeInterval) async throws {
        let now = Date()
        let harness = try await Harness.start(try Harness.configuration(), clock: .fixed(now))
        let response = try await harness.response(harness.signed(scheme: .rpcV1, date: now.addingTimeInterval(offset)))
        #expect(response.status == 200)
        await harness.stop()
    }

    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func rejectsAReusedNonce(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let request = harness.signed(scheme: scheme)
        #expect(try await harness.response(request).status == 200)
        let replay = try await harness.response(request)
        #expect(replay.status == 400)
        #expect(try replay.errorBody().code == "SignatureNonceUsed")
        #expect(await harness.emulator.jobs().count == 1)
        // A fresh nonce (a re-signed retry) is fine.
        #expect(try await harness.response(harness.signed(scheme: scheme)).status == 200)
        await harness.stop()
    }

    @Test(arguments: [SignatureScheme.v3, .rpcV1])
    func requiresTheSecurityTokenOfAnSTSIdentity(scheme: SignatureScheme) async throws {
        let harness = try await Harness.start(try Harness.configuration(credential: TestKeys.sts))
        let withoutToken = Credential(accessKeyId: TestKeys.sts.accessKeyId, accessKeySecret: TestKeys.sts.accessKeySecret)
        let missing = try await harness.response(harness.signed(scheme: scheme, credential: withoutToken))
        #expect(missing.status == 400)
        #expect(try missing.errorBody().code == "MissingSecurityToken")

        var wrongToken = TestKeys.sts
        wrongToken.securityToken = "CAISsomeOtherToken"
        let mismatch = try await harness.response(harness.signed(scheme: scheme, credential: wrongToken))
        #expect(try mismatch.errorBody().code == "InvalidSecurityToken.MismatchWithAccessKey")
        #expect(!mismatch.text.contains("CAISsomeOtherToken"))
        await harness.stop()
    }

    @Test func rejectsAnExpiredSecurityToken() async throws {
        let harness = try await Harness.start(try Harness.configuration(
            credential: TestKeys.sts, tokenExpiration: Date().addingTimeInterval(-60)))
        let response = try await harness.response(harness.signed(credential: TestKeys.sts))
        #expect(try response.errorBody().code == "InvalidSecurityToken.Expired")
        await harness.stop()
    }

    @Test func rejectsAnUnsignedRequest() async throws {
        let harness = try await Harness.start(try Harness.configuration())
        let unsigned = SubmitWorkflowJobRequest(workflowId: TestKeys.workflow).signableRequest(host: harness.host, scheme: .rpcV1)
        let response = try await harness.response(unsigned)
        #expect(response.status == 400)
        #expect(try response.errorBody().code == "MissingSignature")
        await harness.stop()
    }

    @Test func logsOneLinePerRequestWithoutSecrets() async throws {
        let harness = try await Harness.start(try Harness.configuration(credential: TestKeys.sts))
        _ = try await harness.response(harness.signed(scheme: .rpcV1, credential: TestKeys.sts))
        var wrong = TestKeys.sts
        wrong.accessKeySecret = "WrongSecretWrongSecretWrongSecret"
        _ = try await harness.response(harness.signed(scheme: .rpcV1, credential: wrong))
        _ = try await harness.response(harness.signed(scheme: .v3, credential: wrong))
        await harness.stop()
        let lines = harness.logs.lines
        #expect(lines.count == 3)
        #expect(lines[0].contains("Result=200") && lines[0].contains("TaskId="))
        #expect(lines[1].contains("Result=400") && lines[1].contains("Code=SignatureDoesNotMatch"))
        for line in lines {
            #expect(line.contains("AccessKeyId=STS.****01"))
            #expect(!line.contains(TestKeys.sts.accessKeyId))
            #expect(!line.contains(TestKeys.sts.accessKeySecret))
            #expect(!line.contains("WrongSecret"))
            #expect(!line.contains("CAIS"))
            #expect(!line.contains("Signature=") && !line.contains("string to sign"))
        }
    }
}
