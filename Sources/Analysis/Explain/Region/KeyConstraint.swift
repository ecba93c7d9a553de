/// What one condition key must look like in a request, in a form closed under intersection and whose
/// complement is a short union of the same form — so that Allow regions can be intersected across
/// layers and Deny regions subtracted exactly.
///
/// A request either lacks the key (or carries it with no value) — allowed when `absent` — or carries
/// a non-empty set of values W, allowed when W ⊆ `within` and W meets every set in `hits`.
/// Non-negated operators give `hits: [P]` ("some value matches", the engine's any-value rule);
/// negated operators give `within: ¬P` ("no value matches"). For a single-valued key both read as
/// "the value is in …"; the two-part form is what keeps the analysis exact for multi-valued keys.
struct KeyConstraint: Sendable, Hashable {
    var absent: Bool
    /// Nil when no request that carries the key satisfies the constraint.
    var within: CellSet?
    var hits: [CellSet]
    let cellCount: Int

    init(absent: Bool, within: CellSet?, hits: [CellSet] = [], cellCount: Int) {
        self.absent = absent
        self.within = within
        self.hits = hits
        self.cellCount = cellCount
        normalize()
    }

    static func universe(_ cellCount: Int) -> KeyConstraint {
        KeyConstraint(absent: true, within: .all(cellCount), cellCount: cellCount)
    }

    /// Canonical form: hits reduced to `within`, implied or duplicate hits dropped, empty present part nil.
    private mutating func normalize() {
        guard let w = within, !w.isEmpty else {
            within = nil
            hits = []
            return
        }
        var hs = hits.map { $0.intersection(w) }
        if hs.contains(where: \.isEmpty) {
            within = nil
            hits = []
            return
        }
        // A non-empty W ⊆ within always meets a set containing within; meeting H also meets any superset of H.
        hs = Array(Set(hs.filter { !w.isSubset(of: $0) }))
        hs = hs.filter { h in !hs.contains { $0 != h && $0.isSubset(of: h) } }
        hits = hs.sorted()
    }

    var isEmpty: Bool { !absent && within == nil }
    var isUniverse: Bool { absent && within?.isFull == true && hits.isEmpty }

    func intersection(_ o: KeyConstraint) -> KeyConstraint {
        let w: CellSet? = if let a = within, let b = o.within { a.intersection(b) } else { nil }
        return KeyConstraint(absent: absent && o.absent, within: w, hits: hits + o.hits, cellCount: cellCount)
    }

    /// The complement as a union of constraints (possibly overlapping).
    var complement: [KeyConstraint] {
        guard let w = within else {
            return [KeyConstraint(absent: !absent, within: .all(cellCount), cellCount: cellCount)].filter { !$0.isEmpty }
        }
        // Not (W ⊆ w and W meets every h) = W meets ¬w, or W misses some h (W ⊆ ¬h).
        var parts = [KeyConstraint(absent: !absent, within: nil, cellCount: cellCount),
                     KeyConstraint(absent: false, within: .all(cellCount), hits: [w.complement], cellCount: cellCount)]
        for h in hits { parts.append(KeyConstraint(absent: false, within: h.complement, cellCount: cellCount)) }
        return parts.filter { !$0.isEmpty }
    }

    func isSubset(of o: KeyConstraint) -> Bool {
        o.complement.allSatisfy { intersection($0).isEmpty }
    }

    /// The union with `o` when it is again one constraint (exactly), else nil.
    func merged(with o: KeyConstraint) -> KeyConstraint? {
        if isSubset(of: o) { return o }
        if o.isSubset(of: self) { return self }
        let absent = absent || o.absent
        switch (within, o.within) {
        case (nil, _):
            return KeyConstraint(absent: absent, within: o.within, hits: o.hits, cellCount: cellCount)
        case (_, nil):
            return KeyConstraint(absent: absent, within: within, hits: hits, cellCount: cellCount)
        case (let a?, let b?) where a == b:
            if hits == o.hits { return KeyConstraint(absent: absent, within: a, hits: hits, cellCount: cellCount) }
            // Meeting H1 or meeting H2 is meeting H1 ∪ H2.
            if hits.count == 1, o.hits.count == 1 {
                return KeyConstraint(absent: absent, within: a, hits: [hits[0].union(o.hits[0])], cellCount: cellCount)
            }
            return nil
        default:
            return nil
        }
    }

    /// Request values satisfying the constraint (nil = leave the key out), preferring to carry the key.
    func sample(_ witness: (Int) -> String) -> [String]? {
        guard let w = within else { return nil }
        if hits.isEmpty { return w.first.map { [witness($0)] } }
        var values: [String] = []
        for h in hits {
            guard let c = h.first else { continue }
            let v = witness(c)
            if !values.contains(v) { values.append(v) }
        }
        return values
    }

    /// Whether the request values (nil or empty = key absent) satisfy the constraint, given each value's cell.
    func isSatisfied(byCells cells: [Int?]?) -> Bool {
        guard let cells, !cells.isEmpty else { return absent }
        guard let w = within else { return false }
        for c in cells {
            guard let c, w.contains(c) else { return false }
        }
        return hits.allSatisfy { h in cells.contains { $0.map(h.contains) ?? false } }
    }
}
