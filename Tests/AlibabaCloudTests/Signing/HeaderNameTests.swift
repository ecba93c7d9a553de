import AlibabaCloud
import Testing

/// Case-insensitive header names without allocation give exactly the answers of comparing lowercased
/// strings, for ASCII and for names that are not.
@Suite("HeaderName")
struct HeaderNameTests {
    static let names = ["host", "Host", "HOST", "x-acs-date", "X-Acs-Date", "x-acs-dat", "x-acs-datE", "Content-Type", "",
                        "\u{130}", "i\u{307}", "STRASSE", "stra\u{DF}e", "K", "\u{212A}", "k", "caf\u{C9}", "caf\u{E9}", "h\u{D6}st"]

    @Test("matches(_:lowercased:) is lowercased() ==", arguments: names)
    func matches(_ name: String) {
        for other in Self.names {
            let lowered = other.lowercased()
            #expect(HeaderName.matches(name, lowercased: lowered) == (name.lowercased() == lowered), "\(name) vs \(lowered)")
        }
    }

    @Test("lowercased and uppercasedMethod are the standard library's", arguments: names + ["post", "Get", "DELETE"])
    func lowercased(_ name: String) {
        #expect(HeaderName.lowercased(name) == name.lowercased())
        #expect(HeaderName.uppercasedMethod(name) == name.uppercased())
    }

    @Test("header lookups on requests and answers ignore case")
    func lookups() {
        var request = SignableRequest(host: "h", headers: [SignableRequest.Header("X-ACS-Date", "1"), SignableRequest.Header("x-acs-date", "2")])
        #expect(request.headerValues(named: "X-Acs-DATE") == ["1", "2"])
        #expect(request.headerValue(named: "x-acs-date") == "1")
        request.removeHeaders(named: "X-ACS-DATE")
        #expect(request.headers.isEmpty)
        #expect(HTTPResponse(status: 200, headers: [SignableRequest.Header("Date", "d")]).headerValue(named: "DATE") == "d")
    }
}
