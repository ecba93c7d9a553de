import Testing
import UTCCalendar

/// The calendar arithmetic both the policy engine and the signer rely on.
struct UTCCalendarTests {
    /// Day numbers and dates convert both ways over ±3,000 years, and consecutive days are consecutive
    /// dates (each month has the length `daysIn` gives, leap years included).
    @Test func daysAndDatesRoundTrip() {
        var previous = UTCCalendar.civil(fromDays: -1_100_000)
        var wrong: [Int64] = []
        for days in Int64(-1_099_999)...1_100_000 {
            let date = UTCCalendar.civil(fromDays: days)
            let consecutive = date.day == 1
                ? previous.day == UTCCalendar.daysIn(month: previous.month, year: previous.year)
                    && (date.month == previous.month % 12 + 1)
                : date.day == previous.day + 1 && date.month == previous.month
            if UTCCalendar.days(fromCivil: date.year, date.month, date.day) != days || !consecutive { wrong.append(days) }
            previous = date
        }
        #expect(wrong.isEmpty, "first wrong day numbers: \(wrong.prefix(5))")
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (951_868_799, "2000-02-29T23:59:59Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-62_167_219_200, "0000-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (253_402_300_800, "10000-01-01T00:00:00Z"),
        (-62_167_219_201, "00-1-12-31T23:59:59Z"),
    ])
    func timestamps(seconds: Int64, text: String) {
        #expect(UTCCalendar.timestamp(seconds: seconds) == text)
    }
}
