/// The canonicalized query string both schemes sign: `name=value` pairs, each side RFC 3986-encoded,
/// sorted by name in ordinal (byte) order and joined by `&`. An empty value stays as `Name=`.
public enum CanonicalQuery: Sendable {
    public static func string(from parameters: [SignableRequest.Parameter]) -> String {
        parameters
            .sorted(by: ByteOrder.precedes)
            .map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }
}
