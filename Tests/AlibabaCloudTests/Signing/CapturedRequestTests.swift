import AlibabaCloud
import Foundation
import Testing

/// The 20 raw requests both generations of the official Python SDK sent to a loopback stub
/// (`sdk-captured-requests.json`) must verify; tampered copies must not.
@Suite("Captured SDK requests")
struct CapturedRequestTests {
    static func secrets(_ fixtures: CapturedRequests) -> [String: String] {
        [
            fixtures.credentials.longTerm.accessKeyId: fixtures.credentials.longTerm.accessKeySecret,
            fixtures.credentials.sts.accessKeyId: fixtures.credentials.sts.accessKeySecret,
        ]
    }

    static func request(_ captured: CapturedRequests.Request) throws -> SignableRequest {
        try SignableRequest(
            method: captured.method,
            requestTarget: captured.requestTarget,
            headers: captured.headers.compactMap { $0.count == 2 ? SignableRequest.Header($0[0], $0[1]) : nil },
            body: Array(captured.body.utf8)
        )
    }

    @Test func everyScenarioIsPresent() throws {
        let fixtures = try Fixtures.capturedRequests()
        #expect(fixtures.scenarios.count == 17)
        #expect(fixtures.allRequests.count == 20)
    }

    @Test(arguments: try Fixtures.capturedRequests().allRequests)
    func verifies(_ labeled: CapturedRequests.Labeled) throws {
        let fixtures = try Fixtures.capturedRequests()
        let secrets = Self.secrets(fixtures)
        let captured = labeled.request
        let request = try Self.request(captured)

        // The decoded query matches what the stub decoded, whichever space encoding the SDK used.
        #expect(request.query.map { [$0.name, $0.value] } == captured.queryDecoded)

        let verified = try SignatureVerifier().verify(request) { secrets[$0] }
        let check = captured.serverSideSignatureCheck
        #expect(check.ok)
        #expect(verified.accessKeyId == check.accessKeyId)
        #expect(verified.scheme == (check.scheme.hasPrefix("V3") ? .v3 : .rpcV1))
        switch verified.scheme {
        case .v3:
            #expect(verified.nonce == request.headerValue(named: "x-acs-signature-nonce"))
            #expect(verified.timestamp == request.headerValue(named: "x-acs-date"))
            #expect(verified.signedHeaders == check.signedHeaders)
            #expect(verified.securityToken == request.headerValue(named: "x-acs-security-token"))
        case .rpcV1:
            #expect(verified.nonce == request.query.first { $0.name == "SignatureNonce" }?.value)
            #expect(verified.timestamp == request.query.first { $0.name == "Timestamp" }?.value)
            #expect(verified.securityToken == request.query.first { $0.name == "SecurityToken" }?.value)
        }
        #expect(SigningTimestamp.string(from: verified.date) == verified.timestamp)
    }

