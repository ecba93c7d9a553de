/// Where to send VOD calls for one region.
public struct VODEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Which network the host is reached from.
    public enum Network: String, Sendable, Hashable, CaseIterable {
        /// `vod.<region>.aliyuncs.com`, over the internet.
        case `public`
        /// `vod-vpc.<region>.aliyuncs.com`, from inside an Alibaba Cloud VPC in that region.
        case vpc
    }

    /// How the endpoint was found.
    public enum Origin: Sendable, Hashable {
        /// The region is in the documented table (reference §4).
        case documented
        /// The region ID is an alias the official SDK maps to another region's endpoint
        /// (`cn-hangzhou` → Shanghai in `alibabacloud_vod20170321/client.py`, reference §4).
        case sdkAlias(of: String)
        /// Not in the table: the host was derived from the documented pattern only, and may not exist.
        case derived
    }

    /// The region the caller asked for.
    public var requestedRegionId: String
    /// The region whose endpoint is used (differs from ``requestedRegionId`` for an alias).
    public var regionId: String
    public var network: Network
    /// The host name, e.g. `vod.cn-shanghai.aliyuncs.com`.
    public var host: String
    public var origin: Origin

    public init(requestedRegionId: String, regionId: String, network: Network, host: String, origin: Origin) {
        self.requestedRegionId = requestedRegionId
        self.regionId = regionId
        self.network = network
        self.host = host
        self.origin = origin
    }

    /// `https://<host>/`; the toolkit uses HTTPS only (reference §4, "Protocol").
    public var urlString: String { "https://\(host)/" }

    public var description: String { host }
}
