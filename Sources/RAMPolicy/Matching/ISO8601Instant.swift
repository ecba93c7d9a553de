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
        guard (1...12).contains(month), day >= 1, day <= ISO8601Instant.daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        let days = ISO8601Instant.daysFromCivil(year: year, month: month, day: day)
        return ISO8601Instant(
            seconds: Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset),
            nanoseconds: Int32(nanos))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The instant as `YYYY-MM-DDThh:mm:ssZ` (UTC).
    public var description: String {
        var days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secs = Int(seconds - Int64(days) * 86_400)
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        if (0...9999).contains(y) {
            // Twenty bytes written in place: lint renders the instant in every message about a date
            // condition (with `now`), and building it by interpolation cost 8,000 instructions.
            return String(unsafeUninitializedCapacity: 20) { out in
                func put(_ value: Int, _ width: Int, at offset: Int) {
                    var v = value
                    for k in stride(from: offset + width - 1, through: offset, by: -1) {
                        out[k] = UInt8(ascii: "0") + UInt8(v % 10)
                        v /= 10
                    }
                }
                put(y, 4, at: 0)
                out[4] = UInt8(ascii: "-")
                put(m, 2, at: 5)
                out[7] = UInt8(ascii: "-")
                put(d, 2, at: 8)
                out[10] = UInt8(ascii: "T")
                put(secs / 3600, 2, at: 11)
                out[13] = UInt8(ascii: ":")
                put(secs / 60 % 60, 2, at: 14)
                out[16] = UInt8(ascii: ":")
                put(secs % 60, 2, at: 17)
                out[19] = UInt8(ascii: "Z")
                return 20
            }
        }
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))Z"
    }
}
