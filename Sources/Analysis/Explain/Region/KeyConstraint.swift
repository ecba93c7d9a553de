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
        // No hit or one (nearly every constraint a condition makes): decided without building arrays.
        if hits.count <= 1 {
            guard let h = hits.first.map({ $0.intersection(w) }) else { return }
            if h.isEmpty {
                within = nil
                hits = []
            } else {
                hits = w.isSubset(of: h) ? [] : [h]
            }
            return
        }
        var hs = hits.map { $0.intersection(w) }
        if hs.contains(where: \.isEmpty) {
            within = nil
            hits = []
            return
        }
        // A non-empty W ⊆ within always meets a set containing within; meeting H also meets any superset of H.
        hs = hs.filter { !w.isSubset(of: $0) }
        // With one hit left (the usual case) there is nothing to deduplicate, drop or order.
        guard hs.count > 1 else {
            hits = hs
            return
        }
        hs = Array(Set(hs))
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

    /// `o.complement.allSatisfy { intersection($0).isEmpty }`, reading each part of the complement
    /// off `o` instead of building it (``isSubset(byComplementOf:)`` is that definition; a test
    /// compares the two). Region simplification asks this for every pair of boxes, key by key.
    func isSubset(of o: KeyConstraint) -> Bool {
        guard let w = o.within else {
            return meetsNothing(absent: !o.absent, within: .all(o.cellCount), hits: [], extraHit: nil)
        }
        // Not (W ⊆ w and W meets every h) = W meets ¬w, or W misses some h (W ⊆ ¬h).
        if absent && !o.absent { return false }
        if !meetsNothing(absent: false, within: .all(o.cellCount), hits: [], extraHit: w.complement) { return false }
        for h in o.hits where !meetsNothing(absent: false, within: h.complement, hits: [], extraHit: nil) { return false }
        return true
    }

    /// The definition ``isSubset(of:)`` computes: every part of the complement of `o` misses `self`.
    func isSubset(byComplementOf o: KeyConstraint) -> Bool {
        o.complement.allSatisfy { intersection($0).isEmpty }
    }

    /// True when `intersection(KeyConstraint(absent:within:hits: hits + [extraHit]))` is empty, decided
    /// without building either constraint: normalising a constraint never changes whether its
    /// intersection with another is empty, and the intersection is empty exactly when it may not be
    /// absent and the common `within` is empty or misses one of the hit sets.
    func meetsNothing(absent a: Bool, within b: CellSet?, hits: [CellSet], extraHit: CellSet?) -> Bool {
        guard let b else { return !(absent && a) }
        // An empty other side (the complement drops its empty parts) meets nothing, whatever the bit sets.
        if !a && (b.isEmpty || hits.contains { !$0.intersects(b) } || extraHit.map { !$0.intersects(b) } == true) { return true }
        if absent && a { return false }
        guard let x = within else { return true }
        let w = x.intersection(b)
        if w.isEmpty { return true }
        for h in self.hits where !h.intersects(w) { return true }
        for h in hits where !h.intersects(w) { return true }
        if let e = extraHit, !e.intersects(w) { return true }
        return false
    }

    /// `intersection(o).isEmpty`, without building the intersection.
    func meetsNothing(_ o: KeyConstraint) -> Bool {
        meetsNothing(absent: o.absent, within: o.within, hits: o.hits, extraHit: nil)
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
