import RAMPolicy

/// The positive form of one condition, tested against one request value exactly as RAMPolicy's
/// compiled conditions do (same value parsing, same comparisons, same case rules).
///
/// The analysis only ever applies it to a cell's witness: every value of a cell gives the same answer,
/// so the witness decides for the whole cell. Negation, `IfExists` and absent keys are handled by
/// ``KeyConstraint``, not here.
struct PositiveMatcher: Sendable {
    enum Values: Sendable {
        case strings([String])
        case foldedStrings([String])
        case globs([Glob])
        case numbers([Double])
        case dates([ISO8601Instant])
        case bool(Bool)
        case ip([IPRange])
    }

    let values: Values
    let test: ConditionOperator.Test

    init(_ condition: Condition) {
        test = condition.op.test
        let raw = condition.values.map(\.value)
        switch condition.op.family {
        case .string:
            switch condition.op.test {
            case .equalsIgnoreCase, .notEqualsIgnoreCase: values = .foldedStrings(raw.map(Glob.fold))
            case .like, .notLike: values = .globs(raw.map { Glob($0, caseInsensitive: false) })
            default: values = .strings(raw)
            }
        case .numeric:
            values = .numbers(raw.compactMap(ConditionValueParser.number))
        case .date:
            values = .dates(raw.compactMap(ISO8601Instant.init(parsing:)))
        case .bool:
            values = .bool(raw.first.flatMap(ConditionValueParser.bool) ?? false)
        case .ipAddress:
            // Values with `*` are patterns; a key using them is reported undecidable before we get here.
            values = .ip(raw.filter { !$0.contains("*") }.compactMap(IPRange.init(parsing:)))
        }
    }

    func matches(_ v: ContextValue) -> Bool {
        switch values {
        case .strings(let ps):
            return ps.contains { $0 == v.text }
        case .foldedStrings(let ps):
            let f = Glob.fold(v.text)
            return ps.contains { $0 == f }
        case .globs(let gs):
            return gs.contains { $0.matches(v.text) }
        case .numbers(let ps):
            guard let x = v.number ?? ConditionValueParser.number(v.text) else { return false }
            return ps.contains { compare(x, $0) }
        case .dates(let ps):
            guard let x = v.instant else { return false }
            return ps.contains { compare(x, $0) }
        case .bool(let p):
            return v.bool == p
        case .ip(let ranges):
            guard let a = v.ip else { return false }
            return ranges.contains { $0.contains(a) }
        }
    }

    private func compare<T: Comparable>(_ x: T, _ p: T) -> Bool {
        switch test {
        case .lessThan: x < p
        case .lessThanEquals: x <= p
        case .greaterThan: x > p
        case .greaterThanEquals: x >= p
        default: x == p
        }
    }
}
