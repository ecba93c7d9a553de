/// A region where ApsaraVideo VOD (API 2017-03-21) has an endpoint.
///
/// Source: reference §4, from https://help.aliyun.com/en/vod/developer-reference/api-vod-2017-03-21-endpoint
/// and the region-ID page https://www.alibabacloud.com/help/doc-detail/98194.html. VOD does not allow
/// cross-region calls; each endpoint has its own storage region.
public struct VODRegion: Sendable, Hashable, CustomStringConvertible {
    /// How the region can be used.
    public enum Status: String, Sendable, Hashable {
        /// A public region, in service.
        case available
        /// In service but operated by a partner (Saudi Arabia, Riyadh).
        case partnerOperated
        /// An industry (government) cloud, reachable only for accounts of that cloud.
        case industryCloud
        /// Listed in the docs but deactivated (India, Mumbai): calls will fail.
        case deactivated
    }

    /// The `RegionId`, e.g. `cn-shanghai`.
    public var id: String
    /// The English name in the docs, e.g. `China (Shanghai)`.
    public var name: String
    public var status: Status

    public init(id: String, name: String, status: Status = .available) {
        self.id = id
        self.name = name
        self.status = status
    }

    /// `vod.<region>.aliyuncs.com`.
    public var publicHost: String { "vod.\(id).aliyuncs.com" }
    /// `vod-vpc.<region>.aliyuncs.com`.
    public var vpcHost: String { "vod-vpc.\(id).aliyuncs.com" }

    public var description: String { "\(id) (\(name))" }
}
