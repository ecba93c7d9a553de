import AlibabaCloud
import Foundation
import Testing

/// Nothing a person might print, dump or encode may contain a secret, a security token or a signature.
@Suite("Redaction")
struct RedactionTests {
    static let secret = "ExampleTemporarySecret+/=0123456789abcd"
    static let token = "CAIS8AF1q6Ft5B2yfSjIr5bExample+Token/With==Padding"
    static let id = "STS.NUExampleTemporaryAccessKey01"

    let credential = Credential(
        accessKeyId: id,
        accessKeySecret: secret,
        securityToken: token,
        expiration: Date(timeIntervalSince1970: 1_736_933_400)
    )

    /// Every way Swift turns a value into text.
    static func renderings<T>(_ value: T) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var texts = [String(describing: value), String(reflecting: value), "\(value)", dumped]
        if let encodable = value as? any Encodable {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(encodable) {
                texts.append(String(decoding: data, as: UTF8.self))
            } else {
                Issue.record("\(T.self) failed to encode")
            }
        }
        return texts
    }

    static func expectClean<T>(_ value: T, forbidden: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in renderings(value) {
            for secret in forbidden {
                #expect(!text.contains(secret), "\(T.self) rendering leaks a secret: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func credentialNeverShowsSecretOrToken() throws {
        Self.expectClean(credential, forbidden: [Self.secret, Self.token, Self.id])
        #expect(credential.description.contains("STS.****01"))
        #expect(credential.maskedAccessKeyId == "STS.****01")
        #expect(Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "x").maskedAccessKeyId == "LTAI****Id")
        #expect(Credential(accessKeyId: "short", accessKeySecret: "x").maskedAccessKeyId == "****")

        let json = String(decoding: try JSONEncoder().encode(credential), as: UTF8.self)
        #expect(json.contains("\"hasSecurityToken\":true"))
        #expect(json.contains("\"expiration\":\"2025-01-15T09:30:00Z\""))
    }

    @Test func resolutionAndErrorsNeverShowSecrets() throws {
        let home = try TemporaryHome()
        try home.write(".aliyun/config.json", """
            {"current": "default", "profiles": [{"name": "default", "mode": "StsToken",
              "access_key_id": "\(Self.id)", "access_key_secret": "\(Self.secret)", "sts_token": "\(Self.token)"}]}
            """)
        let resolved = try CredentialProviderChain(environment: [:], homeDirectory: home.path).resolve()
        #expect(resolved.credential.accessKeySecret == Self.secret)
        Self.expectClean(resolved, forbidden: [Self.secret, Self.token, Self.id])
        Self.expectClean(resolved.resolution, forbidden: [Self.secret, Self.token, Self.id])

        // A malformed line holding the secret must not be echoed either.
        try home.write(".alibabacloud/credentials.ini", "[default]\ntype = access_key\n\(Self.token.filter { $0 != "=" })\n")
        try home.write(".aliyun/config.json", "{\"profiles\": [\"\(Self.secret)\" \"\(Self.token)\"]}")
        let error = #expect(throws: CredentialChainError.self) {
            try CredentialProviderChain(environment: ["ALIBABA_CLOUD_SECURITY_TOKEN": Self.token], homeDirectory: home.path).resolve()
        }
        let failure = try #require(error)
        #expect(failure.resolution.report(for: .credentialsFile)?.outcome.status == "malformed")
        #expect(failure.resolution.report(for: .cliProfile)?.outcome.status == "malformed")
        Self.expectClean(failure, forbidden: [Self.secret, Self.token, Self.token.filter { $0 != "=" }])

        // A pasted secret that happens to contain '=' or ':' parses as a key; the key is not echoed.
        try home.write(".alibabacloud/credentials.ini", "\(Self.secret)\n[default]\n")
        let keyFirst = CredentialProviderChain(environment: [:], homeDirectory: home.path).resolution()
        #expect(keyFirst.report(for: .credentialsFile)?.outcome.status == "malformed")
        Self.expectClean(keyFirst, forbidden: [Self.secret, Self.secret.lowercased(), "exampletemporarysecret"])
    }

    @Test func signedRequestsNeverShowSignatureOrToken() throws {
        let request = SignableRequest(
            host: "vod.cn-shanghai.aliyuncs.com",
            query: [.init("WorkflowId", "w"), .init("Action", "SubmitWorkflowJob")],
            headers: [.init("x-acs-action", "SubmitWorkflowJob")]
        )
        let date = Date(timeIntervalSince1970: 1_736_929_800)
        let v3 = V3Signer().sign(request, with: credential, date: date, nonce: "n")
        let v1 = RPCV1Signer().sign(request, with: credential, date: date, nonce: "n")
        let forbidden = [Self.secret, Self.token, Self.id, v3.signature, v1.signature, PercentEncoding.encode(v1.signature)]
        Self.expectClean(v3, forbidden: forbidden)
        Self.expectClean(v3.request, forbidden: forbidden)
        Self.expectClean(v1, forbidden: forbidden)
        Self.expectClean(v1.request, forbidden: forbidden)
        for header in v3.request.headers {
            Self.expectClean(header, forbidden: forbidden)
        }
        for parameter in v1.request.query {
            Self.expectClean(parameter, forbidden: forbidden)
        }
        #expect(v3.request.description.contains("authorization") || v3.request.description.contains("Authorization"))
        #expect(v1.request.redactedDescription.contains("Signature=<redacted>"))
        #expect(v1.request.redactedDescription.contains("AccessKeyId=STS.****01"))

        let secrets = [Self.id: Self.secret]
        let verified = try SignatureVerifier().verify(v3.request) { secrets[$0] }
        Self.expectClean(verified, forbidden: forbidden)

        let mismatch = #expect(throws: SignatureVerificationError.self) {
            try SignatureVerifier().verify(v1.request) { _ in "wrong" }
        }
        let error = try #require(mismatch)
        #expect(error.serverStringToSign?.contains(PercentEncoding.encode(PercentEncoding.encode(Self.token))) == true)
        Self.expectClean(error, forbidden: forbidden)
    }
}
