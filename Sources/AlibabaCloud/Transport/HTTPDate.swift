import Foundation

/// The HTTP `Date` header's preferred form, IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
///
/// Parsed by hand, like ``SigningTimestamp``, so that neither the locale nor a shared formatter matters.
public enum HTTPDate: Sendable {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// The instant `text` names, or `nil` when it is not an IMF-fixdate.
    public static func parse(_ text: String) -> Date? {
        if let date = parseExact(text) { return date }
        return parseLenient(text)
    }

    /// The exact 29-byte form every server sends (`Sun, 06 Nov 1994 08:49:37 GMT`), read byte by byte: the
    /// client reads the `Date` of every answer, and the general path (trimming through Foundation,
    /// splitting, `String(format:)`) was a twentieth of its CPU per call. `nil` for anything else, which
    /// then takes the general path; where both apply they agree (a test checks).
    static func parseExact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == UInt8(ascii: " "), bytes[7] == UInt8(ascii: " "),
                  bytes[11] == UInt8(ascii: " "), bytes[16] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: ":"),
                  bytes[22] == UInt8(ascii: ":"), bytes[25] == UInt8(ascii: " "), bytes[26] == UInt8(ascii: "G"),
                  bytes[27] == UInt8(ascii: "M"), bytes[28] == UInt8(ascii: "T"),
                  bytes[0..<3].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else { return nil }
            let digits: [Int] = [5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24]
            guard digits.allSatisfy({ bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }) else { return nil }
            let month = String(decoding: bytes[8..<11], as: UTF8.self).lowercased()
            guard let monthIndex = months.firstIndex(of: month) else { return nil }
            let monthNumber = monthIndex + 1
            var stamp: [UInt8] = []
            stamp.reserveCapacity(20)
            stamp.append(contentsOf: bytes[12..<16])
            stamp.append(UInt8(ascii: "-"))
            stamp.append(UInt8(ascii: "0") + UInt8(monthNumber / 10))
            stamp.append(UInt8(ascii: "0") + UInt8(monthNumber % 10))
            stamp.append(UInt8(ascii: "-"))
            stamp.append(contentsOf: bytes[5..<7])
            stamp.append(UInt8(ascii: "T"))
            stamp.append(contentsOf: bytes[17..<25])
            stamp.append(UInt8(ascii: "Z"))
            return SigningTimestamp.date(from: String(decoding: stamp, as: UTF8.self))
        }
    }

    /// Any spacing, through Foundation.
    static func parseLenient(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT",
              let day = Int(parts[1]), let month = months.firstIndex(of: parts[2].lowercased()),
              let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]) else { return nil }
        let stamp = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month + 1, day, hour, minute, second)
        return SigningTimestamp.date(from: stamp)
    }

    /// `date` as an IMF-fixdate.
    public static func string(from date: Date) -> String {
        var stamp = SigningTimestamp.string(from: date)  // yyyy-MM-ddTHH:mm:ssZ
        return stamp.withUTF8 { chars in
            let monthIndex = Int(chars[5] &- UInt8(ascii: "0")) * 10 + Int(chars[6] &- UInt8(ascii: "0"))
            let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
            var text: [UInt8] = []
            text.reserveCapacity(29)
            text.append(contentsOf: weekdays[((days % 7) + 7) % 7].utf8)
            text.append(contentsOf: ", ".utf8)
            text.append(contentsOf: chars[8..<10])
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: monthNames[max(0, min(11, monthIndex - 1))].utf8)
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: chars[0..<4])
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: chars[11..<19])
            text.append(contentsOf: " GMT".utf8)
            return String(decoding: text, as: UTF8.self)
        }
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
