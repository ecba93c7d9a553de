import Foundation

/// The emulator's notion of "now": the time checked against request timestamps, put in
/// `acs:CurrentTime`, and stamped on recorded jobs.
///
/// Injectable so tests can replay requests captured at a fixed past time (the captured SDK requests
/// carry real timestamps from their capture run).
public struct EmulatorClock: Sendable {
    private let now: @Sendable () -> Date

    public init(_ now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The system clock.
    public static let system = EmulatorClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> EmulatorClock {
        EmulatorClock { date }
    }

    public func date() -> Date { now() }
}
