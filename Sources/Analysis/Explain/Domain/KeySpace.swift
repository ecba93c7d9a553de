import RAMPolicy

/// The request values of one condition key, cut into finitely many cells such that every condition
/// on the key is true on a whole cell or false on a whole cell. Each cell has a witness: a request
/// value inside it.
///
/// Built once per analysis from every condition on the key in the statements that matter, so that all
/// regions of that analysis (and both sides of a diff) share one set of cells.
final class KeySpace: Sendable, Hashable {
    enum Partition: Sendable {
        case strings(StringPartition)
        case numbers(OrderedPartition<Double>)
        case dates(OrderedPartition<ISO8601Instant>)
        case bool
        case addresses(AddressPartition)
    }

    /// The key as first written in the policies.
    let key: String
    let folded: String
    let family: ConditionOperator.Family
    let partition: Partition
    let cellCount: Int
    /// What the cells were cut by, for equality: spelled out only when spaces are compared (a diff),
    /// not for every space an audit builds.
    private var signature: [String] {
        switch partition {
        case .strings(let p): p.patterns.map { "\($0.kind.rawValue):\($0.text)" }
        case .numbers(let p): p.points.map { "\($0)" }
        case .dates(let p): p.points.map { "\($0.seconds).\($0.nanoseconds)" }
        case .bool: []
        case .addresses(let p): p.intervals.map { "\($0.first.high).\($0.first.low)" }
        }
    }

    convenience init(key: String, conditions: [Condition]) throws(UndecidableKey) {
        try self.init(key: key, folded: Glob.fold(key), conditions: conditions)
    }

    /// - Parameter folded: `Glob.fold(key)`, which the caller has already made.
    init(key: String, folded: String, conditions: [Condition]) throws(UndecidableKey) {
        self.key = key
        self.folded = folded
        guard let family = conditions.first?.op.family else {
            throw UndecidableKey(key: key, reason: "no condition tests \(key)")
        }
        guard conditions.allSatisfy({ $0.op.family == family }) else {
            let families = conditions.map(\.op.family).reduce(into: [ConditionOperator.Family]()) { if !$0.contains($1) { $0.append($1) } }
            throw UndecidableKey(
                key: key,
                reason: "\(key) is compared by operators of several families (\(families.map(\.rawValue).joined(separator: ", "))); the analysis does not combine value types on one key")
        }
        self.family = family
        // Every value of every condition, for the families cut at values (a String key cuts at patterns).
        var raw: [String] {
            var out: [String] = []
            for c in conditions { for v in c.values { out.append(v.value) } }
            return out
        }
        switch family {
        case .string:
            var patterns: [StringPattern] = []
            for c in conditions {
                let kind = Self.patternKind(c.op.test)
                for v in c.values where !patterns.contains(StringPattern(kind: kind, text: v.value)) {
                    patterns.append(StringPattern(kind: kind, text: v.value))
                }
            }
            let p = try StringPartition(patterns: patterns, key: key)
            partition = .strings(p)
            cellCount = p.vectors.count
        case .numeric:
            let p = OrderedPartition(points: raw.compactMap(ConditionValueParser.number), between: Self.number(between:and:),
                                     format: Self.numberText, other: "not-a-number")
            partition = .numbers(p)
            cellCount = p.cellCount
        case .date:
            let p = OrderedPartition(points: raw.compactMap(ISO8601Instant.init(parsing:)), between: Self.instant(between:and:),
                                     format: Self.instantText, other: "not-a-date")
            partition = .dates(p)
            cellCount = p.cellCount
        case .bool:
            partition = .bool
            cellCount = Self.boolWitnesses.count
        case .ipAddress:
            // The engine ignores a value with `*` that is not a valid pattern; a valid one is a text glob.
            // No `*` byte means no `*` (checked first: `contains` on text compares characters, slowly).
            let values = raw
            if let star = values.first(where: { $0.utf8.contains(UInt8(ascii: "*")) && $0.contains("*") && IPPattern(parsing: $0) != nil }) {
                throw UndecidableKey(
                    key: key,
                    reason: "\(key) has the wildcard IP value \"\(star)\" (matched as a glob over the address text, assumption U14), which the analysis does not model")
            }
            let p = AddressPartition(ranges: values.compactMap(IPRange.init(parsing:)))
            partition = .addresses(p)
            cellCount = p.cellCount
        }
    }

    /// How String operators compare, as the engine compiles them.
    static func patternKind(_ test: ConditionOperator.Test) -> StringPattern.Kind {
        switch test {
        case .equalsIgnoreCase, .notEqualsIgnoreCase: .ignoreCase
        case .like, .notLike: .like
        default: .exact
        }
    }

    static let boolWitnesses = ["true", "false", "unset"]

    /// A request value in each cell, by cell.
    var witnesses: [String] {
        switch partition {
        case .strings(let p): p.witnesses
        case .numbers(let p): p.witnesses
        case .dates(let p): p.witnesses
        case .bool: Self.boolWitnesses
        case .addresses(let p): p.witnesses
        }
    }

