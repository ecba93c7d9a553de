import ActionCatalog
import Foundation
import Testing

@Suite("The bundled VOD catalogue")
struct BundledCatalogTests {
    let catalog = ActionCatalog.vod

    @Test("loads from the resource bundle with its metadata")
    func loads() {
        #expect(catalog.loadError == nil)
        #expect(catalog.service == "vod")
        #expect(catalog.apiVersion == "2017-03-21")
        #expect(catalog.version.hasPrefix("2026-"))
        #expect(catalog.sources.map(\.commit) == ["1534907c", "2563691c"])
        #expect(catalog.covers(service: "VOD"))
        #expect(!catalog.covers(service: "oss"))
    }

    @Test("has the 186 current actions plus the 2 legacy names")
    func counts() {
        #expect(catalog.currentActions.count == 186)
        #expect(catalog.actions.filter { $0.status == .legacy }.map(\.name) == ["vod:GetVideoPlayInfo", "vod:GetStorageList"])
        #expect(catalog.actions.count == 188)
        #expect(catalog.historical.allSatisfy { $0.status == .historical })
        #expect(catalog.historical.contains { $0.name == "vod:AddWorkFlow" })
    }

    @Test("every row of the reference's §7.4 table, with its level and verification",
          .enabled(if: ReferenceTable.exists, "the reference (../shared/reference/ram-policy-language.md) is not on this machine"))
    func matchesReference() throws {
        let rows = try ReferenceTable.rows()
        #expect(rows.count == 186)
        #expect(Set(rows.map(\.name)) == Set(catalog.currentActions.map(\.name)))
        for row in rows {
            let action = try #require(catalog.action(named: row.name), "\(row.name) is missing")
            #expect(action.status == .current)
            #expect(action.levelVerified == row.verified, "\(row.name)")
            // "(get/list)" rows are recorded as get.
            #expect(action.accessLevel.rawValue == row.level.split(separator: "/").first.map(String.init), "\(row.name)")
            #expect(action.resourceType == "All Resources")
        }
    }

    @Test("regions are the VOD endpoint catalogue's region ids")
    func regions() throws {
        #expect(try catalog.regions == ReferenceTable.vodRegionIDs())
        #expect(catalog.regions.contains("cn-shanghai"))
    }

    @Test("names are unique case-insensitively, current, legacy and historical together")
    func unique() {
        let names = (catalog.actions + catalog.historical).map { $0.name.lowercased() }
        #expect(Set(names).count == names.count)
        #expect(catalog.historical.allSatisfy { h in !catalog.actions.contains { $0.name.lowercased() == h.name.lowercased() } })
    }

    @Test("vod:SubmitWorkflowJob is a verified create action on All Resources")
    func submitWorkflowJob() throws {
        let a = try #require(catalog.action(named: "vod:SubmitWorkflowJob"))
        #expect(a.api == "SubmitWorkflowJob")
        #expect(a.accessLevel == .create)
        #expect(a.levelVerified)
        #expect(a.resourceType == "All Resources")
        #expect(a.isAllResources)
        #expect(a.status == .current)
        #expect(catalog.action(named: "VOD:submitworkflowjob") == a)
        #expect(catalog.action(named: "vod:GetVideoPlayInfo")?.status == .legacy)
        #expect(catalog.action(named: "vod:AddWorkFlow")?.status == .historical)
        #expect(catalog.action(named: "vod:NoSuchThing") == nil)
    }
}

@Suite("Wildcard expansion")
struct ExpansionTests {
    let catalog = ActionCatalog.vod

    @Test("vod:Submit* is exactly the vod:Submit… actions, in catalogue order")
    func submitPrefix() {
        let expected = catalog.actions.filter { $0.name.hasPrefix("vod:Submit") }
        #expect(catalog.expand("vod:Submit*") == expected)
        #expect(expected.count == 11)
        #expect(catalog.expand("VOD:submit*") == expected)
    }

    @Test("a wildcard service code, vod:*, ? and infix patterns")
    func shapes() throws {
        let swj = try #require(catalog.action(named: "vod:SubmitWorkflowJob"))
        #expect(catalog.expand("*:SubmitWorkflowJob") == [swj])
        #expect(catalog.expand("v?d:SubmitWorkflowJo?") == [swj])
        #expect(catalog.expand("vod:*").count == 188)
        #expect(catalog.expand("*").count == 188)
        #expect(!catalog.expand("vod:*").contains { $0.status == .historical })
        #expect(catalog.expand("vod:*Workflow*") == [swj])
        #expect(catalog.expand("vod:SubmitWorkflowJob") == [swj])
        #expect(catalog.expand("oss:*").isEmpty)
        #expect(catalog.expand("vod:Sumbit*").isEmpty)
        // Historical names are never expanded, even literally.
        #expect(catalog.expand("vod:AddWorkFlow").isEmpty)
    }

