/// Why an endpoint URL was refused.
public struct EndpointError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Hashable { case malformed, unsupportedScheme, insecureRemote }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Not a URL of the accepted shape.
        public static let malformed = Kind(.malformed)
        /// Neither `https` nor `http`.
        public static let unsupportedScheme = Kind(.unsupportedScheme)
        /// `http://` to a host that is not a loopback address.
        public static let insecureRemote = Kind(.insecureRemote)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// The text that was given.
    public var endpoint: String
    /// What is wrong and what to write instead.
    public var message: String

    init(_ kind: Kind, _ endpoint: String, _ message: String) {
        self.kind = kind
        self.endpoint = endpoint
        self.message = message
    }

    public var description: String { "--endpoint \(endpoint): \(message)" }
}
