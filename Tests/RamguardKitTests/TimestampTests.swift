import Foundation
@testable import RamguardKit
import Testing

/// The hand-formatted RFC 3339 time agrees with Foundation's ISO 8601 formatter.
@Suite struct TimestampTests {
    @Test(arguments: [0.0, 951_782_400.5, 1_798_761_599.999, 1_764_392_640, 4_102_444_800, 86_399])
    func matchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        #expect(Timestamp.rfc3339(date) == f.string(from: date))
    }
}
