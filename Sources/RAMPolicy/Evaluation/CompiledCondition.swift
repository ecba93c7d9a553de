/// A condition with its policy values parsed once into the operator family's type.
///
/// A class so the evaluation loop passes one reference instead of copying a struct of arrays.
/// `@unchecked Sendable`: besides immutable `let`s it owns plain buffers (``fastNumbers`` …) that are
/// written once in `init`, only read afterwards, and freed in `deinit`.
final class CompiledCondition: @unchecked Sendable {
    /// Which of the typed forms the hot path compares (mirrors ``Values`` without payloads).
    enum FastKind: UInt8 {
        case strings, foldedStrings, globs, numbers, dates, bool, ip
    }

    enum Values: Sendable {
        case strings([String])
        case foldedStrings([String])
        case globs([Glob])
        case numbers([Double])
        case dates([ISO8601Instant])
        case bool(Bool)
        case ip(ranges: [IPRange], patterns: [IPPattern])
    }

    // Stored properties in the order the decision loop reads them: the object's first cache line holds
    // what finding the request's value and comparing it needs; `values` and `source` (the policy's
    // located condition, over a hundred bytes) stood first and pushed those fields a line or two away.
    /// `foldedKey.hashValue`, compared before the string when finding the request's value.
    let keyHash: Int
    /// ``RequestContext/bit(forKeyHash:)`` of `keyHash`: when a request's ``RequestContext/summary`` lacks
    /// it, the request certainly lacks the key.
    let keyBit: UInt64
    /// Index of the key in the authorizer's key table (for O(1) lookup in a bound context).
    let keyID: Int32
    /// Identical conditions across all statements share an id, so one request evaluates each once.
    let conditionID: Int32
    let fastKind: FastKind
    let test: ConditionOperator.Test
    let negated: Bool
    let ifExists: Bool
    let hasPatterns: Bool
    let fastBool: Bool

    // The numeric, date and IP-range values again, in buffers of plain values: reading an array out
    // of `values`' enum payload retains and releases it, which on a heavy identity cost more than the
    // comparisons themselves.
    let fastRanges: UnsafeMutableBufferPointer<IPRange>
    let fastDates: UnsafeMutableBufferPointer<ISO8601Instant>
    let fastNumbers: UnsafeMutableBufferPointer<Double>
    let foldedKey: String
    let values: Values
    let source: Condition

    init(_ condition: Condition, interner: ConditionInterner) {
        source = condition
        foldedKey = Glob.fold(condition.key.value)
        keyHash = foldedKey.hashValue
        keyBit = RequestContext.bit(forKeyHash: keyHash)
        (keyID, conditionID) = interner.ids(for: condition, foldedKey: foldedKey)
        test = condition.op.test
        negated = condition.op.isNegated
        ifExists = condition.op.ifExists
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
            var ranges: [IPRange] = []
            var patterns: [IPPattern] = []
            for r in raw {
                if r.contains("*") { if let p = IPPattern(parsing: r) { patterns.append(p) } }
                else if let range = IPRange(parsing: r) { ranges.append(range) }
            }
            values = .ip(ranges: ranges, patterns: patterns)
        }
        var numbers: [Double] = [], dates: [ISO8601Instant] = [], ranges: [IPRange] = []
        var patterns = false, bool = false
        switch values {
        case .strings: fastKind = .strings
        case .foldedStrings: fastKind = .foldedStrings
        case .globs: fastKind = .globs
        case .numbers(let n): fastKind = .numbers; numbers = n
        case .dates(let d): fastKind = .dates; dates = d
        case .bool(let b): fastKind = .bool; bool = b
        case .ip(let r, let p): fastKind = .ip; ranges = r; patterns = !p.isEmpty
        }
        fastNumbers = Self.buffer(numbers)
        fastDates = Self.buffer(dates)
        fastRanges = Self.buffer(ranges)
        hasPatterns = patterns
        fastBool = bool
    }

    private static func buffer<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
        _ = b.initialize(from: a)
        return UnsafeMutableBufferPointer(rebasing: b[0..<a.count])
    }

    deinit {
        // The buffers hold trivial values; only their memory is released (allocated with at least one slot).
        UnsafeMutableBufferPointer(start: fastNumbers.baseAddress, count: 1).deallocate()
        UnsafeMutableBufferPointer(start: fastDates.baseAddress, count: 1).deallocate()
        UnsafeMutableBufferPointer(start: fastRanges.baseAddress, count: 1).deallocate()
    }

    /// ``positiveMatch(_:)`` for a request value read in place (no copy of its `String`, no retain of
    /// the policy values for the numeric, date, Boolean and IP families).
    @inline(__always)
    func positiveMatch(at v: UnsafePointer<ContextValue>) -> Bool {
        switch fastKind {
        case .bool:
            return v.pointee.bool == fastBool
        case .ip:
            if let a = v.pointee.ip {
                for r in fastRanges where r.contains(a) { return true }
            }
            return hasPatterns ? positiveMatch(v.pointee) : false
        case .dates:
            guard let x = v.pointee.instant else { return false }
            for p in fastDates where compare(x, p) { return true }
            return false
        case .numbers:
            guard let x = v.pointee.number ?? ConditionValueParser.number(v.pointee.text) else { return false }
            for p in fastNumbers where compare(x, p) { return true }
            return false
        case .strings, .foldedStrings, .globs:
            return positiveMatch(v.pointee)
        }
    }

    /// Whether one request value satisfies the *positive* form of the operator for any policy value.
    @inline(__always)
    func positiveMatch(_ v: ContextValue) -> Bool {
        switch values {
        case .strings(let ps):
            for p in ps where p == v.text { return true }
            return false
        case .foldedStrings(let ps):
            let f = Glob.fold(v.text)
            for p in ps where p == f { return true }
            return false
        case .globs(let gs):
            for g in gs where g.matches(v.text) { return true }
            return false
        case .numbers(let ps):
            guard let x = v.number ?? ConditionValueParser.number(v.text) else { return false }
            for p in ps where compare(x, p) { return true }
            return false
        case .dates(let ps):
            guard let x = v.instant else { return false }
            for p in ps where compare(x, p) { return true }
            return false
        case .bool(let p):
            return v.bool == p
        case .ip(let ranges, let patterns):
            if let a = v.ip {
                for r in ranges where r.contains(a) { return true }
            }
            for p in patterns where p.glob.matches(v.text) { return true }
            return false
        }
    }

    @inline(__always)
    func compare<T: Comparable>(_ x: T, _ p: T) -> Bool {
        switch test {
        case .lessThan: x < p
        case .lessThanEquals: x <= p
        case .greaterThan: x > p
        case .greaterThanEquals: x >= p
        default: x == p  // equals and notEquals (negation applied by the caller)
        }
    }

    /// Evaluates against the request context. `nil` values mean the key is absent.
    @inline(__always)
    func evaluate(_ requestValues: [ContextValue]?) -> Bool {
        guard let requestValues else { return ifExists || negated }
        return requestValues.withUnsafeBufferPointer { evaluate(values: $0) }
    }

    /// ``evaluate(_:)`` over request values read in place; an empty buffer means the key is absent.
    @inline(__always)
    func evaluate(values requestValues: UnsafeBufferPointer<ContextValue>) -> Bool {
        guard let base = requestValues.baseAddress, !requestValues.isEmpty else {
            return ifExists || negated
        }
        var any = false
        var i = 0
        while i < requestValues.count {
            if positiveMatch(at: base + i) {
                any = true
                break
            }
            i += 1
        }
        return negated ? !any : any
    }
}
