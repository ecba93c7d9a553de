import RAMPolicy

/// Rules about conditions that can never hold: expired times, operators of the wrong type for the key,
/// and conditions on one key that contradict each other.
extension DocumentLint {
    mutating func conditionRules(_ s: StatementFacts) {
        let conditions = s.conditions
        guard !conditions.isEmpty else { return }
        let effect = s.isAllow ? "the statement never applies" : "the Deny never applies"
        for i in conditions.indices {
            // Only a Date condition can have expired, and only a positive one without values or of a
            // typed family (not String, without IfExists) can never hold (see `expired(_:)` and
            // `unsatisfiable(_:)`): the operator is read in place, and the others (String conditions,
            // most of a tree's) are not copied.
            let op = conditions[i].op
            guard op.family == .date || !op.isNegated && (!op.ifExists && op.family != .string || conditions[i].values.isEmpty)
            else { continue }
            let c = conditions[i]
            // The path rendered once for the finding and for the statement's never-holds note.
            if let message = expired(c) {
                let path = c.path
                emit(.expiredCondition, message: Formatting.concat(message, "; ", effect, " again"), span: c.key.span, path: path)
                s.neverHolds = s.neverHolds ?? RelatedLocation(file: file, span: c.key.span, path: path, message: "expired")
            } else if let message = unsatisfiable(c) {
                let path = c.path
                emit(.unsatisfiableCondition, message: Formatting.concat(message, ", so ", effect), span: c.key.span, path: path)
                s.neverHolds = s.neverHolds ?? RelatedLocation(file: file, span: c.key.span, path: path, message: "can never hold")
            }
        }
        guard conditions.count > 1 else { return }
        // Contradictions need two conditions (without IfExists) on one key; most statements have none,
        // and looking first spares building the groups (an array per key).
        var repeated = false
        for i in conditions.indices where !conditions[i].op.ifExists {
            for j in (i + 1)..<conditions.count
            where !conditions[j].op.ifExists && ASCIIFold.foldedEqual(conditions[i].key.value, conditions[j].key.value) {
                repeated = true
                break
            }
            if repeated { break }
        }
        guard repeated else { return }
        let keys = conditions.map { ASCIIFold.fold($0.key.value) }
        // Group the conditions (without IfExists: those hold when the key is absent) by folded key, in
        // the order the keys first appear. A statement has a handful of conditions, so a list searched
        // linearly beats hashing every key.
        var groups: [(key: String, conditions: [Condition])] = []
        for (c, key) in zip(conditions, keys) where !c.op.ifExists {
            if let i = groups.firstIndex(where: { $0.key == key }) {
                groups[i].conditions.append(c)
            } else {
                groups.append((key, [c]))
            }
        }
        for (_, group) in groups {
            guard group.count > 1, let (later, earlier, why) = contradiction(in: group) else { continue }
            emit(.contradictoryConditions,
                 message: "\(later.op.name) \(Self.values(later)) on \(later.key.value) contradicts \(earlier.op.name) \(Self.values(earlier)) on the same key: \(why), so \(effect)",
                 span: later.key.span, path: later.path,
                 related: [located(earlier, "the contradicting condition")])
            s.neverHolds = s.neverHolds ?? located(later, "contradicts \(earlier.path)")
        }
    }

    func located(_ c: Condition, _ message: String) -> RelatedLocation {
        RelatedLocation(file: file, span: c.key.span, path: c.path, message: message)
    }

    static func values(_ c: Condition) -> String {
        c.values.count == 1 ? (c.values.first?.value ?? "") : "[" + c.values.map(\.value).joined(separator: ", ") + "]"
    }

    // MARK: Single conditions

    /// A Date condition on acs:CurrentTime that only admits past times. The key is compared folded
    /// byte by byte: a folded copy per Date condition cost more than the rule.
    func expired(_ c: Condition) -> String? {
        guard c.op.family == .date, !c.values.isEmpty, ASCIIFold.foldedEqual(c.key.value, "acs:currenttime") else { return nil }
        // The latest value without collecting the values (only an expired Equals names them all).
        var latest: ISO8601Instant?
        for v in c.values {
            guard let t = ISO8601Instant(parsing: v.value) else { return nil }
            if latest.map({ t > $0 }) ?? true { latest = t }
        }
        guard let latest else { return nil }
        let now = options.now
        switch c.op.test {
        case .lessThan where latest <= now:
            return Formatting.concat("acs:CurrentTime must be before ", latest.description, ", which has passed (now ", nowText, ")")
        case .lessThanEquals where latest < now:
            return Formatting.concat("acs:CurrentTime must be at or before ", latest.description, ", which has passed (now ", nowText, ")")
        case .equals where latest < now:
            let instants = c.values.compactMap { ISO8601Instant(parsing: $0.value) }
            return "acs:CurrentTime must equal \(Formatting.list(instants.map(\.description))), which has passed (now \(nowText))"
        default:
            return nil
        }
    }

