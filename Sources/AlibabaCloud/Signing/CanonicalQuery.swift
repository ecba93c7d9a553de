/// The canonicalized query string both schemes sign: `name=value` pairs, each side RFC 3986-encoded,
/// sorted by name in ordinal (byte) order and joined by `&`. An empty value stays as `Name=`.
public enum CanonicalQuery: Sendable {
    public static func string(from parameters: [SignableRequest.Parameter]) -> String {
        PercentEncoding.encodedPairs(parameters.count > 1 ? parameters.sorted(by: ByteOrder.precedes) : parameters)
    }
}
