@testable import AlibabaCloud
import Foundation
import Testing

@Suite("HTTPRequest and HTTPDate")
struct HTTPRequestTests {
    static let credential = Credential(accessKeyId: "STS.NUExampleTemporaryAccessKey01", accessKeySecret: "SecretSecretSecret0123",
                                       securityToken: "CAISTokenTokenToken+/=")

    @Test("a signed V1 request: the wire URL keeps the query; the redacted URL hides signature and token")
    func v1() throws {
        let unsigned = SignableRequest(host: "127.0.0.1:8080", query: [SignableRequest.Parameter("WorkflowId", "a b")])
        let signed = RPCV1Signer().sign(unsigned, with: Self.credential).request
        let request = HTTPRequest(signed, endpoint: try ServiceEndpoint(parsing: "http://127.0.0.1:8080"))
        #expect(request.url.hasPrefix("http://127.0.0.1:8080/?WorkflowId=a%20b&"))
        #expect(request.url.contains("SecurityToken=CAISTokenTokenToken%2B%2F%3D"))
        let shown = request.redactedURL
        #expect(shown.contains("SecurityToken=<redacted>"))
        #expect(shown.contains("Signature=<redacted>"))
        #expect(shown.contains("AccessKeyId=STS.****01"))
        #expect(!shown.contains("CAIS"))
        #expect(!"\(request)".contains("CAIS"))
    }

    @Test("a signed V3 request: Authorization keeps SignedHeaders and hides the signature")
    func v3() throws {
        let unsigned = SignableRequest(host: "vod.cn-shanghai.aliyuncs.com", headers: [SignableRequest.Header("x-acs-action", "SubmitWorkflowJob")])
        let signed = V3Signer().sign(unsigned, with: Self.credential)
        let request = HTTPRequest(signed.request, endpoint: ServiceEndpoint(httpsHost: "vod.cn-shanghai.aliyuncs.com"))
        let authorization = try #require(request.redactedHeaders.first { $0.name == "Authorization" }?.value)
        #expect(authorization == "ACS3-HMAC-SHA256 Credential=STS.****01,SignedHeaders=\(signed.signedHeaders),Signature=<redacted>")
        #expect(request.redactedHeaders.first { $0.name == "x-acs-security-token" }?.value == "<redacted>")
        #expect(!"\(request)".contains(signed.signature))
        let dumped = { var out = ""; dump(request, to: &out); return out }()
        #expect(!dumped.contains(signed.signature) && !dumped.contains("CAIS"))
    }

    @Test("HTTP dates round-trip")
    func dates() {
        let date = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.string(from: date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == date)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("") == nil)
        #expect(HTTPResponse(status: 200, headers: [SignableRequest.Header("Date", "Sat, 29 Nov 2025 01:02:03 GMT")]).date == HTTPDate.parse("Sat, 29 Nov 2025 01:02:03 GMT"))
    }

    @Test("the exact-form parser agrees with the general one, and every day of a few years round-trips")
    func exactDates() {
        var seconds = 0.0
        while seconds < 4_200_000_000 {
            let date = Date(timeIntervalSince1970: seconds)
            let text = HTTPDate.string(from: date)
            #expect(HTTPDate.parseExact(text) == date, "\(text)")
            #expect(HTTPDate.parseLenient(text) == date, "\(text)")
            seconds += 86_400 * 37 + 3_727
        }
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "xyz, 06 nov 1994 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
                     "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
                     "Sun,  6 Nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", " Sun, 06 Nov 1994 08:49:37 GMT",
                     "Sun, 06 Nov 1994 08:49:3x GMT", "Sun, +6 Nov 1994 08:49:37 GMT"] {
            #expect(HTTPDate.parse(text) == HTTPDate.parseLenient(text), "\(text)")
            if let exact = HTTPDate.parseExact(text) {
                #expect(exact == HTTPDate.parseLenient(text), "\(text)")
            }
        }
    }
}