    /// An operator whose family cannot compare the values a typed global key carries, or an empty list.
    /// The key is folded only when the operator might not suit a typed key (most conditions are not),
    /// and an ASCII key is first compared with the typed keys byte by byte (see ``typedGlobalKeys``).
    func unsatisfiable(_ c: Condition) -> String? {
        guard !c.op.isNegated else { return nil }
        guard c.values.isEmpty || (!c.op.ifExists && c.op.family != .string) else { return nil }
        if !c.values.isEmpty, let typed = Self.typedGlobalKeys, let answer = Self.typedKey(c.key.value, among: typed) {
            guard let key = answer else { return nil }
            return unsatisfiable(c, key: key)
        }
        return unsatisfiable(c, foldedKey: c.values.isEmpty ? "" : ASCIIFold.fold(c.key.value))
    }

    /// The documented keys whose values are not strings, when no key family (prefix) is typed: then
    /// `GlobalConditionKey.lookup` of a key gives a typed key exactly when the key is one of these up
    /// to case. Nil otherwise (the general lookup decides).
    static let typedGlobalKeys: [GlobalConditionKey]? = GlobalConditionKey.all.contains { $0.isPrefix && $0.type != .string }
        ? nil : GlobalConditionKey.all.filter { !$0.isPrefix && $0.type != .string }

    /// For an ASCII `key`: `.some(k)` with the typed key it names (`.some(nil)` when none), without a
    /// folded copy or a dictionary lookup. Nil for a non-ASCII key (Unicode folding may change lengths).
    static func typedKey(_ key: String, among typed: [GlobalConditionKey]) -> GlobalConditionKey?? {
        var text = key
        return text.withUTF8 { bytes -> GlobalConditionKey?? in
            for b in bytes where b >= 0x80 { return nil }
            for k in typed.indices where k < typedGlobalKeyBytes.count && typedGlobalKeyBytes[k].count == bytes.count {
                let name = typedGlobalKeyBytes[k]
                var same = true
                for i in 0..<bytes.count where ASCIIFold.byte(bytes[i]) != name[i] {
                    same = false
                    break
                }
                if same { return .some(typed[k]) }
            }
            return .some(nil)
        }
    }

    /// The names of ``typedGlobalKeys`` folded (ASCII lower case), as bytes.
    private static let typedGlobalKeyBytes: [[UInt8]] = (typedGlobalKeys ?? []).map { Array(ASCIIFold.fold($0.name).utf8) }

    /// ``unsatisfiable(_:)`` with the key already folded (`Glob.fold`).
    func unsatisfiable(_ c: Condition, foldedKey: String) -> String? {
        guard !c.op.isNegated else { return nil }
        if c.values.isEmpty {
            return "\(c.op.name) on \(c.key.value) has no values to match"
        }
        // A String operator can compare any key's values; deciding that first spares the key lookup.
        guard !c.op.ifExists, c.op.family != .string, let key = GlobalConditionKey.lookup(folded: foldedKey) else { return nil }
        return unsatisfiable(c, key: key)
    }

    /// ``unsatisfiable(_:foldedKey:)`` for a condition with values whose key is `key`.
    private func unsatisfiable(_ c: Condition, key: GlobalConditionKey) -> String? {
        guard key.type != .string else { return nil }
        let compares: (GlobalConditionKey.ValueType, String)
        switch c.op.family {
        case .string: return nil
        case .numeric: compares = (.string, "numbers")
        case .date: compares = (.date, "times")
        case .bool: compares = (.bool, "true/false")
        case .ipAddress: compares = (.ipAddress, "IP addresses")
        }
        guard compares.0 != key.type else { return nil }
        let carries: String
        switch key.type {
        case .date: carries = "a time"
        case .bool: carries = "true or false"
        case .ipAddress: carries = "an IP address"
        case .string: carries = "a string"
        }
        return "\(c.op.name) compares \(compares.1), but \(key.name) carries \(carries): the condition can never hold"
    }

    // MARK: Pairs of conditions on one key

    /// The first pair of conditions of `group` (same key) that cannot hold together: (later, earlier, why).
    func contradiction(in group: [Condition]) -> (Condition, Condition, String)? {
        let numeric = group.filter { $0.op.family == .numeric }
        if numeric.count > 1, let hit = Self.rangeContradiction(numeric, parse: ConditionValueParser.number, show: { Self.show($0) }) {
            return hit
        }
        let dates = group.filter { $0.op.family == .date }
        if dates.count > 1, let hit = Self.rangeContradiction(dates, parse: ISO8601Instant.init(parsing:), show: { $0.description }) {
            return hit
        }
        if let hit = stringContradiction(group.filter { $0.op.family == .string }) { return hit }
        return ipContradiction(group.filter { $0.op.family == .ipAddress })
    }

