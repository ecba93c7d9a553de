@testable import AlibabaCloud
import Testing

/// Signatures from cached keyed HMAC states equal freshly keyed ones, for more secrets than the cache
/// holds, in any order, and a signature never depends on the one computed before it.
@Suite("KeyedMACCache")
struct KeyedMACCacheTests {
    @Test("a published HMAC-SHA256 vector, twice (keyed, then from the cache)")
    func vector() {
        let expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        for _ in 0..<2 {
            #expect(V3Signer.signature(stringToSign: "The quick brown fox jumps over the lazy dog", secret: "key") == expected)
        }
    }

    @Test("cached V3 and V1 signatures equal the first, freshly keyed ones, across evictions")
    func matchesFresh() {
        let secrets = (0..<(KeyedMACs.limit * 2 + 3)).map { "secret-\($0)-\(String(repeating: "x", count: $0 % 70))" }
        let messages = ["", "ACS3-HMAC-SHA256\nabc", String(repeating: "m", count: 200)]
        var first: [String: (String, String)] = [:]
        for round in 0..<3 {
            for (index, secret) in secrets.enumerated() {
                let message = messages[index % messages.count]
                let v3 = V3Signer.signature(stringToSign: message, secret: secret)
                let v1 = RPCV1Signer.signature(stringToSign: message, secret: secret)
                if round == 0 {
                    first[secret] = (v3, v1)
                    #expect(V3Signer.signature(stringToSign: message, secret: secret) == v3)
                } else {
                    #expect(first[secret]?.0 == v3)
                    #expect(first[secret]?.1 == v1)
                }
            }
        }
        #expect(Set(first.values.map(\.0)).count == secrets.count, "different secrets sign differently")
    }
}
