import Analysis
import RAMPolicy
import Testing

@Suite struct PolicyDiffTests {
    let catalogue = ["vod:GetVideoInfo", "vod:SubmitWorkflowJob", "vod:DeleteVideo"]

    func identity(_ statements: String, name: String) throws -> PolicyLayers {
        PolicyLayers(identity: [try makePolicy("{\"Version\": \"1\", \"Statement\": [\n\(statements)\n]}", name: name)])
    }

    func allow(_ action: String, _ condition: String? = nil) -> String {
        let c = condition.map { ", \"Condition\": \($0)" } ?? ""
        return #"{"Effect": "Allow", "Action": "\#(action)", "Resource": "*"\#(c)}"#
    }

    func diff(_ old: String, _ new: String, actions: [String]? = nil) throws -> PolicyDiff {
        PolicySetDiff(old: try identity(old, name: "old.json"), new: try identity(new, name: "new.json"),
                      actions: actions ?? catalogue).compute()
    }

    @Test func gained() throws {
        let d = try diff(allow("vod:Get*"), allow("vod:Get*") + ",\n" + allow(submit))
        #expect(d.changes.map(\.action) == [submit])
        let c = try #require(d.changes.first)
        #expect(c.kind == .gained)
        #expect((c.old, c.new) == (.never, .always))
        #expect(c.oldSummary == "Never allowed: no statement grants vod:SubmitWorkflowJob.")
        #expect(c.newSummary == "Allowed always.")
        #expect(c.responsible.map(\.file) == ["new.json"])
        #expect(c.responsible.map(\.statement.index) == [1])
        #expect(c.gainedExample == [:])
        #expect(d.grantsNewAccess)
        #expect(d.unchangedCount == 2)
        #expect(d.stillGrants(submit))
    }

    @Test func lost() throws {
        let d = try diff(allow("vod:*"), allow("vod:Get*"))
        #expect(d.changes.map(\.action) == ["vod:SubmitWorkflowJob", "vod:DeleteVideo"])
        #expect(d.changes.allSatisfy { $0.kind == .lost })
        #expect(d.changes.first?.responsible.map(\.file) == ["old.json"])
        #expect(d.changes.first?.lostExample == [:])
        #expect(!d.grantsNewAccess)
        #expect(!d.stillGrants(submit))
        #expect(d.stillGrants("vod:GetVideoInfo"))
        #expect(!d.stillGrants("vod:NeverHeardOf"))
    }

    @Test func cidrWidenedIsLoosened() throws {
        let d = try diff(allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/16"}}"#),
                         allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#))
        let c = try #require(d.changes.first)
        #expect(d.changes.count == 1)
        #expect(c.kind == .loosened)
        #expect((c.old, c.new) == (.conditional, .conditional))
        #expect(c.newSummary == "Allowed only when acs:SourceIp is in 10.0.0.0/8.")
        #expect(c.responsible.map(\.file) == ["new.json"])
        let example = try #require(c.gainedExample?["acs:SourceIp"]?.first)
        #expect(example.hasPrefix("10.") && !example.hasPrefix("10.0."))
        #expect(c.lostExample == nil)
        #expect(d.grantsNewAccess)
        #expect(d.stillGrants(submit))
    }

    @Test func dateExtendedIsLoosened() throws {
        let d = try diff(allow(submit, #"{"DateLessThan": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#),
                         allow(submit, #"{"DateLessThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}"#))
        #expect(d.changes.map(\.kind) == [.loosened])
        // The first instant the new policy adds is the old bound itself.
        #expect(d.changes.first?.gainedExample == ["acs:CurrentTime": ["2026-01-01T00:00:00Z"]])
    }

    @Test func conditionRemovedIsLoosened() throws {
        let d = try diff(allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "Bool": {"acs:SecureTransport": "true"}}"#),
                         allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#))
        let c = try #require(d.changes.first)
        #expect(c.kind == .loosened)
        #expect(c.oldSummary == "Allowed only when acs:SourceIp is in 10.0.0.0/8 and acs:SecureTransport is true.")
        #expect(c.newSummary == "Allowed only when acs:SourceIp is in 10.0.0.0/8.")
    }

    @Test func denyAddedIsTightened() throws {
        let deny = #"{"Effect": "Deny", "Action": "vod:Submit*", "Resource": "*", "Condition": {"Bool": {"acs:SecureTransport": "false"}}}"#
        let d = try diff(allow("vod:*"), allow("vod:*") + ",\n" + deny)
        let c = try #require(d.changes.first)
        #expect(d.changes.count == 1)
        #expect(c.action == submit)
        #expect(c.kind == .tightened)
        #expect((c.old, c.new) == (.always, .conditional))
        #expect(c.responsible.map(\.statement.effect) == [.deny])
        #expect(c.lostExample == ["acs:SecureTransport": ["false"]])
        #expect(!d.grantsNewAccess)
        #expect(d.stillGrants(submit))
    }

    @Test func narrowedCidrIsTightenedAndMovedCidrIsChanged() throws {
        let tight = try diff(allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#),
                             allow(submit, #"{"IpAddress": {"acs:SourceIp": ["10.1.0.0/16", "10.2.0.0/16"]}}"#))
        #expect(tight.changes.map(\.kind) == [.tightened])
        #expect(tight.changes.first?.responsible.map(\.file) == ["old.json"])
        #expect(!tight.grantsNewAccess)

        let moved = try diff(allow(submit, #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#),
                             allow(submit, #"{"IpAddress": {"acs:SourceIp": "192.168.0.0/16"}}"#))
        let c = try #require(moved.changes.first)
        #expect(c.kind == .changed)
        #expect(c.gainedExample != nil && c.lostExample != nil)
        #expect(moved.grantsNewAccess)
    }

    @Test func reformattedIsUnchanged() throws {
        let old = allow("vod:*", #"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}"#)
        let new = """
          {
            "Effect": "Allow",
            "Action": ["vod:*"],
            "Resource": ["*"],
            "Condition": {"IpAddress": {"acs:SourceIp": ["192.168.0.0/16", "10.0.0.0/9", "10.128.0.0/9"]}}
          }
        """
        let d = try diff(old, new)
        #expect(d.changes.isEmpty)
        #expect(d.unchangedCount == 3)
        #expect(!d.grantsNewAccess)
        #expect(d.stillGrants(submit))
    }

    @Test func literalActionsOutsideTheListAreCompared() throws {
        let d = try diff(allow("vod:Get*"), allow("vod:Get*") + ",\n" + allow("vod:SearchMedia"), actions: [])
        #expect(d.changes.map(\.action) == ["vod:SearchMedia"])
        #expect(d.changes.first?.kind == .gained)
    }

    @Test func sessionLayerChangeIsFound() throws {
        let identity = try makePolicy(statementJSON(action: #""vod:*""#), name: "identity.json")
        let oldSession = try makePolicy(statementJSON(condition: #"{"Bool": {"acs:SecureTransport": "true"}}"#), kind: .session, name: "session-old.json")
        let newSession = try makePolicy(statementJSON(), kind: .session, name: "session-new.json")
        let d = PolicySetDiff(old: PolicyLayers(identity: [identity], session: [oldSession]),
                              new: PolicyLayers(identity: [identity], session: [newSession]), actions: [submit]).compute()
        let c = try #require(d.changes.first)
        #expect(c.kind == .loosened)
        #expect(c.responsible.map(\.file) == ["session-new.json"])
    }
}
