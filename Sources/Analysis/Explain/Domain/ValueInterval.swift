/// An interval of numbers or instants; a nil bound is unbounded.
public struct ValueInterval<T: Comparable & Hashable & Sendable>: Sendable, Hashable {
    public var lower: T?
    public var lowerInclusive: Bool
    public var upper: T?
    public var upperInclusive: Bool

    public init(lower: T?, lowerInclusive: Bool, upper: T?, upperInclusive: Bool) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    public func contains(_ x: T) -> Bool {
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// The interval in words after "is", e.g. "at least 3 and less than 7"; `show` renders a bound.
    func phrase(_ show: (T) -> String, _ w: BoundWords) -> String {
        switch (lower, upper) {
        case (nil, nil):
            return "any value"
        case (let l?, let u?) where l == u:
            return show(l)
        case (nil, let u?):
            return "\(upperInclusive ? w.lessOrEqual : w.less) \(show(u))"
        case (let l?, nil):
            return "\(lowerInclusive ? w.greaterOrEqual : w.greater) \(show(l))"
        case (let l?, let u?):
            if lowerInclusive && upperInclusive { return "from \(show(l)) to \(show(u))" }
            let a = "\(lowerInclusive ? w.greaterOrEqual : w.greater) \(show(l))"
            let b = "\(upperInclusive ? w.lessOrEqual : w.less) \(show(u))"
            return "\(a) and \(b)"
        }
    }
}

/// The words for interval bounds: "less than"/"at most"/"greater than"/"at least" for numbers,
/// "before"/"at or before"/"after"/"at or after" for instants.
struct BoundWords: Sendable {
    var less: String, lessOrEqual: String, greater: String, greaterOrEqual: String
    static let numbers = BoundWords(less: "less than", lessOrEqual: "at most", greater: "greater than", greaterOrEqual: "at least")
    static let instants = BoundWords(less: "before", lessOrEqual: "at or before", greater: "after", greaterOrEqual: "at or after")
}
