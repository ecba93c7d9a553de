import Foundation
import UTCCalendar

/// The UTC timestamp form both schemes sign: `yyyy-MM-ddTHH:mm:ssZ` (`Timestamp`, `x-acs-date`), also
/// used for STS `Expiration` values.
///
/// Formatting and parsing are arithmetic on the Unix time (``UTCCalendar``) rather than a `DateFormatter`,
/// so they do not depend on the process locale or calendar and are safe to call from any thread.
public enum SigningTimestamp: Sendable {
    /// Formats `date` in UTC with whole seconds (fractions are truncated, as the SDKs do).
    public static func string(from date: Date) -> String {
        UTCCalendar.timestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Parses `yyyy-MM-ddTHH:mm:ssZ`, optionally with fractional seconds (`…:00.123Z`) as some
    /// credential endpoints send. Returns `nil` for anything else, including offsets other than `Z`.
    public static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count - 21 <= 9,
                  let digits = number(20..<(bytes.count - 1))
            else { return nil }
            fraction = Double(digits) / pow(10, Double(bytes.count - 21))
        }
        guard (1...12).contains(month), day >= 1, day <= UTCCalendar.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let days = UTCCalendar.days(fromCivil: year, month, day)
        let total = days * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }
}
