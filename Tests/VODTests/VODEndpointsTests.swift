import Testing
import VOD

@Suite struct VODEndpointsTests {
    @Test func theCatalogueHasTheDocumentedRegions() {
        #expect(VODEndpoints.regions.count == 12)
        #expect(Set(VODEndpoints.regions.map(\.id)).count == 12)
        #expect(VODEndpoints.region(id: "ap-south-1")?.status == .deactivated)
        #expect(VODEndpoints.region(id: "me-central-1")?.status == .partnerOperated)
    }

    @Test(arguments: VODEndpoints.regions.filter { $0.status != .deactivated })
    func everyLiveRegionHasARegionalHost(region: VODRegion) throws {
        let endpoint = try VODEndpoints.endpoint(forRegion: region.id)
        #expect(endpoint.host == "vod.\(region.id).aliyuncs.com")
        #expect(endpoint.origin == .documented)
        #expect(endpoint.urlString == "https://vod.\(region.id).aliyuncs.com/")
        #expect(try VODEndpoints.endpoint(forRegion: region.id, network: .vpc).host == "vod-vpc.\(region.id).aliyuncs.com")
    }

    @Test func hangzhouIsAnAliasOfShanghai() throws {
        let endpoint = try VODEndpoints.endpoint(forRegion: "cn-hangzhou")
        #expect(endpoint.host == "vod.cn-shanghai.aliyuncs.com")
        #expect(endpoint.regionId == "cn-shanghai")
        #expect(endpoint.requestedRegionId == "cn-hangzhou")
        #expect(endpoint.origin == .sdkAlias(of: "cn-shanghai"))
    }

    @Test func anUnknownRegionIsAnErrorWithTheDerivedHost() throws {
        do {
            _ = try VODEndpoints.endpoint(forRegion: "cn-qingdao")
            Issue.record("cn-qingdao has no documented VOD endpoint")
        } catch {
            #expect(error.kind == .unknownRegion)
            #expect(error.derivedHost == "vod.cn-qingdao.aliyuncs.com")
            #expect(error.message.contains("cn-shanghai"))
        }
        let derived = try VODEndpoints.derivedEndpoint(forRegion: "cn-qingdao")
        #expect(derived.host == "vod.cn-qingdao.aliyuncs.com")
        #expect(derived.origin == .derived)
    }

    @Test func mumbaiIsDeactivated() {
        #expect(throws: VODEndpointError.self) { try VODEndpoints.endpoint(forRegion: "ap-south-1") }
        do {
            _ = try VODEndpoints.endpoint(forRegion: "ap-south-1")
        } catch {
            #expect(error.kind == .deactivatedRegion)
        }
    }

    @Test(arguments: ["", "CN-Shanghai", "cn_shanghai", "shanghai", "vod.cn-shanghai.aliyuncs.com", "cn--shanghai", "1cn-shanghai", "cn-shanghai "])
    func malformedRegionIdsAreRejected(id: String) {
        do {
            _ = try VODEndpoints.derivedEndpoint(forRegion: id)
            Issue.record("\(id) was accepted")
        } catch {
            #expect(error.kind == .malformedRegionId)
        }
    }
}
