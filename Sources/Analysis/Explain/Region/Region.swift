/// A union of boxes: a set of request contexts in disjunctive normal form.
struct Region: Sendable, Hashable {
    private(set) var boxes: [Box]

    /// Boxes a region may hold before the analysis gives up and says "cannot decide".
    static let limit = 4_096

    init(_ boxes: [Box]) {
        self.boxes = boxes.filter { !$0.isEmpty }
    }

    static let empty = Region([])
    static let universe = Region([.universe])

    var isEmpty: Bool { boxes.isEmpty }
    var isUniverse: Bool { boxes.contains(where: \.isUniverse) }

    func union(_ o: Region) throws(RegionTooLarge) -> Region {
        try Region(boxes + o.boxes).checked().simplified()
    }

    func intersection(_ o: Region) throws(RegionTooLarge) -> Region {
        var out: [Box] = []
        for a in boxes {
            for b in o.boxes {
                let c = a.intersection(b)
                if !c.isEmpty { out.append(c) }
                if out.count > Self.limit { throw RegionTooLarge() }
            }
        }
        return Region(out).simplified()
    }

    func subtracting(_ d: Box) throws(RegionTooLarge) -> Region {
        var out: [Box] = []
        for b in boxes {
            out += b.subtracting(d)
            if out.count > Self.limit { throw RegionTooLarge() }
        }
        return Region(out).simplified()
    }

    func subtracting(_ o: Region) throws(RegionTooLarge) -> Region {
        var r = self
        for d in o.boxes where !r.isEmpty { r = try r.subtracting(d) }
        return r
    }

    /// Every context outside the region.
    func complement() throws(RegionTooLarge) -> Region {
        try Region.universe.subtracting(self)
    }

    func intersects(_ b: Box) -> Bool { boxes.contains { $0.intersects(b) } }

    func isSubset(of o: Region) throws(RegionTooLarge) -> Bool { try subtracting(o).isEmpty }

    private func checked() throws(RegionTooLarge) -> Region {
        if boxes.count > Self.limit { throw RegionTooLarge() }
        return self
    }

    /// Drops duplicate and contained boxes and merges pairs whose union is one box, so that the terms
    /// shown to a reader are few and do not repeat each other.
    func simplified() -> Region {
        var bs: [Box] = []
        for b in boxes where !bs.contains(b) { bs.append(b) }
        guard bs.count <= 400 else { return Region(bs) }
        var changed = true
        while changed {
            changed = false
            var i = 0
            outer: while i < bs.count {
                var j = 0
                while j < bs.count {
                    if i != j {
                        if bs[i].isSubset(of: bs[j]) {
                            bs.remove(at: i)
                            changed = true
                            continue outer
                        }
                        if let m = bs[i].merged(with: bs[j]) {
                            bs[i] = m
                            bs.remove(at: j)
                            changed = true
                            continue outer
                        }
                    }
                    j += 1
                }
                i += 1
            }
        }
        return Region(bs)
    }
}

/// The regions grew past ``Region/limit`` boxes.
struct RegionTooLarge: Error, Sendable {}
