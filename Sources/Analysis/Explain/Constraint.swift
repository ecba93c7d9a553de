import RAMPolicy

/// What one condition key must look like for a request to fall in a region: one conjunct of a term
/// of ``AccessExplanation/allowedWhen`` or of a ``DenyException``.
///
/// Read it as: the request lacks the key (allowed when `whenAbsent`), or carries it with values that
/// all lie in `values` and include at least one value of each set in `mustInclude`. For the usual
/// single-valued key this is "the value is in …"; the second part only matters for requests that
/// carry several values for one key (the engine's any-value rule, assumption U13).
public struct Constraint: Sendable, Hashable, CustomStringConvertible {
    /// The key as first written in the policies.
    public var key: String
    public var whenAbsent: Bool
    /// Nil when the key must be absent.
    public var values: ValueSet?
    public var mustInclude: [ValueSet]
    /// E.g. "acs:SourceIp is in 10.0.0.0/8", "acs:SourceVpc, if present, is not \"vpc-1\"". Written for a
    /// request carrying one value of the key (what real requests carry); `values` and `mustInclude`
    /// (and ``isSatisfied(by:)-(RequestContext)``) are exact for several values too.
    public var description: String

    init(space: KeySpace, _ c: KeyConstraint) {
        key = space.key
        whenAbsent = c.absent
        values = c.within.map { ValueSet(space: space, cells: $0) }
        mustInclude = c.hits.map { ValueSet(space: space, cells: $0) }
        description = Self.describe(space, c)
    }

    /// True when the request is absent from, or carries values of, this key as the constraint requires.
    public func isSatisfied(by context: RequestContext) -> Bool {
        guard let entry = context.entry(folded: Glob.fold(key)), !entry.typedValues.isEmpty else { return whenAbsent }
        guard let values else { return false }
        let texts = entry.values
        return texts.allSatisfy(values.contains) && mustInclude.allSatisfy { set in texts.contains(where: set.contains) }
    }

    /// Like ``isSatisfied(by:)-(RequestContext)`` for a plain key → values map.
    public func isSatisfied(by context: [String: [String]]) -> Bool {
        isSatisfied(by: RequestContext(context.map { ($0.key, $0.value) }))
    }

    /// Words for the usual single-valued request: the value must lie in `within` and in every hit set.
    /// When only a request with several values can satisfy the constraint, the multi-valued form is spelled out.
    static func describe(_ space: KeySpace, _ c: KeyConstraint) -> String {
        let name = space.key
        guard let within = c.within else { return "\(name) is absent" }
        let single = c.hits.reduce(within) { $0.intersection($1) }
        let predicate: String
        if single.isFull {
            return c.absent ? "\(name) is anything" : "\(name) is present"
        } else if !single.isEmpty {
            predicate = space.phrase(single)
        } else {
            predicate = "has " + c.hits.map { "a value that \(space.phrase($0))" }.joined(separator: " and ")
                + (within.isFull ? "" : ", and every value of it \(space.phrase(within))")
        }
        return c.absent ? "\(name), if present, \(predicate)" : "\(name) \(predicate)"
    }
}
