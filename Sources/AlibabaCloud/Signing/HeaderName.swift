/// Case-insensitive header-name handling without allocating in the common case.
///
/// Header names are compared case-insensitively on every lookup (`headerValue(named:)`, the signers'
/// `SignedHeaders`, the verifier's checks), and lowercasing a `String` allocates a new one each time —
/// per request that was a tenth of the emulator's and the client's CPU. Names are ASCII tokens in
/// practice: those are compared and lowercased byte by byte; anything else goes through
/// `String.lowercased()`, so the results are exactly those of comparing lowercased names.
public enum HeaderName: Sendable {
    /// `name.lowercased()`, returning `name` itself when it is already lowercase ASCII.
    public static func lowercased(_ name: String) -> String {
        var name = name
        let plain = name.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || byte &- UInt8(ascii: "A") < 26 { return false }
            return true
        }
        return plain ? name : name.lowercased()
    }

    /// Whether `name.lowercased() == lowercasedName`; `lowercasedName` must already be lowercase.
    public static func matches(_ name: String, lowercased lowercasedName: String) -> Bool {
        var name = name
        var lowercasedName = lowercasedName
        let verdict: Bool? = name.withUTF8 { lhs in
            lowercasedName.withUTF8 { rhs -> Bool? in
                let common = min(lhs.count, rhs.count)
                var index = 0
                while index < common {
                    let a = lhs[index]
                    let b = rhs[index]
                    if a >= 0x80 || b >= 0x80 { return nil }
                    // Both ASCII so far, which lowercases byte for byte: a difference is final.
                    if (a &- UInt8(ascii: "A") < 26 ? a | 0x20 : a) != b { return false }
                    index += 1
                }
                if lhs.count == rhs.count { return true }
                // One is a prefix of the other. Only non-ASCII left in `name` could lowercase to something
                // shorter; ASCII lowercases to exactly as many bytes.
                if lhs.count > rhs.count {
                    for byte in lhs[common...] where byte >= 0x80 { return nil }
                }
                return false
            }
        }
        return verdict ?? (name.lowercased() == lowercasedName)
    }

    /// `method.uppercased()`, returning `method` itself when it is already uppercase ASCII (`POST`, `GET`).
    public static func uppercasedMethod(_ method: String) -> String {
        var method = method
        let plain = method.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || byte &- UInt8(ascii: "a") < 26 { return false }
            return true
        }
        return plain ? method : method.uppercased()
    }
}
