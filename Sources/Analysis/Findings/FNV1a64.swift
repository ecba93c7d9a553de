/// The 64-bit Fowler–Noll–Vo hash, FNV-1a variant: tiny, stable across runs and platforms.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    mutating func combine(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* Self.prime
    }

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for b in bytes { combine(byte: b) }
    }

    mutating func combine(separator: UInt8) { combine(byte: separator) }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        var v = value
        for i in (0..<16).reversed() {
            out[i] = digits[Int(v & 0xF)]
            v >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
