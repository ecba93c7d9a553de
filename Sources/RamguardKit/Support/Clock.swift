import Foundation

/// RFC 3339 timestamps for reports and the default `acs:CurrentTime`.
public enum Timestamp {
    public static func rfc3339(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