    @Test(arguments: try Fixtures.capturedRequests().allRequests)
    func wrongSecretFails(_ labeled: CapturedRequests.Labeled) throws {
        let request = try Self.request(labeled.request)
        let error = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(request) { _ in "NotTheRightSecret0123456789abc" }
        }
        #expect(error?.code == .signatureMismatch)
        #expect(error?.gatewayCode == "SignatureDoesNotMatch")
        #expect(error?.serverStringToSign != nil)
    }

    @Test(arguments: try Fixtures.capturedRequests().allRequests)
    func tamperedParameterFails(_ labeled: CapturedRequests.Labeled) throws {
        let fixtures = try Fixtures.capturedRequests()
        let secrets = Self.secrets(fixtures)
        var request = try Self.request(labeled.request)
        let index = try #require(request.query.firstIndex { $0.name == "WorkflowId" })
        request.query[index].value = "ffffffffffffffffffffffffffffffff"
        #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(request) { secrets[$0] }
        }
    }

    @Test func unknownAccessKeyIsReportedAsSuch() throws {
        let fixtures = try Fixtures.capturedRequests()
        for labeled in fixtures.allRequests {
            let request = try Self.request(labeled.request)
            let error = #expect(throws: SignatureVerificationError.self) {
                try SignatureVerifier().verify(request) { _ in nil }
            }
            #expect(error?.code == .unknownAccessKeyId)
            #expect(error?.gatewayCode == "InvalidAccessKeyId.NotFound")
        }
    }

    @Test func tamperedV3HeadersFail() throws {
        let fixtures = try Fixtures.capturedRequests()
        let secrets = Self.secrets(fixtures)
        let captured = try #require(fixtures.scenarios.first { $0.name == "tea-sdk-v3-sts" }?.requests.first)
        let original = try Self.request(captured)

        // A signed header with a changed value.
        var changedDate = original
        changedDate.setHeader("x-acs-date", "2026-11-28T23:12:09Z")
        let dateError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(changedDate) { secrets[$0] }
        }
        #expect(dateError?.code == .signatureMismatch)

        // A swapped security token.
        var changedToken = original
        changedToken.setHeader("x-acs-security-token", "CAISanotherToken")
        #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(changedToken) { secrets[$0] }
        }

        // An x-acs-* header added after signing is unsigned.
        var extra = original
        extra.headers.append(SignableRequest.Header("x-acs-extra", "1"))
        let extraError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(extra) { secrets[$0] }
        }
        #expect(extraError?.code == .incompleteSignature)

        // A signed header that was dropped.
        var dropped = original
        dropped.removeHeaders(named: "user-agent")
        let droppedError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(dropped) { secrets[$0] }
        }
        #expect(droppedError?.code == .incompleteSignature)

        // A body that does not match x-acs-content-sha256.
        var body = original
        body.body = Array("WorkflowId=x".utf8)
        let bodyError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(body) { secrets[$0] }
        }
        #expect(bodyError?.code == .contentHashMismatch)

        // A truncated Authorization header.
        var truncated = original
        truncated.setHeader("Authorization", "ACS3-HMAC-SHA256 Credential=STS.NUExampleTemporaryAccessKey01")
        let truncatedError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(truncated) { secrets[$0] }
        }
        #expect(truncatedError?.code == .incompleteSignature)
    }

    @Test func tamperedV1RequestsFail() throws {
        let fixtures = try Fixtures.capturedRequests()
        let secrets = Self.secrets(fixtures)
        let captured = try #require(fixtures.scenarios.first { $0.name == "core-sdk-v1-sts" }?.requests.first)
        let original = try Self.request(captured)

        // The same query sent with another method.
        var asGet = original
        asGet.method = "GET"
        #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(asGet) { secrets[$0] }
        }

        // An extra parameter.
        var extra = original
        extra.query.append(SignableRequest.Parameter("Extra", "1"))
        #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(extra) { secrets[$0] }
        }

        // A missing nonce.
        var noNonce = original
        noNonce.query.removeAll { $0.name == "SignatureNonce" }
        let nonceError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(noNonce) { secrets[$0] }
        }
        #expect(nonceError?.code == .missingParameter)

        // Another signature method.
        var sha256 = original
        if let index = sha256.query.firstIndex(where: { $0.name == "SignatureMethod" }) {
            sha256.query[index].value = "HMAC-SHA256"
        }
        let methodError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(sha256) { secrets[$0] }
        }
        #expect(methodError?.code == .unsupportedSignatureMethod)

        // A garbled signature.
        var garbled = original
        if let index = garbled.query.firstIndex(where: { $0.name == "Signature" }) {
            garbled.query[index].value = "not base64!"
        }
        let garbledError = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(garbled) { secrets[$0] }
        }
        #expect(garbledError?.code == .signatureMismatch)
    }

    @Test func unsignedRequestIsRejected() throws {
        let request = SignableRequest(host: "vod.cn-shanghai.aliyuncs.com", query: [.init("Action", "SubmitWorkflowJob")])
        let error = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(request) { _ in "secret" }
        }
        #expect(error?.code == .unsigned)
    }
}
