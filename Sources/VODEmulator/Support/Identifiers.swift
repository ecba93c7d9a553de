import Foundation

/// Fresh identifiers in the shapes Alibaba Cloud uses.
enum Identifiers {
    /// A request ID like the gateway's: an uppercase random (version 4) UUID, e.g.
    /// `A01C8FF4-C106-4431-8F97-3DADB7C1D2E3`. Made from two random words directly (`UUID().uuidString`
    /// plus `uppercased()` allocated three times per request).
    static func requestId() -> String {
        var bytes = randomBytes()
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return hex(bytes, digits: upperDigits, dashes: true)
    }

    /// A task ID in the shape of VOD IDs: 32 lowercase hexadecimal characters.
    static func taskId() -> String {
        hex(randomBytes(), digits: lowerDigits, dashes: false)
    }

    /// Sixteen random bytes from two random words.
    private static func randomBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * index))
        }
        return bytes
    }

    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Hex of 16 bytes, with UUID dashes (8-4-4-4-12) or without.
    private static func hex(_ bytes: [UInt8], digits: [UInt8], dashes: Bool) -> String {
        String(unsafeUninitializedCapacity: dashes ? 36 : 32) { buffer in
            var out = 0
            for (index, byte) in bytes.enumerated() {
                if dashes && (index == 4 || index == 6 || index == 8 || index == 10) {
                    buffer[out] = UInt8(ascii: "-")
                    out += 1
                }
                buffer[out] = digits[Int(byte >> 4)]
                buffer[out + 1] = digits[Int(byte & 0x0F)]
                out += 2
            }
            return out
        }
    }

    /// A stable 64-bit FNV-1a hash, for deterministic made-up IDs (a RAM user ID per AccessKey ID).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
