import UTCCalendar

/// An instant parsed from an ISO 8601 date-time with an explicit offset, as RAM's Date operators take.
///
/// Comparisons are between absolute instants (`2026-01-01T08:00:00+08:00` equals `2026-01-01T00:00:00Z`).
/// Written without Foundation so the policy engine stays light and fast.
public struct ISO8601Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (a: ISO8601Instant, b: ISO8601Instant) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds
    }

    /// Accepts `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; rejects a missing offset, because
    /// the instant would then depend on a time zone the policy does not name.
    public init?(parsing text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ ISO8601Instant.parse($0) }) else { return nil }
        self = parsed
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> ISO8601Instant? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else { return nil }
        var nanos = 0
        if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                if count < 9 { nanos = nanos * 10 + Int(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2) else { return nil }
            _ = expect(0x3A)
            guard let om = digits(2), oh <= 23, om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        default:
            return nil
        }
        guard i == b.count else { return nil }
        guard (1...12).contains(month), day >= 1, Int64(day) <= UTCCalendar.daysIn(month: Int64(month), year: Int64(year)),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        let days = UTCCalendar.days(fromCivil: Int64(year), Int64(month), Int64(day))
        return ISO8601Instant(
            seconds: days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset),
            nanoseconds: Int32(nanos))
    }

    /// The instant as `YYYY-MM-DDThh:mm:ssZ` (UTC).
    public var description: String {
        UTCCalendar.timestamp(seconds: seconds)
    }
}
