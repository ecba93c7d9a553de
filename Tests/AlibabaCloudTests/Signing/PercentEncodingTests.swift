import AlibabaCloud
import Testing

@Suite("Percent-encoding and canonical query")
struct PercentEncodingTests {
    @Test func unreservedStayLiteral() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
        #expect(PercentEncoding.encode(unreserved) == unreserved)
    }

    @Test(arguments: [
        (" ", "%20"), ("*", "%2A"), ("+", "%2B"), ("/", "%2F"), ("=", "%3D"), ("&", "%26"), (":", "%3A"),
        ("%", "%25"), ("é", "%C3%A9"), ("😀", "%F0%9F%98%80"), ("工", "%E5%B7%A5"), ("\n", "%0A"),
    ])
    func reservedAreEscapedInUppercase(_ input: String, _ expected: String) {
        #expect(PercentEncoding.encode(input) == expected)
    }

    @Test func everyAsciiByteFollowsTheRule() throws {
        for byte in UInt8(0)...UInt8(127) {
            let text = String(UnicodeScalar(byte))
            let encoded = PercentEncoding.encode(text)
            let literal = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || [0x2D, 0x5F, 0x2E, 0x7E].contains(byte)
            if literal {
                #expect(encoded == text)
            } else {
                #expect(encoded.count == 3 && encoded.hasPrefix("%") && encoded == encoded.uppercased())
            }
            #expect(try PercentEncoding.decode(encoded, plusAsSpace: false) == text)
        }
    }

    @Test func formDecodingAcceptsBothSpaceSpellings() throws {
        let parameters = try PercentEncoding.decodeForm("A=a+b&B=a%20b&C=&D&E=x%2By")
        #expect(parameters == [.init("A", "a b"), .init("B", "a b"), .init("C", ""), .init("D", ""), .init("E", "x+y")])
        #expect(try PercentEncoding.decode("a+b", plusAsSpace: false) == "a+b")
    }

    @Test func badEscapesAreErrors() {
        for bad in ["%", "%4", "%G1", "abc%zz", "%C3"] {
            #expect(throws: PercentDecodingError.self) { try PercentEncoding.decode(bad, plusAsSpace: true) }
        }
    }

    @Test func canonicalQuerySortsByBytes() {
        let parameters: [SignableRequest.Parameter] = [
            .init("b", "2"), .init("B", "1"), .init("a", ""), .init("É", "x"), .init("Z", "*"), .init("a_", "~"),
        ]
        // Uppercase before lowercase, non-ASCII after ASCII; empty values kept as `name=`.
        #expect(CanonicalQuery.string(from: parameters) == "B=1&Z=%2A&a=&a_=~&b=2&%C3%89=x")
    }

    @Test func requestTargetUsesPercentTwenty() throws {
        let request = SignableRequest(host: "h", query: [.init("MediaId", "a b*c~d/é")])
        #expect(request.requestTarget == "/?MediaId=a%20b%2Ac~d%2F%C3%A9")
        let parsed = try SignableRequest(method: "POST", requestTarget: request.requestTarget, headers: [.init("Host", "h")])
        #expect(parsed.query == request.query)
        #expect(parsed.host == "h")
        #expect(parsed.path == "/")
    }

    @Test("strings needing no escape come back unchanged; the path '/' too; others are escaped as before")
    func fastPaths() {
        #expect(PercentEncoding.encode("SubmitWorkflowJob") == "SubmitWorkflowJob")
        #expect(PercentEncoding.encode("") == "")
        #expect(PercentEncoding.encode("a b*~") == "a%20b%2A~")
        #expect(PercentEncoding.encode("\u{E9}") == "%C3%A9")
        #expect(PercentEncoding.encodePath("/") == "/")
        #expect(PercentEncoding.encodePath("/a b/c") == "/a%20b/c")
    }
}
