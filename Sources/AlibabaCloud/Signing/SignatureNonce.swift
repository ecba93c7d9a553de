/// Fresh `SignatureNonce` / `x-acs-signature-nonce` values.
///
/// The gateway rejects a reused nonce (`SignatureNonceUsed`), so every attempt, including every retry,
/// needs a new one. The docs recommend a UUID; this makes a random (version 4) UUID string.
public enum SignatureNonce: Sendable {
    /// A random lowercase UUID such as `3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf`.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A UUID from `generator`; tests pass a seeded generator to get repeatable nonces.
    public static func random<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        // 8-4-4-4-12 lowercase hex written in place (a `[Character]` of the hex and five `String`s before).
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var out = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                buffer[out] = hexDigits[Int(byte >> 4)]
                buffer[out + 1] = hexDigits[Int(byte & 0x0F)]
                out += 2
            }
            return out
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
