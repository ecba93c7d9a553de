import AlibabaCloud
import Testing

@Suite("AccessKey formats")
struct AccessKeyFormatTests {
    @Test func classification() {
        #expect(AccessKeyFormat.classify("LTAI-NOT-A-REAL-KEY-Id") == .longTerm)
        #expect(AccessKeyFormat.classify("LTAI_old_fake_key") == .longTerm)
        #expect(AccessKeyFormat.classify("STS.FAKE-TEMPORARY-KEY-01") == .temporary)
        #expect(AccessKeyFormat.classify("0legacy-fake-key") == .unrecognized)
    }

    @Test func warnings() {
        let plain = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "ExampleAccessKeySecret01234567")
        #expect(plain.warnings.isEmpty)
        #expect(plain.kind == .longTerm)

        let legacy = Credential(accessKeyId: "0legacy-fake-key", accessKeySecret: "FakeLegacySecretForTestsOnly00")
        #expect(legacy.warnings.isEmpty)

        let stsNoToken = Credential(accessKeyId: "STS.FAKE-TEMPORARY-KEY-01", accessKeySecret: "s")
        #expect(stsNoToken.warnings.map(\.code) == ["sts-key-without-token"])

        let tokenWithLongTerm = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id", accessKeySecret: "s", securityToken: "CAIS")
        #expect(tokenWithLongTerm.warnings.map(\.code) == ["token-with-long-term-key"])
        #expect(tokenWithLongTerm.kind == .sts)

        let pasted = Credential(accessKeyId: "LTAI-NOT-A-REAL-KEY-Id\n", accessKeySecret: "Pupk7g8jdmau1cXxYacgE736PJj4cA ")
        #expect(pasted.warnings.map(\.code) == ["whitespace-in-credential", "whitespace-in-credential"])
        #expect(!pasted.warnings.description.contains("Pupk7g8jdmau1cXxYacgE736PJj4cA"))

        let empty = Credential(accessKeyId: "", accessKeySecret: "")
        #expect(empty.warnings.map(\.code) == ["empty-access-key-id", "empty-access-key-secret"])
    }
}
