/// Which request headers a ``V3Signer`` puts into `SignedHeaders`.
///
/// The V3 doc requires `host`, `content-type` (when present) and every `x-acs-*` header, and the Go
/// SDK signs exactly those (``documented``). The Python tea SDK signs every header it sends, which
/// adds `accept` and `user-agent`; ``documented(adding:)`` or ``allHeaders`` reproduces that. The gateway
/// accepts any of these because it reads the list from `SignedHeaders`.
public struct V3SignedHeaderPolicy: Sendable, Hashable {
    /// Extra header names (lowercase) signed besides the documented ones.
    public var additionalHeaderNames: Set<String>
    /// Sign every header of the request (except `Authorization`), as the Python tea SDK does.
    public var signsAllHeaders: Bool

    public init(additionalHeaderNames: Set<String> = [], signsAllHeaders: Bool = false) {
        self.additionalHeaderNames = Set(additionalHeaderNames.map { $0.lowercased() })
        self.signsAllHeaders = signsAllHeaders
    }

    /// `host`, `content-type` and `x-acs-*`: what the doc and the Go SDK sign.
    public static let documented = V3SignedHeaderPolicy()

    /// The documented set plus `names`, e.g. `["accept", "user-agent"]` for the Python tea SDK's variant.
    public static func documented(adding names: Set<String>) -> V3SignedHeaderPolicy {
        V3SignedHeaderPolicy(additionalHeaderNames: names)
    }

    /// Every header the request carries.
    public static let allHeaders = V3SignedHeaderPolicy(signsAllHeaders: true)

    /// Whether a header with this lowercase name is signed.
    public func signs(_ lowercasedName: String) -> Bool {
        if lowercasedName == "authorization" { return false }
        if signsAllHeaders { return true }
        return Self.isRequired(lowercasedName) || additionalHeaderNames.contains(lowercasedName)
    }

    /// The headers the doc says must always be signed when present.
    static func isRequired(_ lowercasedName: String) -> Bool {
        lowercasedName == "host" || lowercasedName == "content-type" || lowercasedName.hasPrefix("x-acs-")
    }
}
