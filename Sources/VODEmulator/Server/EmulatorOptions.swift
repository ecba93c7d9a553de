import Foundation

/// How an emulator runs: where it listens, where it keeps state, its clock, and where it logs.
public struct EmulatorOptions: Sendable {
    /// Loopback only; port 0 picks a free port (read it back from ``VODEmulator/start()``).
    public var address: LoopbackAddress
    /// Where the job journal lives (`jobs.jsonl`); `nil` keeps jobs in memory only.
    public var stateDirectory: String?
    /// "Now" for timestamp checks, `acs:CurrentTime` and job records.
    public var clock: EmulatorClock
    /// The largest accepted difference between a request's timestamp and the clock, either way. The
    /// gateway's is 15 minutes (reference §5.5); `nil` turns the check off (for replaying old captures).
    public var maximumClockSkew: TimeInterval?
    public var log: EmulatorLog
    /// How long a connection may sit without a request before the server closes it (never while a request
    /// is being answered; at least the longest latency fault plus 30 s).
    public var requestTimeout: TimeInterval

    /// The gateway's tolerance: ±15 minutes.
    public static let gatewayClockSkew: TimeInterval = 15 * 60

    public init(
        address: LoopbackAddress? = nil,
        stateDirectory: String? = nil,
        clock: EmulatorClock = .system,
        maximumClockSkew: TimeInterval? = EmulatorOptions.gatewayClockSkew,
        log: EmulatorLog = .standardError,
        requestTimeout: TimeInterval = 120
    ) {
        self.address = address ?? .ipv4Loopback()
        self.stateDirectory = stateDirectory
        self.clock = clock
        self.maximumClockSkew = maximumClockSkew
        self.log = log
        self.requestTimeout = requestTimeout
    }
}
