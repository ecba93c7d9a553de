/// An IPv4 or IPv6 address, or a CIDR block of either family, as IpAddress/NotIpAddress take.
///
/// Addresses are held as 128-bit values (IPv4 in the low 32 bits) so a containment test is two masks
/// and two comparisons. IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) count as IPv4.
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    public var isIPv4: Bool
    public var high: UInt64
    public var low: UInt64
    /// Prefix length (32 or 128 for a single address).
    public var prefixLength: Int

    public init?(parsing text: String) {
        var copy = text
        guard let range = copy.withUTF8({ IPRange.parse($0) }) else { return nil }
        self = range
    }

    init(isIPv4: Bool, high: UInt64, low: UInt64, prefixLength: Int) {
        self.isIPv4 = isIPv4
        self.high = high
        self.low = low
        self.prefixLength = prefixLength
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> IPRange? {
        var end = b.count
        var prefix: Int?
        if let slash = b.firstIndex(of: UInt8(ascii: "/")) {
            let digits = b.count - slash - 1
            guard digits >= 1, digits <= 3 else { return nil }
            var n = 0
            for i in (slash + 1)..<b.count {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            prefix = n
            end = slash
        }
        guard let address = IPAddress.parse(UnsafeBufferPointer(rebasing: b[0..<end])) else { return nil }
        let maxPrefix = address.isIPv4 ? 32 : 128
        let length = prefix ?? maxPrefix
        guard length <= maxPrefix else { return nil }
        let (mh, ml) = IPRange.mask(length: address.isIPv4 ? length + 96 : length)
        return IPRange(isIPv4: address.isIPv4, high: address.high & mh, low: address.low & ml, prefixLength: length)
    }

    static func mask(length: Int) -> (UInt64, UInt64) {
        if length <= 0 { return (0, 0) }
        if length >= 128 { return (.max, .max) }
        if length <= 64 { return (~UInt64(0) << UInt64(64 - length), 0) }
        return (.max, ~UInt64(0) << UInt64(128 - length))
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.isIPv4 == isIPv4 else { return false }
        let (mh, ml) = IPRange.mask(length: isIPv4 ? prefixLength + 96 : prefixLength)
        return address.high & mh == high && address.low & ml == low
    }

    public var description: String {
        let a = IPAddress(isIPv4: isIPv4, high: high, low: low)
        let full = isIPv4 ? 32 : 128
        return prefixLength == full ? a.description : "\(a)/\(prefixLength)"
    }
}

/// One IPv4 or IPv6 address.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    // The flag last: 17 bytes instead of 24, which keeps a ``ContextValue`` at 40 bytes.
    public var high: UInt64
    public var low: UInt64
    public var isIPv4: Bool

    init(isIPv4: Bool, high: UInt64, low: UInt64) {
        self.isIPv4 = isIPv4
        self.high = high
        self.low = low
    }

    public init?<S: StringProtocol>(parsing text: S) {
        var copy = String(text)
        guard let parsed = copy.withUTF8({ IPAddress.parse($0) }) else { return nil }
        self = parsed
    }

    /// Parses an address from UTF-8 bytes without allocating (the evaluation hot path).
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var hasColon = false
        for c in b where c == UInt8(ascii: ":") {
            hasColon = true
            break
        }
        if !hasColon {
            guard let v4 = parseIPv4(b, 0, b.count) else { return nil }
            return IPAddress(isIPv4: true, high: 0, low: UInt64(v4))
        }
        guard let (h, l) = parseIPv6(b) else { return nil }
        if h == 0 && l >> 32 == 0xFFFF {
            return IPAddress(isIPv4: true, high: 0, low: l & 0xFFFF_FFFF)
        }
        return IPAddress(isIPv4: false, high: h, low: l)
    }

    static func parseIPv4(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt32? {
        var result: UInt32 = 0
        var parts = 0
        var value: UInt32 = 0
        var digits = 0
        var i = from
        while i < to {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                result = result << 8 | value
                parts += 1
                value = 0
                digits = 0
            } else if c >= 0x30 && c <= 0x39 {
                // No leading zeros (they mean octal to some parsers).
                if digits == 1 && value == 0 { return nil }
                value = value * 10 + UInt32(c - 0x30)
                digits += 1
                guard digits <= 3, value <= 255 else { return nil }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, parts == 3 else { return nil }
        return result << 8 | value
    }

    static func parseIPv6(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        // Words before "::" go to the front, words after it to the back.
        var head: (UInt64, UInt64) = (0, 0)
        var headCount = 0
        var tail: (UInt64, UInt64) = (0, 0)
        var tailCount = 0
        func push(_ w: UInt16, _ intoTail: Bool) {
            if intoTail {
                tail = (tail.0 << 16 | tail.1 >> 48, tail.1 << 16 | UInt64(w))
                tailCount += 1
            } else {
                let shift = UInt64(16 * (7 - headCount))
                if shift >= 64 { head.0 |= UInt64(w) << (shift - 64) } else { head.1 |= UInt64(w) << shift }
                headCount += 1
            }
        }
        var seenDoubleColon = false
        var i = 0
        let n = b.count
        if n >= 2, b[0] == UInt8(ascii: ":"), b[1] == UInt8(ascii: ":") {
            seenDoubleColon = true
            i = 2
        } else if n > 0, b[0] == UInt8(ascii: ":") {
            return nil
        }
        while i < n {
            var j = i
            var hasDot = false
            while j < n, b[j] != UInt8(ascii: ":") {
                if b[j] == UInt8(ascii: ".") { hasDot = true }
                j += 1
            }
            if hasDot {
                // Embedded IPv4 in the last 32 bits.
                guard j == n, let v4 = parseIPv4(b, i, j) else { return nil }
                push(UInt16(v4 >> 16), seenDoubleColon)
                push(UInt16(v4 & 0xFFFF), seenDoubleColon)
                i = j
                break
            }
            guard j > i, j - i <= 4 else { return nil }
            var v: UInt16 = 0
            for k in i..<j {
                let c = b[k]
                let d: UInt16
                switch c {
                case 0x30...0x39: d = UInt16(c - 0x30)
                case 0x41...0x46: d = UInt16(c - 0x41 + 10)
                case 0x61...0x66: d = UInt16(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            guard headCount + tailCount < 8 else { return nil }
            push(v, seenDoubleColon)
            i = j
            if i < n {
                if i + 1 < n, b[i + 1] == UInt8(ascii: ":") {
                    guard !seenDoubleColon else { return nil }
                    seenDoubleColon = true
                    i += 2
                } else {
                    i += 1
                    guard i < n else { return nil }
                }
            }
        }
        let total = headCount + tailCount
        if seenDoubleColon {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        return (head.0 | tail.0, head.1 | tail.1)
    }

    public var description: String {
        if isIPv4 {
            let v = UInt32(truncatingIfNeeded: low)
            return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
        }
        var words: [UInt16] = []
        for k in (0..<4).reversed() { words.append(UInt16(truncatingIfNeeded: high >> UInt64(16 * k))) }
        for k in (0..<4).reversed() { words.append(UInt16(truncatingIfNeeded: low >> UInt64(16 * k))) }
        return words.map { String($0, radix: 16) }.joined(separator: ":")
    }
}

/// An IP value with `*` wildcards (allowed by an old VOD guide), matched as a glob over the address text.
public struct IPPattern: Sendable, Hashable {
    public let glob: Glob

    public init?(parsing text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
                || c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "*")
        }) else { return nil }
        glob = Glob(text, caseInsensitive: true)
    }
}
