import Foundation

/// RFC 3339 timestamps for reports and the default `acs:CurrentTime`.
public enum Timestamp {
    /// `2026-11-29T05:04:00Z` (UTC, whole seconds).
    ///
    /// Formatted from `gmtime_r` rather than `ISO8601DateFormatter`: the formatter's first use loads ICU's
    /// calendar data, a measurable part of a `ramguard check` that must start and finish in 10 ms.
    public static func rfc3339(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            f.timeZone = TimeZone(identifier: "UTC")
            return f.string(from: date)
        }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year >= 1000 ? "\(year)" : String(repeating: "0", count: 4 - "\(year)".count) + "\(year)"
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
