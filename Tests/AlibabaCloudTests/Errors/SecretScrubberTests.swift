import AlibabaCloud
import Testing

@Suite("SecretScrubber")
struct SecretScrubberTests {
    static let secret = "ExampleTemporarySecret+/=0123456789abcd"
    static let token = "CAIS8AF1q6Ft5B2yfSjIr5bExample+Token/With==Padding"
    let scrubber = SecretScrubber(credential: Credential(accessKeyId: "STS.x", accessKeySecret: secret, securityToken: token))

    @Test("known secrets in every spelling", arguments: [
        SecretScrubberTests.secret, SecretScrubberTests.token,
        PercentEncoding.encode(SecretScrubberTests.token),
        PercentEncoding.encode(PercentEncoding.encode(SecretScrubberTests.token)),
        PercentEncoding.encode(SecretScrubberTests.token).lowercased(),
    ])
    func known(spelling: String) {
        let text = "before \(spelling) after"
        let clean = scrubber.scrub(text)
        #expect(clean == "before <redacted> after")
        #expect(scrubber.isClean(clean))
    }

    @Test("secret-bearing names are redacted even with unknown values")
    func patterns() {
        #expect(scrubber.scrub("a=1&Signature=abc%3D&b=2") == "a=1&Signature=<redacted>&b=2")
        #expect(scrubber.scrub("SecurityToken=zzz") == "SecurityToken=<redacted>")
        #expect(scrubber.scrub(#"{"AccessKeySecret":"zzz","x":1}"#) == #"{"AccessKeySecret":"<redacted>","x":1}"#)
        #expect(scrubber.scrub("Authorization: ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=ff\nnext") == "Authorization: <redacted>\nnext")
        #expect(scrubber.scrub("x-acs-security-token: CAISzzz") == "x-acs-security-token: <redacted>")
        #expect(scrubber.scrub("...,SignedHeaders=host;x-acs-date,Signature=0123abcd") == "...,SignedHeaders=host;x-acs-date,Signature=<redacted>")
    }

    @Test("look-alike names are left alone")
    func lookAlikes() {
        let text = "SignatureVersion=1.0&SignatureMethod=HMAC-SHA1&SignatureNonce=abc&x-acs-signature-nonce: n; the Signature is wrong"
        #expect(scrubber.scrub(text) == text)
    }

    @Test("an echoed string-to-sign is cut, up to the end of its field")
    func stringToSign() {
        #expect(SecretScrubber().scrub("not matched. server string to sign is:POST&%2F&Action%3DX") == "not matched. server string to sign is: <string-to-sign removed>")
        #expect(SecretScrubber().scrub(#"{"Message":"no. String To Sign Is: ACS3-HMAC-SHA256\nabc","Code":"X"}"#)
            == #"{"Message":"no. string to sign is: <string-to-sign removed>","Code":"X"}"#, "a JSON-escaped \\n is not the end of the field")
        #expect(SecretScrubber().scrub("<Message>x string to sign is:POST&amp;y</Message>") == "<Message>x string to sign is: <string-to-sign removed></Message>")
    }

    @Test("short known values are not replaced as substrings")
    func short() {
        let scrubber = SecretScrubber(secrets: ["abc"])
        #expect(scrubber.scrub("abcdef") == "abcdef")
    }
}
