/// One RAM action of a service catalogue, e.g. `vod:SubmitWorkflowJob`.
public struct CatalogAction: Sendable, Hashable, CustomStringConvertible {
    /// Where the name stands in the service's history.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// An API of the current API version (for VOD: 2017-03-21), mapped 1:1 to `vod:<Api>`.
        case current
        /// Not an API of the current set but used by Alibaba system policies (e.g. `vod:GetVideoPlayInfo`
        /// in AliyunVODPlayAuth), so policies that use it must keep matching.
        case legacy
        /// An API name that existed in earlier metadata; whether RAM still knows it is undocumented.
        /// Never matched by wildcards, never counted as current.
        case historical
    }

    /// The full RAM action name, exactly as the documentation spells it: `vod:SubmitWorkflowJob`.
    public let name: String
    /// The API the action authorizes: `SubmitWorkflowJob`.
    public let api: String
    public let accessLevel: AccessLevel
    /// True when the level was read on an Alibaba documentation page; false when it was guessed from
    /// the API name's prefix (reference §7.4 writes those in parentheses).
    public let levelVerified: Bool
    /// `All Resources` for actions without resource-level permission (every VOD action).
    public let resourceType: String
    public let status: Status

    public init(name: String, api: String, accessLevel: AccessLevel, levelVerified: Bool, resourceType: String, status: Status) {
        self.name = name
        self.api = api
        self.accessLevel = accessLevel
        self.levelVerified = levelVerified
        self.resourceType = resourceType
        self.status = status
    }

    /// The resource type Alibaba's API pages show for actions without resource-level permission.
    public static let allResources = "All Resources"

    /// True when RAM evaluates the resource `*` for this action, whatever the caller names.
    public var isAllResources: Bool { resourceType == Self.allResources }

    public var description: String { name }
}
