import Analysis
import RAMPolicy
import Testing

@Suite("Lint: conditions that can never hold")
struct ConditionRuleTests {
    static func statement(_ condition: String, effect: String = "Allow") -> String {
        LintFixtures.policy(#"{"Effect": "\#(effect)", "Action": "vod:SubmitWorkflowJob", "Resource": "*", "Condition": \#(condition)}"#)
    }

    @Test("ExpiredCondition: DateLessThan on acs:CurrentTime in the past")
    func expired() throws {
        let text = Self.statement(#"{"DateLessThan": {"acs:CurrentTime": "2026-01-01T08:00:00+08:00"}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ExpiredCondition"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.path == "Statement[0].Condition.DateLessThan.acs:CurrentTime")
        #expect(Place(f.span) == LintFixtures.place(of: "\"acs:CurrentTime\"", in: text))
        #expect(Place(f.span) == Place(line: 4, column: 108, endLine: 4, endColumn: 125))
        #expect(f.message == "acs:CurrentTime must be before 2026-01-01T00:00:00Z, which has passed (now 2026-11-29T00:00:00Z); the statement never applies again")
    }

    @Test("not expired: a future bound, one future value among several, a lower bound in the past")
    func notExpired() {
        for condition in [
            #"{"DateLessThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}"#,
            #"{"DateLessThanEquals": {"acs:CurrentTime": ["2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"]}}"#,
            #"{"DateGreaterThan": {"acs:CurrentTime": "2020-01-01T00:00:00Z"}}"#,
            #"{"DateLessThan": {"acs:ResourceTag/expiry": "2020-01-01T00:00:00Z"}}"#,
        ] {
            #expect(LintFixtures.lint(Self.statement(condition)).isEmpty, "\(condition)")
        }
        let equalsPast = Self.statement(#"{"DateLessThanEquals": {"acs:CurrentTime": "2026-11-28T23:59:59Z"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(equalsPast)) == ["ExpiredCondition"])
    }

    @Test("UnsatisfiableCondition: an operator that cannot compare the key's values")
    func typeMismatch() throws {
        let text = Self.statement(#"{"IpAddress": {"acs:CurrentTime": "10.0.0.0/8"}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["UnsatisfiableCondition"])
        let f = try #require(findings.first)
        #expect(f.path == "Statement[0].Condition.IpAddress.acs:CurrentTime")
        #expect(Place(f.span) == LintFixtures.place(of: "\"acs:CurrentTime\"", in: text))
        #expect(f.message == "IpAddress compares IP addresses, but acs:CurrentTime carries a time: the condition can never hold, so the statement never applies")
        let bool = Self.statement(#"{"Bool": {"acs:SourceIp": "true"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(bool)) == ["UnsatisfiableCondition"])
    }

    @Test("not unsatisfiable: matching families, negated operators, string operators, IfExists")
    func satisfiable() {
        for condition in [
            #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#,
            #"{"NotIpAddress": {"acs:CurrentTime": "10.0.0.0/8"}}"#,
            #"{"StringEquals": {"acs:SecureTransport": "true"}}"#,
            #"{"Bool": {"acs:SecureTransport": "true"}}"#,
            #"{"NumericLessThan": {"acs:ResourceTag/size": "10"}}"#,
        ] {
            #expect(LintFixtures.lint(Self.statement(condition)).isEmpty, "\(condition)")
        }
    }

    @Test("an empty IpAddress value list is already an engine error")
    func emptyIPList() throws {
        let text = Self.statement(#"{"IpAddress": {"acs:SourceIp": []}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["DataTypeMismatch"])
        #expect(findings.first?.severity == .error)
        #expect(Place(findings.first?.span) == LintFixtures.place(of: "[]", in: text))
    }

    @Test("ContradictoryConditions: NumericGreaterThan 10 and NumericLessThan 5")
    func numeric() throws {
        let text = Self.statement(#"{"NumericGreaterThan": {"x:count": "10"}, "NumericLessThan": {"x:count": "5"}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ContradictoryConditions"])
        let f = try #require(findings.first)
        #expect(f.severity == .warning)
        #expect(f.path == "Statement[0].Condition.NumericLessThan.x:count")
        #expect(Place(f.span) == LintFixtures.place(of: "\"x:count\"", in: text, occurrence: 2))
        #expect(f.message == "NumericLessThan 5 on x:count contradicts NumericGreaterThan 10 on the same key: no value is both above 10 and below 5, so the statement never applies")
        let related = try #require(f.related.first)
        #expect(related.path == "Statement[0].Condition.NumericGreaterThan.x:count")
        #expect(Place(related.span) == LintFixtures.place(of: "\"x:count\"", in: text))
    }

    @Test("consistent ranges are not contradictions; touching bounds are only when one is open")
    func numericEdges() {
        let consistent = Self.statement(#"{"NumericGreaterThan": {"x:n": "5"}, "NumericLessThan": {"x:n": "10"}}"#)
        #expect(LintFixtures.lint(consistent).isEmpty)
        let closed = Self.statement(#"{"NumericGreaterThanEquals": {"x:n": "5"}, "NumericLessThanEquals": {"x:n": "5"}}"#)
        #expect(LintFixtures.lint(closed).isEmpty)
        let open = Self.statement(#"{"NumericGreaterThan": {"x:n": "5"}, "NumericLessThanEquals": {"x:n": "5"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(open)) == ["ContradictoryConditions"])
        let equalsOutside = Self.statement(#"{"NumericEquals": {"x:n": ["1", "2"]}, "NumericGreaterThan": {"x:n": "3"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(equalsOutside)) == ["ContradictoryConditions"])
        let equalsInside = Self.statement(#"{"NumericEquals": {"x:n": ["1", "4"]}, "NumericGreaterThan": {"x:n": "3"}}"#)
        #expect(LintFixtures.lint(equalsInside).isEmpty)
        let ifExists = Self.statement(#"{"NumericGreaterThanIfExists": {"x:n": "10"}, "NumericLessThanIfExists": {"x:n": "5"}}"#)
        #expect(LintFixtures.lint(ifExists).isEmpty)
    }

    @Test("ContradictoryConditions: DateGreaterThan later than DateLessThan")
    func dates() throws {
        let text = Self.statement(#"{"DateGreaterThan": {"acs:CurrentTime": "2027-06-01T00:00:00Z"}, "DateLessThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ContradictoryConditions"])
        #expect(findings.first?.path == "Statement[0].Condition.DateLessThan.acs:CurrentTime")
        #expect(findings.first?.message.contains("no value is both above 2027-06-01T00:00:00Z and below 2027-01-01T00:00:00Z") == true)
        let window = Self.statement(#"{"DateGreaterThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}, "DateLessThan": {"acs:CurrentTime": "2027-06-01T00:00:00Z"}}"#)
        #expect(LintFixtures.lint(window).isEmpty)
    }

    @Test("ContradictoryConditions: StringEquals a value StringNotEquals excludes")
    func strings() throws {
        let text = Self.statement(#"{"StringEquals": {"acs:SourceVpc": "vpc-1"}, "StringNotEquals": {"acs:SourceVpc": ["vpc-1", "vpc-2"]}}"#)
        let findings = LintFixtures.lint(text)
        #expect(LintFixtures.ids(findings) == ["ContradictoryConditions"])
        #expect(findings.first?.path == "Statement[0].Condition.StringNotEquals.acs:SourceVpc")
        #expect(findings.first?.related.first?.path == "Statement[0].Condition.StringEquals.acs:SourceVpc")
        let fine = Self.statement(#"{"StringEquals": {"acs:SourceVpc": "vpc-1"}, "StringNotEquals": {"acs:SourceVpc": "vpc-2"}}"#)
        #expect(LintFixtures.lint(fine).isEmpty)
        let ignoreCase = Self.statement(#"{"StringEquals": {"acs:SourceVpc": "VPC-1"}, "StringNotEqualsIgnoreCase": {"acs:SourceVpc": "vpc-1"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(ignoreCase)) == ["ContradictoryConditions"])
        let like = Self.statement(#"{"StringEquals": {"acs:SourceVpc": "vpc-1"}, "StringNotLike": {"acs:SourceVpc": "vpc-*"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(like)) == ["ContradictoryConditions"])
    }

    @Test("ContradictoryConditions: IpAddress ranges inside NotIpAddress ones; disjoint source IP lists")
    func addresses() {
        let inside = Self.statement(#"{"IpAddress": {"acs:SourceIp": "10.1.0.0/16"}, "NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(inside)) == ["ContradictoryConditions"])
        let carveOut = Self.statement(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "NotIpAddress": {"acs:SourceIp": "10.1.0.0/16"}}"#)
        #expect(LintFixtures.lint(carveOut).isEmpty)
        // Key names compare case-insensitively, so these are two lists for the one source IP.
        let disjoint = Self.statement(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8", "acs:sourceip": "192.168.0.0/16"}}"#)
        #expect(LintFixtures.ids(LintFixtures.lint(disjoint)) == ["ContradictoryConditions"])
        let overlapping = Self.statement(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8", "acs:sourceip": "10.2.0.0/16"}}"#)
        #expect(LintFixtures.lint(overlapping).isEmpty)
        let ifExists = Self.statement(#"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}, "IpAddressIfExists": {"acs:SourceIp": "192.168.0.0/16"}}"#)
        #expect(LintFixtures.lint(ifExists).isEmpty)
    }
}
