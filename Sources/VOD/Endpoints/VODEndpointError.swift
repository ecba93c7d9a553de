/// Why no endpoint was chosen for a region ID.
public struct VODEndpointError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Hashable { case malformedRegionId, unknownRegion, deactivatedRegion }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Not a region ID at all (empty, uppercase, spaces, a host name …).
        public static let malformedRegionId = Kind(.malformedRegionId)
        /// Well formed but not in the documented table; ``VODEndpointError/derivedHost`` says what the
        /// pattern would give.
        public static let unknownRegion = Kind(.unknownRegion)
        /// Documented but deactivated (`ap-south-1`).
        public static let deactivatedRegion = Kind(.deactivatedRegion)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var regionId: String
    public var message: String
    /// For ``Kind/unknownRegion`` and ``Kind/deactivatedRegion``: the host the documented pattern gives,
    /// for a caller that wants to try it anyway (``VODEndpoints/derivedEndpoint(forRegion:network:)``).
    public var derivedHost: String?

    public init(kind: Kind, regionId: String, message: String, derivedHost: String? = nil) {
        self.kind = kind
        self.regionId = regionId
        self.message = message
        self.derivedHost = derivedHost
    }

    public var description: String { message }
}
