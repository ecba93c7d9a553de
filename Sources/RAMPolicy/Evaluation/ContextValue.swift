/// One request value, parsed once into every type a condition operator might compare it as.
///
/// A request is compared against many statements; parsing `acs:SourceIp` or `acs:CurrentTime` once
/// per request instead of once per condition is what keeps evaluation in the nanoseconds.
public struct ContextValue: Sendable, Hashable {
    public let text: String
    public let ip: IPAddress?
    public let instant: ISO8601Instant?
    public let number: Double?
    public let bool: Bool?

    public init(_ text: String) {
        self.text = text
        var copy = text
        (ip, instant, number, bool) = copy.withUTF8 { b -> (IPAddress?, ISO8601Instant?, Double?, Bool?) in
            guard let first = b.first else { return (nil, nil, nil, nil) }
            if b.count == 4 || b.count == 5, let bool = ConditionValueParser.bool(text) { return (nil, nil, nil, bool) }
            switch first {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: ":"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
                if b.count >= 20, b[4] == UInt8(ascii: "-"), let d = ISO8601Instant.parse(b) { return (nil, d, nil, nil) }
                let ip = IPAddress.parse(b)
                let number = ip == nil ? ConditionValueParser.number(text) : nil
                return (ip, nil, number, nil)
            default:
                return (nil, nil, nil, nil)
            }
        }
    }
}
