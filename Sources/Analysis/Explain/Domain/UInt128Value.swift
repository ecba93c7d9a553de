/// A 128-bit unsigned value (IPv6 addresses; IPv4 in the low 32 bits), built from two words so the
/// package keeps its macOS 13 deployment target.
struct UInt128Value: Sendable, Hashable, Comparable {
    var high: UInt64
    var low: UInt64

    static let zero = UInt128Value(high: 0, low: 0)
    static let max = UInt128Value(high: .max, low: .max)

    static func < (a: UInt128Value, b: UInt128Value) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }

    /// `self + 1`, or nil on overflow.
    var successor: UInt128Value? {
        if low == .max { return high == .max ? nil : UInt128Value(high: high + 1, low: 0) }
        return UInt128Value(high: high, low: low + 1)
    }

    /// `self - 1`, or nil below zero.
    var predecessor: UInt128Value? {
        if low == 0 { return high == 0 ? nil : UInt128Value(high: high - 1, low: .max) }
        return UInt128Value(high: high, low: low - 1)
    }

    /// The value with the low `bits` bits set (`bits` in 0...128).
    static func lowMask(_ bits: Int) -> UInt128Value {
        if bits <= 0 { return .zero }
        if bits >= 128 { return .max }
        if bits >= 64 { return UInt128Value(high: bits == 64 ? 0 : ~UInt64(0) >> UInt64(128 - bits), low: .max) }
        return UInt128Value(high: 0, low: ~UInt64(0) >> UInt64(64 - bits))
    }

    func or(_ o: UInt128Value) -> UInt128Value { UInt128Value(high: high | o.high, low: low | o.low) }
    func and(_ o: UInt128Value) -> UInt128Value { UInt128Value(high: high & o.high, low: low & o.low) }

    var trailingZeroBitCount: Int { low != 0 ? low.trailingZeroBitCount : (high != 0 ? 64 + high.trailingZeroBitCount : 128) }
}
