/// A condition operator of one of the five documented families, optionally with the `IfExists` suffix.
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    public enum Family: String, Sendable, Hashable {
        case string = "String"
        case numeric = "Numeric"
        case date = "Date"
        case bool = "Bool"
        case ipAddress = "IpAddress"
    }

    public enum Test: Sendable, Hashable {
        case equals, notEquals, equalsIgnoreCase, notEqualsIgnoreCase, like, notLike
        case lessThan, lessThanEquals, greaterThan, greaterThanEquals
        case inRange, notInRange
    }

    public var family: Family
    public var test: Test
    public var ifExists: Bool

    /// The name as written, e.g. `StringNotEqualsIgnoreCase`: names are matched exactly, so the
    /// family, test and `IfExists` spell it. It is not stored: a stored name made every condition (and
    /// every copy and teardown of one, which the linter and explainer make by the thousand) retain and
    /// release a `String`; a literal costs no reference counting, and the operator is plain data.
    public var name: String {
        switch (family, test) {
        case (.string, .equals): ifExists ? "StringEqualsIfExists" : "StringEquals"
        case (.string, .notEquals): ifExists ? "StringNotEqualsIfExists" : "StringNotEquals"
        case (.string, .equalsIgnoreCase): ifExists ? "StringEqualsIgnoreCaseIfExists" : "StringEqualsIgnoreCase"
        case (.string, .notEqualsIgnoreCase): ifExists ? "StringNotEqualsIgnoreCaseIfExists" : "StringNotEqualsIgnoreCase"
        case (.string, .like): ifExists ? "StringLikeIfExists" : "StringLike"
        case (.string, .notLike): ifExists ? "StringNotLikeIfExists" : "StringNotLike"
        case (.numeric, .equals): ifExists ? "NumericEqualsIfExists" : "NumericEquals"
        case (.numeric, .notEquals): ifExists ? "NumericNotEqualsIfExists" : "NumericNotEquals"
        case (.numeric, .lessThan): ifExists ? "NumericLessThanIfExists" : "NumericLessThan"
        case (.numeric, .lessThanEquals): ifExists ? "NumericLessThanEqualsIfExists" : "NumericLessThanEquals"
        case (.numeric, .greaterThan): ifExists ? "NumericGreaterThanIfExists" : "NumericGreaterThan"
        case (.numeric, .greaterThanEquals): ifExists ? "NumericGreaterThanEqualsIfExists" : "NumericGreaterThanEquals"
        case (.date, .equals): ifExists ? "DateEqualsIfExists" : "DateEquals"
        case (.date, .notEquals): ifExists ? "DateNotEqualsIfExists" : "DateNotEquals"
        case (.date, .lessThan): ifExists ? "DateLessThanIfExists" : "DateLessThan"
        case (.date, .lessThanEquals): ifExists ? "DateLessThanEqualsIfExists" : "DateLessThanEquals"
        case (.date, .greaterThan): ifExists ? "DateGreaterThanIfExists" : "DateGreaterThan"
        case (.date, .greaterThanEquals): ifExists ? "DateGreaterThanEqualsIfExists" : "DateGreaterThanEquals"
        case (.bool, .equals): ifExists ? "BoolIfExists" : "Bool"
        case (.ipAddress, .inRange): ifExists ? "IpAddressIfExists" : "IpAddress"
        case (.ipAddress, .notInRange): ifExists ? "NotIpAddressIfExists" : "NotIpAddress"
        // Only a family and test no name has (set by hand, never parsed): named after the family.
        default: ifExists ? family.rawValue + "IfExists" : family.rawValue
        }
    }

    /// Negated operators are true when the request value matches *none* of the policy values.
    public var isNegated: Bool {
        switch test {
        case .notEquals, .notEqualsIgnoreCase, .notLike, .notInRange: true
        default: false
        }
    }

    public var description: String { name }

    private static let table: [String: (Family, Test)] = [
        "StringEquals": (.string, .equals), "StringNotEquals": (.string, .notEquals),
        "StringEqualsIgnoreCase": (.string, .equalsIgnoreCase),
        "StringNotEqualsIgnoreCase": (.string, .notEqualsIgnoreCase),
        "StringLike": (.string, .like), "StringNotLike": (.string, .notLike),
        "NumericEquals": (.numeric, .equals), "NumericNotEquals": (.numeric, .notEquals),
        "NumericLessThan": (.numeric, .lessThan), "NumericLessThanEquals": (.numeric, .lessThanEquals),
        "NumericGreaterThan": (.numeric, .greaterThan), "NumericGreaterThanEquals": (.numeric, .greaterThanEquals),
        "DateEquals": (.date, .equals), "DateNotEquals": (.date, .notEquals),
        "DateLessThan": (.date, .lessThan), "DateLessThanEquals": (.date, .lessThanEquals),
        "DateGreaterThan": (.date, .greaterThan), "DateGreaterThanEquals": (.date, .greaterThanEquals),
        "Bool": (.bool, .equals),
        "IpAddress": (.ipAddress, .inRange), "NotIpAddress": (.ipAddress, .notInRange),
    ]

    /// Every operator name the documentation lists (without `IfExists`).
    public static var documentedNames: [String] { table.keys.sorted() }

    /// Every operator, with and without `IfExists`, by the byte length of its name: what
    /// ``lookup(_:)`` compares a written name with.
    private static let byLength: [[(bytes: [UInt8], op: ConditionOperator)]] = {
        var buckets: [[(bytes: [UInt8], op: ConditionOperator)]] = []
        for (base, (family, test)) in table.sorted(by: { $0.key < $1.key }) {
            for ifExists in [false, true] {
                let name = ifExists ? base + "IfExists" : base
                let bytes = Array(name.utf8)
                while buckets.count <= bytes.count { buckets.append([]) }
                buckets[bytes.count].append((bytes, ConditionOperator(family: family, test: test, ifExists: ifExists)))
            }
        }
        return buckets
    }()

    private init(family: Family, test: Test, ifExists: Bool) {
        self.family = family
        self.test = test
        self.ifExists = ifExists
    }

    /// The operator written with exactly these (UTF-8) bytes, like ``init(name:)`` on their text but
    /// without making a `String` or hashing one: the validator looks up every operator of every policy.
    /// Byte equality is what `init(name:)`'s dictionary decides for these ASCII names (no other text
    /// is canonically equivalent to one of them).
    static func lookup(_ written: UnsafeBufferPointer<UInt8>) -> ConditionOperator? {
        guard written.count < byLength.count else { return nil }
        for entry in byLength[written.count] where entry.bytes.elementsEqual(written) { return entry.op }
        return nil
    }

    /// Parses an operator name; names are matched exactly (case of operator names is undocumented).
    public init?(name: String) {
        var base = Substring(name)
        var ifExists = false
        if base.hasSuffix("IfExists") {
            base = base.dropLast("IfExists".count)
            ifExists = true
        }
        guard let (family, test) = Self.table[String(base)] else { return nil }
        self.family = family
        self.test = test
        self.ifExists = ifExists
    }
}
