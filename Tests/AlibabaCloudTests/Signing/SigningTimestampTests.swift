import AlibabaCloud
import Foundation
import Testing

/// Timestamps written in place read exactly as Foundation's ISO 8601 form (whole seconds, UTC), and
/// nonces keep the UUID shape.
@Suite("SigningTimestamp and SignatureNonce")
struct SigningTimestampTests {
    @Test("every few days from 1900 to 2200, and the edges of a day")
    func matchesFoundation() {
        let style = Date.ISO8601FormatStyle()
        var seconds = -2_208_988_800.0  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            for offset in [0.0, 0.999, 86_399.5] {
                let date = Date(timeIntervalSince1970: seconds + offset)
                #expect(SigningTimestamp.string(from: date) == style.format(date), "\(seconds + offset)")
            }
            seconds += 86_400 * 3 + 3_601
        }
    }

    @Test("a nonce is a lowercase version-4 UUID")
    func nonceShape() {
        for _ in 0..<100 {
            let nonce = SignatureNonce.random()
            let bytes = Array(nonce.utf8)
            #expect(bytes.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { bytes[$0] == UInt8(ascii: "-") })
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect("89ab".utf8.contains(bytes[19]))
            #expect(nonce.replacingOccurrences(of: "-", with: "").allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }
}
