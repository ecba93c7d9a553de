import Foundation

/// When and how long to wait before trying a call again.
///
/// Only attempts that ``AttemptClassifier`` calls ``AttemptVerdict/retryable(_:retryAfterMilliseconds:)``
/// are ever retried — requests that certainly were not processed. This type only decides *how often* and
/// *how long*: exponential backoff from ``baseDelay``, doubled per attempt, capped at ``maximumDelay``,
/// with "equal jitter" (half the delay fixed, half random) so that many clients throttled at once do not
/// return in step. A server's `x-acs-retry-after` (milliseconds) is honoured when it asks for longer,
/// up to the cap. The defaults follow reference §6.5: base 200 ms, cap 20 s, 3 attempts in total.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included (1 disables retrying).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The ceiling of the wait after attempt `attempt` (1-based): `base × 2^(attempt−1)`, capped.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let milliseconds = Self.milliseconds(baseDelay) * Double(1 << exponent)
        return min(.milliseconds(Int64(milliseconds.rounded())), maximumDelay)
    }

    /// The wait after attempt `attempt`: half the ceiling plus a random share of the other half, or the
    /// server's `retryAfterMilliseconds` if that is longer (never above ``maximumDelay``).
    ///
    /// - Parameter random: a value in `0..<1`; injected so tests are deterministic.
    public func delay(afterAttempt attempt: Int, retryAfterMilliseconds: Int? = nil, random: Double) -> Duration {
        let ceiling = Self.milliseconds(self.ceiling(afterAttempt: attempt))
        let jittered = ceiling / 2 + ceiling / 2 * min(max(random, 0), 1)
        var chosen = jittered
        if let retryAfterMilliseconds, Double(retryAfterMilliseconds) > chosen {
            chosen = Double(retryAfterMilliseconds)
        }
        chosen = min(chosen, Self.milliseconds(maximumDelay))
        return .milliseconds(Int64(chosen.rounded()))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
