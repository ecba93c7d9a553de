import Foundation
import RAMPolicy

/// How the linter judges documents.
public struct LintOptions: Sendable, Hashable {
    /// Validate with `--strict` semantics: undocumented syntax is an error, not a warning.
    public var strict: Bool
    /// "Now", for rules about time (an expired `DateLessThan` on `acs:CurrentTime`). Injectable so that
    /// tests and reproducible CI runs do not depend on the clock.
    public var now: ISO8601Instant
    /// Report `NearSizeLimit` from this fraction of the kind's character limit on (0.9 = 90 %).
    public var nearLimitRatio: Double
    /// A VOD wildcard granting at least this many current actions is reported as `ServiceWildcard`.
    public var broadWildcardThreshold: Int

    /// - Parameter now: defaults to the current time, read once here (the only use of Foundation's clock).
    public init(strict: Bool = false, now: ISO8601Instant? = nil, nearLimitRatio: Double = 0.9, broadWildcardThreshold: Int = 20) {
        self.strict = strict
        self.now = now ?? ISO8601Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
        self.nearLimitRatio = nearLimitRatio
        self.broadWildcardThreshold = broadWildcardThreshold
    }

    /// The same instant as a Foundation date, for callers that have one.
    public init(strict: Bool = false, now date: Date, nearLimitRatio: Double = 0.9, broadWildcardThreshold: Int = 20) {
        self.init(strict: strict, now: ISO8601Instant(seconds: Int64(date.timeIntervalSince1970.rounded(.down))),
                  nearLimitRatio: nearLimitRatio, broadWildcardThreshold: broadWildcardThreshold)
    }

    func validation(kind: PolicyKind) -> ValidationOptions {
        ValidationOptions(kind: kind, strict: strict)
    }
}
