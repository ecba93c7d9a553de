import RAMPolicy

/// The values of an IpAddress key cut into cells: the IPv4 and IPv6 address spaces split at every
/// bound of every policy range, plus one cell for request values that are not addresses.
///
/// IPv4-mapped IPv6 addresses parse as IPv4 (as in the engine), so the IPv6 block `::ffff:0:0/96`
/// has no values and gets no cell.
struct AddressPartition: Sendable {
    struct Interval: Sendable, Hashable {
        var isIPv4: Bool
        var first: UInt128Value
        var last: UInt128Value
    }

    /// Per cell (except the last, "not an address"): the addresses it holds.
    let intervals: [Interval]
    private let v4Starts: [UInt128Value]
    private let v6Starts: [UInt128Value]
    /// Cell per elementary interval (nil for the mapped block).
    private let v4Cells: [Int?]
    private let v6Cells: [Int?]

    var otherCell: Int { intervals.count }
    var cellCount: Int { intervals.count + 1 }

    static let v4Max = UInt128Value(high: 0, low: 0xFFFF_FFFF)
    static let mappedFirst = UInt128Value(high: 0, low: 0x0000_FFFF_0000_0000)
    static let mappedLast = UInt128Value(high: 0, low: 0x0000_FFFF_FFFF_FFFF)

    init(ranges: [IPRange]) {
        // Collected, sorted and deduplicated: a set hashed every bound of every range.
        var v4: [UInt128Value] = [.zero]
        var v6: [UInt128Value] = [.zero, Self.mappedFirst]
        if let after = Self.mappedLast.successor { v6.append(after) }
        for r in ranges {
            let (first, last) = Self.bounds(r)
            if r.isIPv4 {
                v4.append(first)
                if last < Self.v4Max, let s = last.successor { v4.append(s) }
            } else {
                v6.append(first)
                if let s = last.successor { v6.append(s) }
            }
        }
        v4Starts = Self.ascendingDistinct(v4)
        v6Starts = Self.ascendingDistinct(v6)
        var intervals: [Interval] = []
        func cells(_ starts: [UInt128Value], _ isIPv4: Bool) -> [Int?] {
            starts.indices.map { i -> Int? in
                let first = starts[i]
                let last = i + 1 < starts.count ? (starts[i + 1].predecessor ?? .zero) : (isIPv4 ? Self.v4Max : .max)
                if !isIPv4 && first == Self.mappedFirst { return nil }
                intervals.append(Interval(isIPv4: isIPv4, first: first, last: last))
                return intervals.count - 1
            }
        }
        v4Cells = cells(v4Starts, true)
        v6Cells = cells(v6Starts, false)
        self.intervals = intervals
    }

    /// A value of each cell, written out only when asked for (an example context, a diff): an audit
    /// never shows them, and formatting every cell's address was a tenth of building the partition.
    var witnesses: [String] { (0..<cellCount).map(witness) }

    func witness(_ cell: Int) -> String {
        guard cell < intervals.count else { return "not-an-ip" }
        let iv = intervals[cell]
        return Self.witness(iv.first, iv.last, iv.isIPv4)
    }

    /// The cells whose addresses the range holds, as ``IPRange/contains(_:)`` answers for each cell's
    /// witness: the cells are cut at the bounds of every range on the key, so each lies wholly inside
    /// or outside this one, and a range holds only addresses of its own family.
    func cells(in range: IPRange) -> CellSet {
        let (first, last) = Self.bounds(range)
        var out = CellSet(count: cellCount)
        for (cell, iv) in intervals.enumerated() where iv.isIPv4 == range.isIPv4 && first <= iv.first && iv.last <= last {
            out.insert(cell)
        }
        return out
    }

    /// The values in ascending order, each once.
    static func ascendingDistinct(_ values: [UInt128Value]) -> [UInt128Value] {
        var out: [UInt128Value] = []
        out.reserveCapacity(values.count)
        for v in values.sorted() where out.last != v { out.append(v) }
        return out
    }

    static func bounds(_ r: IPRange) -> (UInt128Value, UInt128Value) {
        let first = UInt128Value(high: r.high, low: r.low)
        let hostBits = (r.isIPv4 ? 32 : 128) - r.prefixLength
        return (first, first.or(.lowMask(hostBits)))
    }

    func cell(of value: ContextValue) -> Int? {
        guard let a = value.ip else { return otherCell }
        let x = UInt128Value(high: a.high, low: a.low)
        let starts = a.isIPv4 ? v4Starts : v6Starts
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        return (a.isIPv4 ? v4Cells : v6Cells)[lo - 1]
    }

