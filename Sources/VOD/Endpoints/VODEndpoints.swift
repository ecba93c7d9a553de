/// The catalogue of VOD regions and how a region ID becomes an endpoint host.
///
/// Source: reference §4. The documented pattern is `vod.<RegionId>.aliyuncs.com` (public) and
/// `vod-vpc.<RegionId>.aliyuncs.com` (VPC). The official tea SDK maps the documented regions one to one,
/// `cn-hangzhou` to the Shanghai endpoint, and some 40 internal or test region names to the global
/// `vod.aliyuncs.com`; those internal names are treated as unknown here, because the docs say to prefer the
/// regional host and VOD does not allow cross-region calls.
public enum VODEndpoints: Sendable {
    /// The documented regions, in the docs' order (reference §4 table).
    public static let regions: [VODRegion] = [
        VODRegion(id: "cn-shanghai", name: "China (Shanghai)"),
        VODRegion(id: "cn-beijing", name: "China (Beijing)"),
        VODRegion(id: "cn-shenzhen", name: "China (Shenzhen)"),
        VODRegion(id: "cn-hongkong", name: "China (Hong Kong)"),
        VODRegion(id: "ap-southeast-1", name: "Singapore"),
        VODRegion(id: "ap-northeast-1", name: "Japan (Tokyo)"),
        VODRegion(id: "ap-southeast-5", name: "Indonesia (Jakarta)"),
        VODRegion(id: "eu-central-1", name: "Germany (Frankfurt)"),
        VODRegion(id: "us-west-1", name: "US (Silicon Valley)"),
        VODRegion(id: "me-central-1", name: "Saudi Arabia (Riyadh)", status: .partnerOperated),
        VODRegion(id: "cn-north-2-gov-1", name: "Beijing Government Cloud", status: .industryCloud),
        VODRegion(id: "ap-south-1", name: "India (Mumbai)", status: .deactivated),
    ]

    /// Region IDs the official SDK sends to another region's endpoint: `cn-hangzhou` → `cn-shanghai`
    /// (`alibabacloud_vod20170321/client.py`, reference §4). The legacy core SDK's mapping of
    /// `cn-shenzhen`/`cn-beijing` to Shanghai is out of date and deliberately not copied.
    public static let aliases: [String: String] = ["cn-hangzhou": "cn-shanghai"]

    /// The documented region with this ID, if any.
    public static func region(id: String) -> VODRegion? {
        regions.first { $0.id == id }
    }

    /// The endpoint for `regionId`, checked against the catalogue.
    ///
    /// - Throws: ``VODEndpointError`` — ``VODEndpointError/Kind/malformedRegionId`` when the ID is not of
    ///   the form `ab-cd-1` (lowercase letters, digits, hyphens); ``VODEndpointError/Kind/unknownRegion``
    ///   when VOD has no documented endpoint there (with the derived host); and
    ///   ``VODEndpointError/Kind/deactivatedRegion`` for `ap-south-1`.
    public static func endpoint(forRegion regionId: String, network: VODEndpoint.Network = .public) throws(VODEndpointError) -> VODEndpoint {
        try checkWellFormed(regionId)
        if let target = aliases[regionId], let region = region(id: target) {
            return VODEndpoint(
                requestedRegionId: regionId, regionId: region.id, network: network,
                host: host(of: region.id, network: network), origin: .sdkAlias(of: region.id))
        }
        guard let region = region(id: regionId) else {
            let derived = host(of: regionId, network: network)
            throw VODEndpointError(
                kind: .unknownRegion, regionId: regionId,
                message: "VOD has no documented endpoint in region '\(regionId)'; documented regions: "
                    + regions.filter { $0.status != .deactivated }.map(\.id).joined(separator: ", ")
                    + ". The pattern would give \(derived), which may not exist.",
                derivedHost: derived)
        }
        if region.status == .deactivated {
            throw VODEndpointError(
                kind: .deactivatedRegion, regionId: regionId,
                message: "VOD in \(region) is deactivated; calls to \(host(of: regionId, network: network)) will fail. Use another region.",
                derivedHost: host(of: regionId, network: network))
        }
        return VODEndpoint(
            requestedRegionId: regionId, regionId: region.id, network: network,
            host: host(of: region.id, network: network), origin: .documented)
    }

    /// The host the documented pattern gives for `regionId`, without consulting the catalogue: for a new
    /// region the docs do not list yet. Only the ID's form is checked.
    public static func derivedEndpoint(forRegion regionId: String, network: VODEndpoint.Network = .public) throws(VODEndpointError) -> VODEndpoint {
        try checkWellFormed(regionId)
        let origin: VODEndpoint.Origin = region(id: regionId) == nil ? .derived : .documented
        return VODEndpoint(
            requestedRegionId: regionId, regionId: regionId, network: network,
            host: host(of: regionId, network: network), origin: origin)
    }

    /// Whether `regionId` has the form of an Alibaba Cloud region ID: lowercase ASCII letters and digits in
    /// hyphen-separated groups, starting with a letter (`cn-shanghai`, `ap-southeast-1`, `cn-north-2-gov-1`).
    public static func isWellFormedRegionId(_ regionId: String) -> Bool {
        let groups = regionId.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.count >= 2, regionId.utf8.count <= 64,
              let first = regionId.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z")
        else { return false }
        return groups.allSatisfy { group in
            !group.isEmpty && group.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            }
        }
    }

    private static func host(of regionId: String, network: VODEndpoint.Network) -> String {
        switch network {
        case .public: "vod.\(regionId).aliyuncs.com"
        case .vpc: "vod-vpc.\(regionId).aliyuncs.com"
        }
    }

    private static func checkWellFormed(_ regionId: String) throws(VODEndpointError) {
        guard isWellFormedRegionId(regionId) else {
            throw VODEndpointError(
                kind: .malformedRegionId, regionId: regionId,
                message: "\(VODIdentifier.quoted(regionId)) is not a region ID; write it like cn-shanghai or ap-southeast-1")
        }
    }
}