    /// A request value in the cell (the addresses' are written out only when asked for).
    func witness(_ cell: Int) -> String {
        switch partition {
        case .strings(let p): p.witnesses[cell]
        case .numbers(let p): p.witnesses[cell]
        case .dates(let p): p.witnesses[cell]
        case .bool: Self.boolWitnesses[cell]
        case .addresses(let p): p.witness(cell)
        }
    }

    static func == (a: KeySpace, b: KeySpace) -> Bool {
        a === b || (a.folded == b.folded && a.family == b.family && a.signature == b.signature)
    }

    func hash(into h: inout Hasher) {
        h.combine(folded)
        h.combine(signature)
    }

    // MARK: Cells

    /// The cell of one request value (nil only if the value falls outside every cell, which would be a bug).
    func cell(of value: ContextValue) -> Int? {
        switch partition {
        case .strings(let p): p.cell(of: value.text)
        case .numbers(let p): p.cell(of: value.number ?? ConditionValueParser.number(value.text))
        case .dates(let p): p.cell(of: value.instant)
        case .bool: value.bool.map { $0 ? 0 : 1 } ?? 2
        case .addresses(let p): p.cell(of: value)
        }
    }

    /// The cells on which the condition's positive (non-negated) form holds: those whose witness the
    /// engine's test of the condition (``ConditionValueTest``) accepts, read off the partition.
    ///
    /// The cells are cut at every value of every condition on the key, parsed by the engine's own
    /// parsers, so what one value admits is a union of whole cells the partition already knows: the
    /// cells a String pattern matches, the slots below, at or above a number or an instant, the
    /// intervals inside an address range. Values the engine ignores (unparsable ones, IP values with
    /// `*`) are ignored here too. Compiling the engine's test of every condition and running it on every
    /// witness (parsed for it) was most of translating a statement, and an audit's conditions are
    /// nearly all different; a test compares the two readings on random conditions of every family.
    /// A condition whose values the cells were not cut by (never, as the spaces are built) is asked of
    /// the engine.
    func positiveCells(_ condition: Condition) -> CellSet {
        var cells = CellSet(count: cellCount)
        switch partition {
        case .strings(let p):
            let kind = Self.patternKind(condition.op.test)
            for v in condition.values {
                guard let matching = p.cells(matching: StringPattern(kind: kind, text: v.value)) else { return engineCells(condition) }
                cells = cells.union(matching)
            }
        case .numbers(let p):
            for v in condition.values {
                guard let x = ConditionValueParser.number(v.value) else { continue }
                guard let matching = p.cells(condition.op.test, x) else { return engineCells(condition) }
                cells = cells.union(matching)
            }
        case .dates(let p):
            for v in condition.values {
                guard let x = ISO8601Instant(parsing: v.value) else { continue }
                guard let matching = p.cells(condition.op.test, x) else { return engineCells(condition) }
                cells = cells.union(matching)
            }
        case .bool:
            // The engine compares a request's Boolean with the first value's (false when it has none):
            // "true" is cell 0, "false" cell 1, and "unset" is no Boolean.
            let value = condition.values.first.flatMap { ConditionValueParser.bool($0.value) } ?? false
            cells.insert(value ? 0 : 1)
        case .addresses(let p):
            // A value with `*`, which the engine reads as a pattern (none is valid here: the space would
            // be undecidable), never parses as a range.
            for v in condition.values {
                guard let range = IPRange(parsing: v.value) else { continue }
                cells = cells.union(p.cells(in: range))
            }
        }
        return cells
    }

    /// ``positiveCells(_:)`` as the engine answers it: its test of the condition on every witness.
    func engineCells(_ condition: Condition) -> CellSet {
        let test = ConditionValueTest(condition)
        var cells = CellSet(count: cellCount)
        for cell in 0..<cellCount where test.matches(ContextValue(witness(cell))) { cells.insert(cell) }
        return cells
    }

    /// The constraint one condition puts on this key, with the engine's rules for absent keys
    /// (false, except for `IfExists` and negated operators) and for several request values.
    func constraint(_ condition: Condition) -> KeyConstraint {
        let p = positiveCells(condition)
        if condition.op.isNegated {
            return KeyConstraint(absent: true, within: p.complement, cellCount: cellCount)
        }
        return KeyConstraint(absent: condition.op.ifExists, within: .all(cellCount), hits: [p], cellCount: cellCount)
    }

    // MARK: Words

    /// A phrase starting with "is" for request values in `set`.
    func phrase(_ set: CellSet) -> String {
        if set.isFull { return "is any value" }
        switch partition {
        case .strings(let p):
            return p.phrase(set)
        case .numbers(let p):
            return Self.orderedPhrase(p, set, show: Self.numberShow, words: .numbers, noun: "a number")
        case .dates(let p):
            return Self.orderedPhrase(p, set, show: Self.instantShow, words: .instants, noun: "a valid ISO 8601 time")
        case .bool:
            switch (set.contains(0), set.contains(1), set.contains(2)) {
            case (true, false, false): return "is true"
            case (false, true, false): return "is false"
            case (true, true, false): return "is true or false"
            case (true, false, true): return "is not false"
            case (false, true, true): return "is not true"
            case (false, false, true): return "is neither true nor false"
            default: return "is no value"
            }
        case .addresses(let p):
            let other = set.contains(p.otherCell)
            let inside = p.cidrs(other ? set.complement : set)
            if inside.isEmpty { return other ? "is not an IP address" : "is no value" }
            return (other ? "is not in " : "is in ") + inside.joined(separator: ", ")
        }
    }

