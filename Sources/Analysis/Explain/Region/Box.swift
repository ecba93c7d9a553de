/// A conjunction of key constraints: the requests that satisfy every one. Keys not listed are free.
///
/// One statement's Condition block is a box (AND over operators and keys), and boxes are closed under
/// intersection, so the layers' Allow statements combine into a union of boxes.
///
/// The constraints are a short array in ascending order of folded key, not a dictionary: a box has a
/// few keys, and the algebra builds boxes in its innermost loops (each piece of a subtraction, each
/// intersection). A dictionary per box was an allocation, a hash of every key and a rehash on growth;
/// two sorted arrays meet in one walk, and keys of one condition space share their storage, so most
/// key comparisons are equal strings compared by identity.
struct Box: Sendable, Hashable {
    /// One constrained key.
    struct Entry: Sendable, Hashable {
        let key: String
        var constraint: KeyConstraint
    }

    /// By folded key, ascending, each key once; universe constraints are left out.
    private(set) var entries: [Entry]

    init(_ parts: [String: KeyConstraint] = [:]) {
        entries = parts.filter { !$0.value.isUniverse }.map { Entry(key: $0.key, constraint: $0.value) }.sorted { $0.key < $1.key }
    }

    /// Entries already in ascending key order, each key once.
    init(sorted: [Entry]) {
        // Most boxes built by the algebra have no universe part: keep their array as it is.
        entries = sorted.contains { $0.constraint.isUniverse } ? sorted.filter { !$0.constraint.isUniverse } : sorted
    }

    static let universe = Box()

    /// The constraints by folded key.
    var parts: [String: KeyConstraint] { Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.constraint) }) }

    var isEmpty: Bool { entries.contains { $0.constraint.isEmpty } }
    var isUniverse: Bool { entries.isEmpty }

    subscript(key: String) -> KeyConstraint? {
        for e in entries where e.key == key { return e.constraint }
        return nil
    }

    /// Where `key` is in `entries`, or where it would go.
    static func position(of key: String, in entries: [Entry]) -> (index: Int, found: Bool) {
        for (i, e) in entries.enumerated() {
            if e.key == key { return (i, true) }
            if key < e.key { return (i, false) }
        }
        return (entries.count, false)
    }

    /// `entries` with the constraint of `key` set to `c` (replaced or inserted in order).
    static func setting(_ key: String, _ c: KeyConstraint, in entries: [Entry]) -> [Entry] {
        var out = entries
        let (i, found) = position(of: key, in: entries)
        if found { out[i].constraint = c } else { out.insert(Entry(key: key, constraint: c), at: i) }
        return out
    }

    /// Walks the keys of both boxes in order, calling `visit` with each key's constraints (nil where a
    /// box leaves it free) until it returns false; false if it did.
    @inline(__always)
    private func walk(with o: Box, _ visit: (String, KeyConstraint?, KeyConstraint?) -> Bool) -> Bool {
        let a = entries, b = o.entries
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let ok: Bool
            if j == b.count {
                ok = visit(a[i].key, a[i].constraint, nil)
                i += 1
            } else if i == a.count {
                ok = visit(b[j].key, nil, b[j].constraint)
                j += 1
            } else if a[i].key == b[j].key {
                ok = visit(a[i].key, a[i].constraint, b[j].constraint)
                i += 1
                j += 1
            } else if a[i].key < b[j].key {
                ok = visit(a[i].key, a[i].constraint, nil)
                i += 1
            } else {
                ok = visit(b[j].key, nil, b[j].constraint)
                j += 1
            }
            if !ok { return false }
        }
        return true
    }

    func intersection(_ o: Box) -> Box {
        var out: [Entry] = []
        out.reserveCapacity(entries.count + o.entries.count)
        _ = walk(with: o) { k, mine, theirs in
            if let mine {
                out.append(Entry(key: k, constraint: theirs.map { mine.intersection($0) } ?? mine))
            } else if let theirs {
                out.append(Entry(key: k, constraint: theirs))
            }
            return true
        }
        return Box(sorted: out)
    }

    /// `!intersection(o).isEmpty`, key by key without building the intersection (Deny subtraction and
    /// the carving/granting statement lists ask this for every pair).
    func intersects(_ o: Box) -> Bool {
        walk(with: o) { _, mine, theirs in
            switch (mine, theirs) {
            case let (m?, t?): !m.meetsNothing(t)
            case let (m?, nil): !m.isEmpty
            case let (nil, t?): !t.isEmpty
            case (nil, nil): true
            }
        }
    }

    /// Containment of products: every key's constraint inside the other's (an empty box is inside all).
    func isSubset(of o: Box) -> Bool {
        if isEmpty { return true }
        return walk(with: o) { _, mine, theirs in
            guard let theirs else { return true }
            guard let mine else { return false }
            return mine.isSubset(of: theirs)
        }
    }

    /// `self − d` as a union of boxes: for each key of `d` in turn, the part of `self` that agrees with
    /// `d` on the earlier keys and leaves it on this one.
    func subtracting(_ d: Box) -> [Box] {
        guard intersects(d) else { return isEmpty ? [] : [self] }
        var out: [Box] = []
        var prefix = entries
        for dEntry in d.entries {
            let (k, dk) = (dEntry.key, dEntry.constraint)
            let (i, found) = Self.position(of: k, in: prefix)
            let mine = found ? prefix[i].constraint : .universe(dk.cellCount)
            for c in dk.complement {
                var piece = prefix
                let part = Entry(key: k, constraint: mine.intersection(c))
                if found { piece[i] = part } else { piece.insert(part, at: i) }
                let b = Box(sorted: piece)
                if !b.isEmpty { out.append(b) }
            }
            let kept = mine.intersection(dk)
            if found { prefix[i].constraint = kept } else { prefix.insert(Entry(key: k, constraint: kept), at: i) }
            if kept.isEmpty { break }
        }
        return out
    }

    /// The union with `o` as one box when the two differ on one key only and that key's union is exact.
    func merged(with o: Box) -> Box? {
        // The one key on which the two differ (a key only one of them constrains differs too).
        var differing: (key: String, mine: KeyConstraint?, theirs: KeyConstraint?)?
        var several = false
        _ = walk(with: o) { k, mine, theirs in
            guard mine != theirs else { return true }
            if differing != nil {
                several = true
                return false
            }
            differing = (k, mine, theirs)
            return true
        }
        if several { return nil }
        guard let differing else { return self }
        guard let a = differing.mine, let b = differing.theirs, let m = a.merged(with: b) else { return nil }
        return Box(sorted: Self.setting(differing.key, m, in: entries))
    }
}
