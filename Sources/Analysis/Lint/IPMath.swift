import RAMPolicy

/// Containment and overlap of CIDR blocks (held as 128-bit values, IPv4 in the low 32 bits).
enum IPMath {
    static func mask(_ length: Int) -> (UInt64, UInt64) {
        if length <= 0 { return (0, 0) }
        if length >= 128 { return (.max, .max) }
        if length <= 64 { return (~UInt64(0) << UInt64(64 - length), 0) }
        return (.max, ~UInt64(0) << UInt64(128 - length))
    }

    static func bits(_ r: IPRange) -> Int { r.isIPv4 ? r.prefixLength + 96 : r.prefixLength }

    /// True when every address of `inner` is in `outer`.
    static func contains(_ outer: IPRange, _ inner: IPRange) -> Bool {
        guard outer.isIPv4 == inner.isIPv4, bits(outer) <= bits(inner) else { return false }
        let (h, l) = mask(bits(outer))
        return inner.high & h == outer.high && inner.low & l == outer.low
    }

    /// CIDR blocks either nest or are disjoint.
    static func overlaps(_ a: IPRange, _ b: IPRange) -> Bool {
        contains(a, b) || contains(b, a)
    }
}
