import RAMPolicy

/// The values of a Numeric or Date key cut into cells by the policy values the conditions compare
/// with: below the first value, each value itself, each open gap between two values, above the last,
/// and one cell for request values that do not parse as the type at all.
///
/// Every comparison operator (=, <, ≤, >, ≥) is constant on each of these cells, so they are exact.
/// Gaps with no representable value (two adjacent doubles) get no cell.
struct OrderedPartition<T: Comparable & Hashable & Sendable>: Sendable {
    /// The policy values, sorted, without duplicates.
    let points: [T]
    /// Slot `2i` is the gap before `points[i]` (slot `2n` the gap after the last), slot `2i+1` is
    /// `points[i]`; the cell each slot is, or nil for an empty gap.
    let slotCells: [Int?]
    /// Per cell: its slot, or nil for the "does not parse" cell.
    let cellSlots: [Int?]
    let witnesses: [String]
    let otherCell: Int

    /// - Parameters:
    ///   - between: a value strictly between two bounds (nil = unbounded), with its request text, or nil if none.
    ///   - format: the request text of a policy value.
    ///   - other: a request text that does not parse as this type.
    init(points raw: [T], between: (T?, T?) -> (T, String)?, format: (T) -> String?, other: String) {
        points = Array(Set(raw)).sorted()
        var slotCells: [Int?] = []
        var cellSlots: [Int?] = []
        var witnesses: [String] = []
        for slot in 0...(2 * points.count) {
            let text: String?
            if slot % 2 == 1 {
                text = format(points[slot / 2])
            } else {
                let lower = slot == 0 ? nil : points[slot / 2 - 1]
                let upper = slot / 2 < points.count ? points[slot / 2] : nil
                text = between(lower, upper)?.1
            }
            if let text {
                slotCells.append(cellSlots.count)
                cellSlots.append(slot)
                witnesses.append(text)
            } else {
                slotCells.append(nil)
            }
        }
        otherCell = cellSlots.count
        cellSlots.append(nil)
        witnesses.append(other)
        self.slotCells = slotCells
        self.cellSlots = cellSlots
        self.witnesses = witnesses
    }

    var cellCount: Int { cellSlots.count }

    func slot(of x: T) -> Int {
        var lo = 0, hi = points.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if points[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < points.count && points[lo] == x ? 2 * lo + 1 : 2 * lo
    }

    /// The cell of a parsed value (nil = does not parse).
    func cell(of x: T?) -> Int? {
        guard let x else { return otherCell }
        return slotCells[slot(of: x)]
    }

    /// The cells whose values `v` satisfy `v test x` as the engine compares them (any test but the four
    /// orderings is equality), for a policy value `x` among `points`; nil for any other value.
    ///
    /// Decided on slots, without a value: each witness lies in its slot (a point is itself, a gap value
    /// strictly between its neighbours), so it is below, at or above `x` exactly as its slot is below,
    /// at or above the slot of `x`. The "does not parse" cell satisfies no comparison.
    func cells(_ test: ConditionOperator.Test, _ x: T) -> CellSet? {
        let at = slot(of: x)
        guard at % 2 == 1 else { return nil }
        var out = CellSet(count: cellCount)
        for (cell, slot) in cellSlots.enumerated() {
            guard let slot else { continue }
            let holds = switch test {
            case .lessThan: slot < at
            case .lessThanEquals: slot <= at
            case .greaterThan: slot > at
            case .greaterThanEquals: slot >= at
            default: slot == at
            }
            if holds { out.insert(cell) }
        }
        return out
    }

    /// The set as ordered intervals (adjacent cells merged; empty gaps bridged) and whether it holds
    /// the "does not parse" cell.
    func intervals(_ set: CellSet) -> (intervals: [ValueInterval<T>], other: Bool) {
        var out: [ValueInterval<T>] = []
        var open: (lower: T?, lowerInclusive: Bool)?
        var last: (upper: T?, inclusive: Bool) = (nil, false)
        for slot in 0...(2 * points.count) {
            let included: Bool? = slotCells[slot].map { set.contains($0) }
            let lowerHere: (T?, Bool) = slot % 2 == 1 ? (points[slot / 2], true) : (slot == 0 ? nil : points[slot / 2 - 1], false)
            let upperHere: (T?, Bool) = slot % 2 == 1 ? (points[slot / 2], true) : (slot / 2 < points.count ? points[slot / 2] : nil, false)
            switch included {
            case true?:
                if open == nil { open = lowerHere }
                last = upperHere
            case false?:
                if let o = open {
                    out.append(ValueInterval(lower: o.lower, lowerInclusive: o.lowerInclusive, upper: last.upper, upperInclusive: last.inclusive))
                    open = nil
                }
            case nil:
                continue
            }
        }
        if let o = open {
            out.append(ValueInterval(lower: o.lower, lowerInclusive: o.lowerInclusive, upper: last.upper, upperInclusive: last.inclusive))
        }
        return (out, set.contains(otherCell))
    }
}