    static func show(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// Interval reasoning for Numeric and Date conditions (one request value per key): the tightest
    /// lower and upper bounds, the values Equals admits, and the values NotEquals excludes.
    static func rangeContradiction<T: Comparable>(_ conditions: [Condition], parse: (String) -> T?, show: (T) -> String)
        -> (Condition, Condition, String)? {
        var lower: RangeBound<T>?
        var upper: RangeBound<T>?
        var parsed: [[T]] = []
        for (i, c) in conditions.enumerated() {
            let vs = c.values.compactMap { parse($0.value) }
            parsed.append(vs)
            guard vs.count == c.values.count, let lo = vs.min(), let hi = vs.max() else { continue }
            switch c.op.test {
            case .greaterThan, .greaterThanEquals:
                let open = c.op.test == .greaterThan
                if lower.map({ lo > $0.value || (lo == $0.value && open && !$0.open) }) ?? true {
                    lower = RangeBound(value: lo, open: open, index: i)
                }
            case .lessThan, .lessThanEquals:
                let open = c.op.test == .lessThan
                if upper.map({ hi < $0.value || (hi == $0.value && open && !$0.open) }) ?? true {
                    upper = RangeBound(value: hi, open: open, index: i)
                }
            default:
                break
            }
        }
        func pair(_ a: Int, _ b: Int, _ why: String) -> (Condition, Condition, String) {
            a > b ? (conditions[a], conditions[b], why) : (conditions[b], conditions[a], why)
        }
        if let lo = lower, let hi = upper,
           lo.value > hi.value || (lo.value == hi.value && (lo.open || hi.open)) {
            return pair(lo.index, hi.index, "no value is both \(lo.open ? "above" : "at or above") \(show(lo.value)) and \(hi.open ? "below" : "at or below") \(show(hi.value))")
        }
        // Equals: every admitted value must survive the bounds and the exclusions.
        for (i, c) in conditions.enumerated() where c.op.test == .equals && parsed[i].count == c.values.count {
            var blocker: Int?
            var survivors = 0
            for v in parsed[i] {
                if let lo = lower, v < lo.value || (v == lo.value && lo.open) { blocker = blocker ?? lo.index; continue }
                if let hi = upper, v > hi.value || (v == hi.value && hi.open) { blocker = blocker ?? hi.index; continue }
                if let j = conditions.indices.first(where: { j in
                    j != i && (conditions[j].op.test == .notEquals && parsed[j].contains(v)
                        || conditions[j].op.test == .equals && parsed[j].count == conditions[j].values.count && !parsed[j].contains(v))
                }) {
                    blocker = blocker ?? j
                    continue
                }
                survivors += 1
            }
            if survivors == 0, let j = blocker {
                return pair(i, j, "none of the values \(c.op.name) admits satisfies \(conditions[j].op.name)")
            }
        }
        return nil
    }

    /// A positive String condition all of whose values a negated one excludes.
    func stringContradiction(_ conditions: [Condition]) -> (Condition, Condition, String)? {
        for (i, p) in conditions.enumerated() where !p.op.isNegated {
            for (j, n) in conditions.enumerated() where j != i && n.op.isNegated {
                let excluded: (String) -> Bool
                switch (p.op.test, n.op.test) {
                case (.equals, .notEquals), (.like, .notLike):
                    let set = Set(n.values.map(\.value))
                    excluded = { set.contains($0) }
                case (.equals, .notEqualsIgnoreCase), (.equalsIgnoreCase, .notEqualsIgnoreCase):
                    let set = Set(n.values.map { Glob.fold($0.value) })
                    excluded = { set.contains(Glob.fold($0)) }
                case (.equals, .notLike):
                    let globs = n.values.map { Glob($0.value, caseInsensitive: false) }
                    excluded = { v in globs.contains { $0.matches(v) } }
                default:
                    continue
                }
                if p.values.allSatisfy({ excluded($0.value) }) {
                    let why = "every value \(p.op.name) requires is excluded by \(n.op.name)"
                    return i > j ? (p, n, why) : (n, p, why)
                }
            }
        }
        return nil
    }

    /// IpAddress ranges all inside NotIpAddress ranges; or, for the single-valued acs:SourceIp, two
    /// IpAddress conditions with disjoint ranges.
    func ipContradiction(_ conditions: [Condition]) -> (Condition, Condition, String)? {
        func ranges(_ c: Condition) -> [IPRange]? {
            let rs = c.values.compactMap {
                $0.value.utf8.contains(UInt8(ascii: "*")) && $0.value.contains("*") ? nil : IPRange(parsing: $0.value)
            }
            return rs.count == c.values.count ? rs : nil
        }
        for (i, p) in conditions.enumerated() where !p.op.isNegated {
            guard let mine = ranges(p) else { continue }
            for (j, other) in conditions.enumerated() where j != i {
                guard let theirs = ranges(other) else { continue }
                let why: String
                if other.op.isNegated {
                    guard mine.allSatisfy({ r in theirs.contains { IPMath.contains($0, r) } }) else { continue }
                    why = "every address IpAddress admits is excluded by NotIpAddress"
                } else {
                    guard j > i, Glob.fold(p.key.value) == "acs:sourceip",
                          mine.allSatisfy({ r in !theirs.contains { IPMath.overlaps($0, r) } }) else { continue }
                    why = "the request has one source IP, and no address is in both lists"
                }
                return i > j ? (p, other, why) : (other, p, why)
            }
        }
        return nil
    }
}
