import Foundation

/// Fresh identifiers in the shapes Alibaba Cloud uses.
enum Identifiers {
    /// A request ID like the gateway's: an uppercase UUID, e.g. `A01C8FF4-C106-4431-8F97-3DADB7C1D2E3`.
    static func requestId() -> String {
        UUID().uuidString.uppercased()
    }

    /// A task ID in the shape of VOD IDs: 32 lowercase hexadecimal characters.
    static func taskId() -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<2 {
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
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