    static func orderedPhrase<T>(_ p: OrderedPartition<T>, _ set: CellSet, show: (T) -> String, words: BoundWords, noun: String) -> String {
        let (ivs, other) = p.intervals(set)
        if ivs.isEmpty { return other ? "is not \(noun)" : "is no value" }
        if !other { return "is " + ivs.map { $0.phrase(show, words) }.joined(separator: " or ") }
        let out = p.intervals(set.complement).intervals.map { $0.phrase(show, words) }
        switch out.count {
        case 0: return "is any value"
        case 1: return "is not \(out[0])"
        case 2: return "is neither \(out[0]) nor \(out[1])"
        default: return "is none of " + out.joined(separator: ", ")
        }
    }

    /// The set in structured form.
    func form(_ set: CellSet) -> ValueSet.Form {
        if set.isFull { return .anyValue }
        switch partition {
        case .strings(let p):
            return .strings(patterns: p.patterns, matching: set.elements.map { p.vectors[$0] })
        case .numbers(let p):
            let (ivs, other) = p.intervals(set)
            return .numbers(ivs, orUnparsable: other)
        case .dates(let p):
            let (ivs, other) = p.intervals(set)
            return .dates(ivs, orUnparsable: other)
        case .bool:
            return .bool(true: set.contains(0), false: set.contains(1), orUnparsable: set.contains(2))
        case .addresses(let p):
            return .addresses(cidrs: p.cidrs(set), orUnparsable: set.contains(p.otherCell))
        }
    }

    // MARK: Values

    static func numberShow(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func numberText(_ x: Double) -> String? {
        let s = numberShow(x)
        return ConditionValueParser.number(s) == x ? s : nil
    }

    static func number(between a: Double?, and b: Double?) -> (Double, String)? {
        var candidates: [Double] = []
        switch (a, b) {
        case (nil, nil): candidates = [0]
        case (nil, let b?): candidates = [b.rounded(.up) - 1, b - abs(b) - 1, b.nextDown]
        case (let a?, nil): candidates = [a.rounded(.down) + 1, a + abs(a) + 1, a.nextUp]
        case (let a?, let b?): candidates = [(a + 1).rounded(.down), a / 2 + b / 2, a.nextUp]
        }
        for c in candidates where c.isFinite && (a.map { c > $0 } ?? true) && (b.map { c < $0 } ?? true) {
            if let t = numberText(c) { return (c, t) }
        }
        return nil
    }

    static func instantShow(_ t: ISO8601Instant) -> String {
        guard t.nanoseconds != 0 else { return t.description }
        let digits = String(t.nanoseconds)
        var fraction = String(repeating: "0", count: max(0, 9 - digits.count)) + digits
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(t.description.dropLast()) + "." + fraction + "Z"
    }

    static func instantText(_ t: ISO8601Instant) -> String? {
        guard t.nanoseconds >= 0, t.nanoseconds < 1_000_000_000 else { return nil }
        let s = instantShow(t)
        return ContextValue(s).instant == t ? s : nil
    }

    static func instant(between a: ISO8601Instant?, and b: ISO8601Instant?) -> (ISO8601Instant, String)? {
        let day: Int64 = 86_400
        var candidates: [ISO8601Instant] = []
        switch (a, b) {
        case (nil, nil):
            candidates = [ISO8601Instant(seconds: 1_767_225_600)]  // 2026-01-01T00:00:00Z
        case (nil, let b?):
            candidates = [ISO8601Instant(seconds: b.seconds - day), ISO8601Instant(seconds: b.seconds - 1), earlier(b)]
        case (let a?, nil):
            candidates = [ISO8601Instant(seconds: a.seconds + day), ISO8601Instant(seconds: a.seconds + 1), later(a)]
        case (let a?, let b?):
            candidates = [ISO8601Instant(seconds: a.seconds + (b.seconds - a.seconds) / 2),
                          ISO8601Instant(seconds: a.seconds + 1), later(a)]
        }
        for c in candidates where (a.map { c > $0 } ?? true) && (b.map { c < $0 } ?? true) {
            if let t = instantText(c) { return (c, t) }
        }
        return nil
    }

    private static func later(_ t: ISO8601Instant) -> ISO8601Instant {
        t.nanoseconds >= 999_999_999 ? ISO8601Instant(seconds: t.seconds + 1) : ISO8601Instant(seconds: t.seconds, nanoseconds: t.nanoseconds + 1)
    }

    private static func earlier(_ t: ISO8601Instant) -> ISO8601Instant {
        t.nanoseconds <= 0 ? ISO8601Instant(seconds: t.seconds - 1, nanoseconds: 999_999_999) : ISO8601Instant(seconds: t.seconds, nanoseconds: t.nanoseconds - 1)
    }
}