    @Test("the memo gives the same answers from many threads")
    func concurrent() async {
        let patterns = ["vod:Get*", "vod:List*", "*:Describe*", "vod:*Job", "vod:Submit*"]
        let expected = patterns.map { catalog.expand($0).count }
        let results = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask { patterns.map { ActionCatalog.vod.matching($0).count } }
            }
            var all: [[Int]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}

@Suite("Typo hints")
struct NearestTests {
    let catalog = ActionCatalog.vod

    @Test("a near miss finds the action it meant")
    func nearMiss() {
        #expect(catalog.nearest(to: "vod:SubmitWorkflowJobs")?.name == "vod:SubmitWorkflowJob")
        #expect(catalog.nearest(to: "vod:submitworkflowjob")?.name == "vod:SubmitWorkflowJob")
        #expect(catalog.nearest(to: "vod:SubmitWorkfowJob")?.name == "vod:SubmitWorkflowJob")
        #expect(catalog.nearest(to: "vdo:SubmitWorkflowJob")?.name == "vod:SubmitWorkflowJob")
    }

    @Test("something unrelated has no hint")
    func unrelated() {
        #expect(catalog.nearest(to: "vod:Foo") == nil)
        #expect(catalog.nearest(to: "vod:CompletelyDifferentOperation") == nil)
        #expect(catalog.nearest(to: "oss:GetObject") == nil)
        #expect(catalog.nearest(to: "vod:") == nil)
    }
}

@Suite("Decoding other catalogues")
struct DecodingTests {
    static let minimal = """
        {"format": 1, "service": "demo", "version": "1", "apiVersion": "2020-01-01", "regions": ["r1"],
         "actions": [{"name": "demo:Run", "api": "Run", "accessLevel": "create", "levelVerified": true,
                      "resourceType": "All Resources", "status": "current", "futureMember": 1}]}
        """

    @Test("a minimal catalogue decodes; unknown members are ignored")
    func minimal() throws {
        let c = try ActionCatalog(decoding: Array(Self.minimal.utf8))
        #expect(c.service == "demo")
        #expect(c.actions.map(\.name) == ["demo:Run"])
        #expect(c.historical.isEmpty)
        #expect(c.expand("demo:*").map(\.api) == ["Run"])
        #expect(c.expand("vod:*").isEmpty)
    }

    @Test("malformed JSON throws a typed error with its position")
    func badJSON() {
        let error = #expect(throws: ActionCatalogError.self) {
            try ActionCatalog(decoding: Array("{\"service\": \"vod\",\n ]".utf8))
        }
        #expect(error?.message.contains("not valid JSON") == true)
        #expect(error?.location?.line == 2)
    }

    @Test("shape errors name the JSON path")
    func shape() {
        let badLevel = Self.minimal.replacingOccurrences(of: "\"create\"", with: "\"write\"")
        do {
            _ = try ActionCatalog(decoding: Array(badLevel.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "actions[0].accessLevel")
            #expect(error.message.contains("unknown access level \"write\""))
            #expect(error.location?.line == 2)
        }
        let duplicate = Self.minimal.replacingOccurrences(
            of: "\"futureMember\": 1}]",
            with: "\"futureMember\": 1}, {\"name\": \"demo:RUN\", \"api\": \"RUN\", \"accessLevel\": \"get\", \"levelVerified\": false, \"resourceType\": \"All Resources\", \"status\": \"current\"}]")
        #expect(throws: ActionCatalogError.self) { try ActionCatalog(decoding: Array(duplicate.utf8)) }
        let missing = "{\"service\": \"demo\", \"version\": \"1\", \"apiVersion\": \"x\", \"regions\": []}"
        do {
            _ = try ActionCatalog(decoding: Array(missing.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "the member \"actions\" is missing")
        }
    }

    @Test("an empty catalogue covers nothing and matches nothing")
    func empty() {
        let c = ActionCatalog.empty(service: "vod", loadError: "gone")
        #expect(!c.covers(service: "vod"))
        #expect(c.expand("vod:*").isEmpty)
        #expect(c.nearest(to: "vod:SubmitWorkflowJob") == nil)
        #expect(c.loadError == "gone")
    }
}

@Suite("Known services")
struct KnownServicesTests {
    @Test("common codes are known, typos and acs are not")
    func codes() {
        for code in ["ram", "sts", "vod", "OSS", "ecs", "rds", "slb", "vpc", "cdn", "kms", "log", "mts", "live", "ims", "ice",
                     "actiontrail", "resourcemanager", "cms", "fc"] {
            #expect(KnownServices.contains(code), "\(code)")
        }
        #expect(!KnownServices.contains("vdo"))
        #expect(!KnownServices.contains("acs"))
    }
}
