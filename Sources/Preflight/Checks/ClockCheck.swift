import AlibabaCloud
import Foundation

/// `clock.sane`: requests are signed with the local time and the gateway accepts ±15 minutes
/// (reference §5.5).
///
/// Offline, only plausibility can be judged — a clock before 2025 or after 2100 is certainly wrong — so a
/// plausible clock is *undecided*, not passed. After a call, the server's `Date` header decides.
enum ClockCheck {
    static let title = "Local clock"
    /// Before this, the clock is certainly wrong (ramguard's own test vectors are from 2025).
    static let earliestPlausible = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
    static let latestPlausible = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01T00:00:00Z
    /// The gateway's tolerance.
    static let gatewaySkew: TimeInterval = 15 * 60
    /// Above this (but within the tolerance) the check warns.
    static let warningSkew: TimeInterval = 60

    static func run(now: Date, serverDate: (server: Date, local: Date)?) -> PreflightCheck {
        let stamp = SigningTimestamp.string(from: now)
        if now < earliestPlausible || now > latestPlausible {
            return PreflightCheck(
                id: PreflightCheckID.clock, title: title, severity: .blocking, status: .fail,
                message: "The local clock reads \(stamp), which cannot be right; every request would be refused with InvalidTimeStamp.Expired (the gateway allows ±15 minutes).",
                remedy: "Set the system clock (enable NTP, e.g. `timedatectl set-ntp true`).")
        }
        guard let serverDate else {
            return PreflightCheck(
                id: PreflightCheckID.clock, title: title, severity: .blocking, status: .undecided,
                message: "The local clock reads \(stamp), which is plausible, but it cannot be verified offline against Alibaba Cloud's time (the gateway allows ±15 minutes); a call compares it with the server's Date header.",
                remedy: "Keep the clock synchronised (NTP); if a call fails with InvalidTimeStamp.Expired, fix the clock.")
        }
        let skew = serverDate.local.timeIntervalSince(serverDate.server)
        let described = describe(skew)
        let serverStamp = SigningTimestamp.string(from: serverDate.server)
        if abs(skew) > gatewaySkew {
            return PreflightCheck(
                id: PreflightCheckID.clock, title: title, severity: .blocking, status: .fail,
                message: "The local clock is \(described) the server's (\(serverStamp)); the gateway refuses requests more than 15 minutes off.",
                remedy: "Set the system clock (enable NTP).")
        }
        if abs(skew) > warningSkew {
            return PreflightCheck(
                id: PreflightCheckID.clock, title: title, severity: .blocking, status: .warn,
                message: "The local clock is \(described) the server's (\(serverStamp)): within the gateway's ±15 minutes, but drifting.",
                remedy: "Keep the clock synchronised (NTP).")
        }
        return PreflightCheck(
            id: PreflightCheckID.clock, title: title, severity: .blocking, status: .pass,
            message: "The local clock agrees with the server's Date header (\(serverStamp)) to within a minute (the Date header has one-second resolution).")
    }

    static func describe(_ skew: TimeInterval) -> String {
        let seconds = Int(abs(skew).rounded())
        let amount = seconds >= 120 ? "\(seconds / 60) minutes" : "\(seconds) seconds"
        return skew >= 0 ? "\(amount) ahead of" : "\(amount) behind"
    }
}
