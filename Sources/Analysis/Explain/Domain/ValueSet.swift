import RAMPolicy

/// A set of request values for one condition key, exact with respect to every condition on the key.
///
/// It is what a ``Constraint`` requires of a key's values: `form` gives it structurally (string
/// patterns, numeric or time intervals, booleans, CIDR blocks), `description` in words, and
/// ``contains(_:)`` tests a request value with the engine's own parsing and comparisons.
public struct ValueSet: Sendable, Hashable, CustomStringConvertible {
    /// The set in structured form. "Unparsable" values are request values that are not a number
    /// (an ISO 8601 time, a boolean, an IP address) at all: no typed comparison matches them.
    public enum Form: Sendable, Hashable {
        /// Every value.
        case anyValue
        /// Values whose answers to the patterns (true = matches) are one of the listed vectors.
        case strings(patterns: [StringPattern], matching: [[Bool]])
        case numbers([ValueInterval<Double>], orUnparsable: Bool)
        case dates([ValueInterval<ISO8601Instant>], orUnparsable: Bool)
        case bool(true: Bool, false: Bool, orUnparsable: Bool)
        /// IPv4 and IPv6 CIDR blocks (a plain address is a /32 or /128).
        case addresses(cidrs: [String], orUnparsable: Bool)
    }

    let space: KeySpace
    let cells: CellSet

    init(space: KeySpace, cells: CellSet) {
        self.space = space
        self.cells = cells
    }

    public var form: Form { space.form(cells) }

    /// The operator family whose values these are.
    public var family: ConditionOperator.Family { space.family }

    /// Whether one request value lies in the set.
    public func contains(_ value: String) -> Bool {
        space.cell(of: ContextValue(value)).map(cells.contains) ?? false
    }

    /// A value in the set, if any (what the examples use).
    public var example: String? { cells.first.map(space.witness) }

    /// Words after the key, e.g. "is in 10.0.0.0/8" or "is not like \"tmp-*\"".
    public var description: String { space.phrase(cells) }
}
