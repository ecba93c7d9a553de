/// A conjunction of key constraints: the requests that satisfy every one. Keys not listed are free.
///
/// One statement's Condition block is a box (AND over operators and keys), and boxes are closed under
/// intersection, so the layers' Allow statements combine into a union of boxes.
struct Box: Sendable, Hashable {
    /// By folded key; universe constraints are left out.
    private(set) var parts: [String: KeyConstraint]

    init(_ parts: [String: KeyConstraint] = [:]) {
        // Most boxes built by the algebra have no universe part: keep their dictionary as it is.
        self.parts = parts.contains { $0.value.isUniverse } ? parts.filter { !$0.value.isUniverse } : parts
    }

    static let universe = Box()

    var isEmpty: Bool { parts.values.contains(where: \.isEmpty) }
    var isUniverse: Bool { parts.isEmpty }

    subscript(key: String) -> KeyConstraint? { parts[key] }

    func intersection(_ o: Box) -> Box {
        var p = parts
        for (k, c) in o.parts { p[k] = p[k].map { $0.intersection(c) } ?? c }
        return Box(p)
    }

    /// `!intersection(o).isEmpty`, key by key without building the intersection (Deny subtraction and
    /// the carving/granting statement lists ask this for every pair).
    func intersects(_ o: Box) -> Bool {
        for (k, c) in o.parts {
            if let mine = parts[k] {
                if mine.meetsNothing(c) { return false }
            } else if c.isEmpty {
                return false
            }
        }
        for (k, c) in parts where o.parts[k] == nil && c.isEmpty { return false }
        return true
    }

    /// Containment of products: every key's constraint inside the other's (an empty box is inside all).
    func isSubset(of o: Box) -> Bool {
        if isEmpty { return true }
        for (k, c) in o.parts {
            guard let mine = parts[k] else { return false }
            if !mine.isSubset(of: c) { return false }
        }
        return true
    }

    /// `self − d` as a union of boxes: for each key of `d` in turn, the part of `self` that agrees with
    /// `d` on the earlier keys and leaves it on this one.
    func subtracting(_ d: Box) -> [Box] {
        guard intersects(d) else { return isEmpty ? [] : [self] }
        var out: [Box] = []
        var prefix = parts
        for k in d.parts.keys.sorted() {
            guard let dk = d.parts[k] else { continue }
            let mine = prefix[k] ?? .universe(dk.cellCount)
            for c in dk.complement {
                var piece = prefix
                piece[k] = mine.intersection(c)
                let b = Box(piece)
                if !b.isEmpty { out.append(b) }
            }
            prefix[k] = mine.intersection(dk)
            if prefix[k]?.isEmpty == true { break }
        }
        return out
    }

    /// The union with `o` as one box when the two differ on one key only and that key's union is exact.
    func merged(with o: Box) -> Box? {
        // The keys on which the two differ: those of `self` with another constraint in `o`, then those
        // only `o` has.
        var differing: String?
        for (k, c) in parts where o.parts[k] != c {
            guard differing == nil else { return nil }
            differing = k
        }
        for k in o.parts.keys where parts[k] == nil {
            guard differing == nil else { return nil }
            differing = k
        }
        guard let k = differing else { return self }
        guard let a = parts[k], let b = o.parts[k], let m = a.merged(with: b) else { return nil }
        var p = parts
        p[k] = m
        return Box(p)
    }
}
