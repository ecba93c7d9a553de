@testable import Analysis
import Testing

/// The allocation-free shortcuts of the region algebra (inline cell sets, subset and intersection tests
/// read off the operands) against the definitions they replace, on many random operands — including
/// key spaces past 64 cells, where cell sets spill into their array.
@Suite struct RegionAlgebraTests {
    typealias Rng = RandomPolicies.SplitMix64

    static let counts = [1, 2, 3, 5, 63, 64, 65, 100, 128, 129]

    static func cells(_ count: Int, _ rng: inout Rng) -> CellSet {
        // Sparse, dense, empty and full sets all matter.
        switch rng.int(5) {
        case 0: return CellSet(count: count)
        case 1: return .all(count)
        default:
            let density = rng.int(100)
            return CellSet(count: count, cells: (0..<count).filter { _ in rng.int(100) < density })
        }
    }

    static func constraint(_ count: Int, _ rng: inout Rng) -> KeyConstraint {
        let within: CellSet? = rng.chance(20) ? nil : cells(count, &rng)
        let hits = (0..<rng.int(3)).map { _ in cells(count, &rng) }
        return KeyConstraint(absent: rng.chance(50), within: within, hits: hits, cellCount: count)
    }

    @Test func cellSetMatchesASetOfIntegers() {
        var rng = Rng(state: 1)
        for _ in 0..<2_000 {
            let count = rng.pick(Self.counts)
            let a = Self.cells(count, &rng), b = Self.cells(count, &rng)
            let x = Set(a.elements), y = Set(b.elements)
            #expect(a.isEmpty == x.isEmpty)
            #expect(a.isFull == (x.count == count))
            #expect(a.cardinality == x.count)
            #expect(a.first == x.min())
            #expect(Set(a.intersection(b).elements) == x.intersection(y))
            #expect(Set(a.union(b).elements) == x.union(y))
            #expect(Set(a.subtracting(b).elements) == x.subtracting(y))
            #expect(Set(a.complement.elements) == Set(0..<count).subtracting(x))
            #expect(a.isSubset(of: b) == x.isSubset(of: y))
            #expect(a.intersects(b) == !x.isDisjoint(with: y))
            #expect((a == b) == (x == y))
            // The order is the lexicographic order of the bit words, low cells first.
            if a != b { #expect((a < b) != (b < a)) }
            for c in -1...count { #expect(a.contains(c) == x.contains(c)) }
        }
    }

    @Test func subsetAndDisjointnessTestsMatchTheirDefinitions() {
        var rng = Rng(state: 2)
        for _ in 0..<5_000 {
            let count = rng.pick(Self.counts)
            let a = Self.constraint(count, &rng), b = Self.constraint(count, &rng)
            #expect(a.isSubset(of: b) == a.isSubset(byComplementOf: b), "\(a) ⊆ \(b)")
            #expect(a.meetsNothing(b) == a.intersection(b).isEmpty, "\(a) ∩ \(b)")
            #expect(a.isSubset(of: a))
        }
    }

    /// The canonical form as first written (always through a set, a containment filter and a sort).
    static func referenceHits(within: CellSet?, hits: [CellSet]) -> (CellSet?, [CellSet]) {
        guard let w = within, !w.isEmpty else { return (nil, []) }
        var hs = hits.map { $0.intersection(w) }
        if hs.contains(where: \.isEmpty) { return (nil, []) }
        hs = Array(Set(hs.filter { !w.isSubset(of: $0) }))
        hs = hs.filter { h in !hs.contains { $0 != h && $0.isSubset(of: h) } }
        return (w, hs.sorted())
    }

    @Test func normalisationMatchesTheGeneralOne() {
        var rng = Rng(state: 4)
        for _ in 0..<5_000 {
            let count = rng.pick(Self.counts)
            let within: CellSet? = rng.chance(10) ? nil : Self.cells(count, &rng)
            let hits = (0..<rng.int(4)).map { _ in Self.cells(count, &rng) }
            let c = KeyConstraint(absent: rng.chance(50), within: within, hits: hits, cellCount: count)
            let (w, hs) = Self.referenceHits(within: within, hits: hits)
            #expect(c.within == w)
            #expect(c.hits == hs)
        }
    }

    @Test func boxShortcutsMatchTheirDefinitions() {
        var rng = Rng(state: 3)
        let keys = ["a": 3, "b": 70, "c": 5, "ab": 2]
        func box() -> Box {
            var parts: [String: KeyConstraint] = [:]
            for (k, count) in keys.sorted(by: { $0.key < $1.key }) where rng.chance(60) { parts[k] = Self.constraint(count, &rng) }
            return Box(parts)
        }
        for _ in 0..<3_000 {
            let a = box(), b = box()
            #expect(a.parts.values.allSatisfy { !$0.isUniverse })
            #expect(a.intersects(b) == !a.intersection(b).isEmpty)
            #expect(a.merged(with: b) == Self.referenceMerge(a, b))
            #expect(a.intersection(b) == Self.referenceIntersection(a, b))
            #expect(a.isSubset(of: b) == Self.referenceSubset(a, b))
            #expect(a.subtracting(b) == Self.referenceSubtraction(a, b))
            #expect(a.entries.map(\.key) == a.parts.keys.sorted())
            for k in keys.keys { #expect(a[k] == a.parts[k]) }
        }
    }

    /// The operations on a box as first written, over a dictionary of constraints.
    static func referenceIntersection(_ x: Box, _ o: Box) -> Box {
        var p = x.parts
        for (k, c) in o.parts { p[k] = p[k].map { $0.intersection(c) } ?? c }
        return Box(p)
    }

    static func referenceSubset(_ x: Box, _ o: Box) -> Bool {
        if x.isEmpty { return true }
        for (k, c) in o.parts {
            guard let mine = x.parts[k] else { return false }
            if !mine.isSubset(of: c) { return false }
        }
        return true
    }

    static func referenceSubtraction(_ x: Box, _ d: Box) -> [Box] {
        guard !referenceIntersection(x, d).isEmpty else { return x.isEmpty ? [] : [x] }
        var out: [Box] = []
        var prefix = x.parts
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

    /// `Box.merged(with:)` as first written: the keys whose constraints differ, collected over the union of keys.
    static func referenceMerge(_ x: Box, _ o: Box) -> Box? {
        let keys = Set(x.parts.keys).union(o.parts.keys)
        var differing: String?
        for k in keys where x.parts[k] != o.parts[k] {
            guard differing == nil else { return nil }
            differing = k
        }
        guard let k = differing else { return x }
        guard let a = x.parts[k], let b = o.parts[k], let m = a.merged(with: b) else { return nil }
        var p = x.parts
        p[k] = m
        return Box(p)
    }
}
