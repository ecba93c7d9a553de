import Foundation

/// The HTTP `Date` header's preferred form, IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
///
/// Parsed by hand, like ``SigningTimestamp``, so that neither the locale nor a shared formatter matters.
public enum HTTPDate: Sendable {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// The instant `text` names, or `nil` when it is not an IMF-fixdate.
    public static func parse(_ text: String) -> Date? {
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
        let stamp = SigningTimestamp.string(from: date)  // yyyy-MM-ddTHH:mm:ssZ
        let chars = Array(stamp)
        let year = String(chars[0..<4]), monthIndex = Int(String(chars[5..<7])) ?? 1, day = String(chars[8..<10])
        let time = String(chars[11..<19])
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let weekday = weekdays[((days % 7) + 7) % 7]
        let month = months[monthIndex - 1].prefix(1).uppercased() + months[monthIndex - 1].dropFirst()
        return "\(weekday), \(day) \(month) \(year) \(time) GMT"
    }
}
