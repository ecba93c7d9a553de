import AlibabaCloud
import Testing

@Suite("AccessKey formats")
struct AccessKeyFormatTests {
    @Test func classification() {
        #expect(AccessKeyFormat.classify("LTAI5tFakeTestKeyNoUseId") == .longTerm)
        #expect(AccessKeyFormat.classify("LTAI4Fabcdefghij") == .longTerm)
        #expect(AccessKeyFormat.classify("STS.G1rT1R8UKu1XRL3BNDxe6mfkd") == .temporary)
        #expect(AccessKeyFormat.classify("0wNEpMMlzy7szvai") == .unrecognized)
    }

    @Test func warnings() {
        let plain = Credential(accessKeyId: "LTAI5tFakeTestKeyNoUseId", accessKeySecret: "ExampleAccessKeySecret01234567")
        #expect(plain.warnings.isEmpty)
        #expect(plain.kind == .longTerm)

        let legacy = Credential(accessKeyId: "0wNEpMMlzy7szvai", accessKeySecret: "PupkTg8jdmau1cXxYacgE736PJj4cA")
        #expect(legacy.warnings.isEmpty)

        let stsNoToken = Credential(accessKeyId: "STS.G1rT1R8UKu1XRL3BNDxe6mfkd", accessKeySecret: "s")
        #expect(stsNoToken.warnings.map(\.code) == ["sts-key-without-token"])

        let tokenWithLongTerm = Credential(accessKeyId: "LTAI5tFakeTestKeyNoUseId", accessKeySecret: "s", securityToken: "CAIS")
        #expect(tokenWithLongTerm.warnings.map(\.code) == ["token-with-long-term-key"])
        #expect(tokenWithLongTerm.kind == .sts)

        let pasted = Credential(accessKeyId: "LTAI5tFakeTestKeyNoUseId\n", accessKeySecret: "Pupk7g8jdmau1cXxYacgE736PJj4cA ")
        #expect(pasted.warnings.map(\.code) == ["whitespace-in-credential", "whitespace-in-credential"])
        #expect(!pasted.warnings.description.contains("Pupk7g8jdmau1cXxYacgE736PJj4cA"))

        let empty = Credential(accessKeyId: "", accessKeySecret: "")
        #expect(empty.warnings.map(\.code) == ["empty-access-key-id", "empty-access-key-secret"])
    }
}
