import RAMPolicy
import Testing

struct GlobTests {
    @Test(arguments: [
        ("vod:*", "vod:submitworkflowjob", true),
        ("vod:submit*", "vod:submitworkflowjob", true),
        ("*:submitworkflowjob", "vod:submitworkflowjob", true),
        ("*job", "vod:submitworkflowjob", true),
        ("vod:*workflow*", "vod:submitworkflowjob", true),
        ("vod:submit?orkflowjob", "vod:submitworkflowjob", true),
        ("vod:submit?", "vod:submitworkflowjob", false),
        ("pai:*", "paidataset:list", false),
        ("vod:get*", "vod:submitworkflowjob", false),
        ("*", "", true),
        ("a*b*c", "abxbc", true),
        ("a*b*c", "abxbd", false),
        ("**a**", "xxa", true),
    ])
    func matches(pattern: String, subject: String, expected: Bool) {
        #expect(Glob(pattern, caseInsensitive: true).matches(subject) == expected)
    }

    @Test func caseSensitivity() {
        #expect(Glob("vod:Submit*", caseInsensitive: true).matches("VOD:SUBMITWORKFLOWJOB"))
        #expect(!Glob("Team*", caseInsensitive: false).matches("team-a"))
        #expect(Glob("Ünïcode*", caseInsensitive: true).matches("ünïcode-x"))
    }
}

struct IPRangeTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true),
        ("10.0.0.0/8", "11.0.0.1", false),
        ("192.168.1.7", "192.168.1.7", true),
        ("192.168.1.7/32", "192.168.1.8", false),
        ("0.0.0.0/0", "203.0.113.9", true),
        ("10.1.2.3/16", "10.1.200.1", true),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("::1", "::1", true),
        ("10.0.0.0/8", "::ffff:10.0.0.1", true),
        ("10.0.0.0/8", "2001:db8::1", false),
        ("2001:db8::/32", "10.0.0.1", false),
        ("fe80::/10", "fe80::1:2:3:4", true),
        ("::/0", "2400:cb00::1", true),
    ])
    func contains(range: String, address: String, expected: Bool) throws {
        let r = try #require(IPRange(parsing: range))
        let a = try #require(IPAddress(parsing: address))
        #expect(r.contains(a) == expected)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/", "1.2.3.4/x", "::1::2", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", ":1::"])
    func rejectsMalformed(text: String) {
        #expect(IPRange(parsing: text) == nil)
    }

    @Test func formats() throws {
        #expect(try #require(IPAddress(parsing: "2001:DB8:0:0:0:0:0:1")).description == "2001:db8:0:0:0:0:0:1")
        #expect(try #require(IPRange(parsing: "10.1.2.3/8")).description == "10.0.0.0/8")
        #expect(try #require(IPAddress(parsing: "::ffff:192.0.2.1")).isIPv4)
    }
}

struct ISO8601InstantTests {
    @Test func comparesAbsoluteInstants() throws {
        let a = try #require(ISO8601Instant(parsing: "2026-01-01T08:00:00+08:00"))
        let b = try #require(ISO8601Instant(parsing: "2026-01-01T00:00:00Z"))
        #expect(a == b)
        let c = try #require(ISO8601Instant(parsing: "2025-12-31T23:59:59.999Z"))
        #expect(c < b)
        #expect(try #require(ISO8601Instant(parsing: "1970-01-01T00:00:00Z")).seconds == 0)
        #expect(try #require(ISO8601Instant(parsing: "2000-02-29T12:00:00-0130")).description == "2000-02-29T13:30:00Z")
    }

    /// The description parses back to the same second for instants spread over years 0000–9999 (the
    /// byte-written form), and known instants at the edges read as expected.
    @Test func descriptionRoundTripsAcrossTheFourDigitYears() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let first: Int64 = -62_167_219_200  // 0000-01-01T00:00:00Z
        let last: Int64 = 253_402_300_799   // 9999-12-31T23:59:59Z
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seconds = first + Int64(state >> 1 % UInt64(last - first + 1))
            let instant = ISO8601Instant(seconds: seconds)
            let text = instant.description
            #expect(text.utf8.count == 20)
            #expect(ISO8601Instant(parsing: text)?.seconds == seconds, "\(seconds) → \(text)")
        }
        #expect(ISO8601Instant(seconds: 0).description == "1970-01-01T00:00:00Z")
        #expect(ISO8601Instant(seconds: first).description == "0000-01-01T00:00:00Z")
        #expect(ISO8601Instant(seconds: last).description == "9999-12-31T23:59:59Z")
        #expect(ISO8601Instant(seconds: 951_868_799).description == "2000-02-29T23:59:59Z")
        #expect(ISO8601Instant(seconds: last + 1).description == "10000-01-01T00:00:00Z")
    }

    @Test(arguments: ["2026-02-29T00:00:00Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+25:00", "x"])
    func rejects(text: String) {
        #expect(ISO8601Instant(parsing: text) == nil)
    }

    @Test func roundTripsDescriptions() {
        for seconds: Int64 in [-86_401, 0, 951_782_400, 1_798_761_599, 4_102_444_800] {
            let i = ISO8601Instant(seconds: seconds)
            #expect(ISO8601Instant(parsing: i.description) == i, "\(i)")
        }
    }
}