    static let preferredV4 = [UInt128Value(high: 0, low: 0xCB00_7107), UInt128Value(high: 0, low: 0xC633_6407)]  // 203.0.113.7, 198.51.100.7
    static let preferredV6 = [UInt128Value(high: 0x2001_0DB8_0000_0000, low: 7)]  // 2001:db8::7

    /// A readable address inside the interval: a documentation address when one fits, else the first host.
    static func witness(_ first: UInt128Value, _ last: UInt128Value, _ isIPv4: Bool) -> String {
        if let p = (isIPv4 ? preferredV4 : preferredV6).first(where: { first <= $0 && $0 <= last }) { return format(p, isIPv4) }
        if let next = first.successor, next <= last { return format(next, isIPv4) }
        return format(first, isIPv4)
    }

    /// Dotted decimal, or RFC 5952 text (lower-case hex words without leading zeros, the first
    /// longest run of two or more zero words as `::`). Written byte by byte: every cell's witness is
    /// formatted, and the interpolations, radix conversions and joins cost several thousand
    /// instructions an address.
    static func format(_ a: UInt128Value, _ isIPv4: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(isIPv4 ? 15 : 39)
        if isIPv4 {
            let v = UInt32(truncatingIfNeeded: a.low)
            for k in stride(from: 24, through: 0, by: -8) {
                let octet = Int(v >> UInt32(k) & 0xFF)
                if octet >= 100 { out.append(UInt8(48 + octet / 100)) }
                if octet >= 10 { out.append(UInt8(48 + octet / 10 % 10)) }
                out.append(UInt8(48 + octet % 10))
                if k > 0 { out.append(UInt8(ascii: ".")) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var words = [UInt16](repeating: 0, count: 8)
        for k in 0..<4 {
            words[k] = UInt16(truncatingIfNeeded: a.high >> UInt64(16 * (3 - k)))
            words[k + 4] = UInt16(truncatingIfNeeded: a.low >> UInt64(16 * (3 - k)))
        }
        // RFC 5952: the longest run (≥ 2) of zero words becomes "::".
        var best = (start: -1, length: 0)
        var i = 0
        while i < 8 {
            guard words[i] == 0 else { i += 1; continue }
            var j = i
            while j < 8, words[j] == 0 { j += 1 }
            if j - i > best.length && j - i >= 2 { best = (i, j - i) }
            i = j
        }
        func hex(_ w: UInt16) {
            var started = false
            for shift in stride(from: 12, through: 0, by: -4) {
                let d = UInt8(w >> UInt16(shift) & 0xF)
                if d == 0 && !started && shift > 0 { continue }
                started = true
                out.append(d < 10 ? 48 + d : 87 + d)
            }
        }
        var k = 0
        while k < 8 {
            if k == best.start {
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: ":")])
                k += best.length
                continue
            }
            // A separator before every word but the first and the one right after "::".
            if k > 0 && k != best.start + best.length { out.append(UInt8(ascii: ":")) }
            hex(words[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The smallest list of CIDR blocks covering the cells (adjacent intervals merged; the empty
    /// mapped block bridged), IPv4 first.
    func cidrs(_ set: CellSet) -> [String] {
        var out: [String] = []
        for isIPv4 in [true, false] {
            var merged: [(UInt128Value, UInt128Value)] = []
            for (c, iv) in intervals.enumerated() where iv.isIPv4 == isIPv4 && set.contains(c) {
                if let last = merged.last, let next = last.1.successor,
                   next == iv.first || (!isIPv4 && next == Self.mappedFirst && Self.mappedLast.successor == iv.first) {
                    merged[merged.count - 1].1 = iv.last
                } else {
                    merged.append((iv.first, iv.last))
                }
            }
            for (first, last) in merged { out += Self.blocks(first, last, isIPv4) }
        }
        return out
    }

    static func blocks(_ first: UInt128Value, _ last: UInt128Value, _ isIPv4: Bool) -> [String] {
        let width = isIPv4 ? 32 : 128
        var out: [String] = []
        var start = first
        while start <= last {
            var bits = min(start.trailingZeroBitCount, width)
            while bits > 0 {
                let end = start.or(.lowMask(bits))
                if end <= last { break }
                bits -= 1
            }
            let prefix = width - bits
            out.append(prefix == width ? format(start, isIPv4) : "\(format(start, isIPv4))/\(prefix)")
            let end = start.or(.lowMask(bits))
            guard let next = end.successor, end < last else { break }
            start = next
        }
        return out
    }
}
