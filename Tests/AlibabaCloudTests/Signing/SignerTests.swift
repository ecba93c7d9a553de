import AlibabaCloud
import Foundation
import Testing

@Suite("Signers")
struct SignerTests {
    let longTerm = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "ExampleAccessKeySecret01234567")
    let sts = Credential(
        accessKeyId: "STS.NUExampleTemporaryAccessKey01",
        accessKeySecret: "ExampleTemporarySecret+/=0123456789abcd",
        securityToken: "CAIS8AF1q6Ft5B2yfSjIr5bExample+Token/With==Padding"
    )

    var submit: SignableRequest {
        SignableRequest(
            host: "vod.cn-shanghai.aliyuncs.com",
            query: [.init("WorkflowId", "34d577eade633860bdf1237a2b1f8c9e"), .init("MediaId", "a b*c~d")],
            headers: [.init("x-acs-action", "SubmitWorkflowJob"), .init("x-acs-version", "2017-03-21")]
        )
    }

    @Test func freshSignaturesUseNewNoncesAndVerify() throws {
        let secrets = [longTerm.accessKeyId: longTerm.accessKeySecret, sts.accessKeyId: sts.accessKeySecret]
        for credential in [longTerm, sts] {
            let first = V3Signer().sign(submit, with: credential)
            let second = V3Signer().sign(submit, with: credential)
            #expect(first.request.headerValue(named: "x-acs-signature-nonce") != second.request.headerValue(named: "x-acs-signature-nonce"))
            let verified = try SignatureVerifier().verify(first.request) { secrets[$0] }
            #expect(abs(verified.date.timeIntervalSinceNow) < 60)

            var v1Request = submit
            v1Request.query += [.init("Action", "SubmitWorkflowJob"), .init("Version", "2017-03-21"), .init("Format", "JSON")]
            let v1 = RPCV1Signer().sign(v1Request, with: credential)
            let v1Verified = try SignatureVerifier().verify(v1.request) { secrets[$0] }
            #expect(v1Verified.securityToken == credential.securityToken)
        }
    }

    @Test func reSigningReplacesEarlierAuthentication() throws {
        let date = Date(timeIntervalSince1970: 1_736_929_800)
        let once = V3Signer().sign(submit, with: sts, date: date, nonce: "n1")
        let twice = V3Signer().sign(once.request, with: longTerm, date: date, nonce: "n2")
        #expect(twice.request.headerValues(named: "authorization").count == 1)
        #expect(twice.request.headerValues(named: "x-acs-signature-nonce") == ["n2"])
        #expect(twice.request.headerValue(named: "x-acs-security-token") == nil)
        #expect(twice == V3Signer().sign(submit, with: longTerm, date: date, nonce: "n2"))

        let v1Once = RPCV1Signer().sign(submit, with: sts, date: date, nonce: "n1")
        let v1Twice = RPCV1Signer().sign(v1Once.request, with: longTerm, date: date, nonce: "n2")
        #expect(v1Twice.request.query.filter { $0.name == "Signature" }.count == 1)
        #expect(!v1Twice.request.query.contains { $0.name == "SecurityToken" })
        #expect(v1Twice.signature == RPCV1Signer().sign(submit, with: longTerm, date: date, nonce: "n2").signature)
    }

    @Test func formBodyParametersAreSignedInV1() throws {
        var request = SignableRequest(
            host: "vod.cn-shanghai.aliyuncs.com",
            query: [.init("Action", "SubmitWorkflowJob")],
            headers: [.init("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("WorkflowId=abc&MediaId=a+b".utf8)
        )
        let signed = RPCV1Signer().sign(request, with: longTerm, date: Date(timeIntervalSince1970: 0), nonce: "n")
        #expect(signed.signedParameters.contains(.init("MediaId", "a b")))
        #expect(!signed.request.query.contains { $0.name == "MediaId" })
        let secrets = [longTerm.accessKeyId: longTerm.accessKeySecret]
        _ = try SignatureVerifier().verify(signed.request) { secrets[$0] }

        request.body = Array("WorkflowId=abd&MediaId=a+b".utf8)
        var tampered = signed.request
        tampered.body = request.body
        #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(tampered) { secrets[$0] }
        }
    }

    @Test func v3SignsBodyAndContentType() throws {
        let request = SignableRequest(
            host: "vod.cn-shanghai.aliyuncs.com",
            headers: [.init("x-acs-action", "SubmitWorkflowJob"), .init("Content-Type", "application/json")],
            body: Array("{\"WorkflowId\":\"abc\"}".utf8)
        )
        let signed = V3Signer().sign(request, with: longTerm, date: Date(timeIntervalSince1970: 0), nonce: "n")
        #expect(signed.signedHeaders.split(separator: ";").contains("content-type"))
        #expect(signed.hashedRequestPayload == V3Signer.hexSHA256(request.body))
        #expect(signed.hashedRequestPayload != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let secrets = [longTerm.accessKeyId: longTerm.accessKeySecret]
        _ = try SignatureVerifier().verify(signed.request) { secrets[$0] }
    }

    @Test func multiValueHeadersAreSortedAndJoined() {
        let request = SignableRequest(
            host: "h",
            headers: [.init("x-acs-b", " 2 "), .init("X-Acs-B", "1"), .init("x-acs-a", "z")]
        )
        let signed = V3Signer().sign(request, with: longTerm, date: Date(timeIntervalSince1970: 0), nonce: "n")
        #expect(signed.canonicalHeaders.contains("x-acs-a:z\nx-acs-b:1,2\n"))
    }

    @Test func nonceIsUUIDShaped() {
        var generator = SplitMix64(seed: 42)
        let nonce = SignatureNonce.random(using: &generator)
        #expect(nonce.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        var again = SplitMix64(seed: 42)
        #expect(SignatureNonce.random(using: &again) == nonce)
        #expect(SignatureNonce.random() != SignatureNonce.random())
    }

    @Test func timestampsRoundTrip() throws {
        for text in ["1970-01-01T00:00:00Z", "2016-02-29T23:59:59Z", "2025-01-15T08:30:00Z", "2100-12-31T12:00:00Z", "1969-07-20T20:17:40Z"] {
            let date = try #require(SigningTimestamp.date(from: text))
            #expect(SigningTimestamp.string(from: date) == text)
        }
        #expect(SigningTimestamp.date(from: "2025-01-15T14:30:00.5Z")?.timeIntervalSince1970 == 1_736_951_400.5)
        #expect(SigningTimestamp.string(from: Date(timeIntervalSince1970: 1_736_929_800.999)) == "2025-01-15T08:30:00Z")
        for bad in ["2025-01-15 08:30:00Z", "2025-02-30T00:00:00Z", "2025-01-15T08:30:00+08:00", "2025-01-15T24:00:00Z", "", "2025-01-15T08:30:00"] {
            #expect(SigningTimestamp.date(from: bad) == nil, "\(bad)")
        }
    }
}

/// A tiny seeded generator so nonce tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
