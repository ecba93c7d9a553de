/// One multi-byte UTF-8 sequence checked by RFC 3629's table (no overlong forms, no surrogates, nothing
/// above U+10FFFF): the rule the strict JSON scanner and the batch line scanner both apply.
public enum UTF8Sequence {
    public enum Verdict: Sendable, Equatable {
        /// A valid sequence of this many bytes.
        case valid(Int)
        /// The first byte cannot start a sequence.
        case invalidLeadByte
        /// The input ends inside the sequence.
        case truncated
        /// A continuation byte is out of range.
        case invalidContinuation
    }

    /// Checks the sequence starting at `p[index]` (its lead byte must be ≥ 0x80) within `count` bytes.
    @inlinable
    public static func check(_ p: UnsafePointer<UInt8>, count: Int, at index: Int) -> Verdict {
        let b0 = p[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return .invalidLeadByte
        }
        guard index + length <= count else { return .truncated }
        let b1 = p[index + 1]
        guard b1 >= lower && b1 <= upper else { return .invalidContinuation }
        var k = 2
        while k < length {
            guard p[index + k] & 0xC0 == 0x80 else { return .invalidContinuation }
            k += 1
        }
        return .valid(length)
    }
}
