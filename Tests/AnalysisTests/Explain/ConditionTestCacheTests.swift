@testable import Analysis
import RAMPolicy
import Testing

/// The per-thread table of compiled condition tests: one entry per operator and values, answering as a
/// test compiled on its own.
@Suite struct ConditionTestCacheTests {
    func condition(_ json: String) throws -> Condition {
        try #require(try allowWhen(json).statements.first?.conditions.first)
    }

    @Test func sameOperatorAndValuesShareOneEntryOthersDoNot() throws {
        let cache = ConditionTestCache()
        let a = try condition(#"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}"#)
        // Another key, same operator and values: the same test.
        let b = try condition(#"{"IpAddress": {"vod:ClientIp": ["10.0.0.0/8", "192.168.0.0/16"]}}"#)
        let negated = try condition(#"{"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}"#)
        let other = try condition(#"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}"#)
        for c in [a, b, a, negated, other, other] { _ = cache.test(c) }
        #expect(cache.count == 3)
        for value in ["10.1.2.3", "192.168.9.9", "8.8.8.8", "nope", "2001:db8::1"] {
            let v = ContextValue(value)
            for c in [a, b, negated, other] {
                #expect(cache.test(c).matches(v) == ConditionValueTest(c).matches(v), "\(c.op.name) \(value)")
            }
        }
    }

    @Test func everyFamilyAnswersAsAFreshTest() throws {
        let cache = ConditionTestCache()
        let conditions = [
            #"{"StringLike": {"acs:SourceVpc": ["vpc-1*", "vpc-abc"]}}"#,
            #"{"StringEqualsIgnoreCase": {"acs:SourceVpc": ["VPC-abc"]}}"#,
            #"{"NumericLessThanEquals": {"vod:MaxJobs": "54"}}"#,
            #"{"DateGreaterThan": {"acs:CurrentTime": "2027-07-01T00:00:00Z"}}"#,
            #"{"Bool": {"acs:SecureTransport": "false"}}"#,
        ]
        let values = ["vpc-123", "VPC-ABC", "vpc-abc", "53", "54.5", "2027-07-01T00:00:01Z", "2026-01-01T00:00:00Z", "false", "true"]
        for json in conditions {
            let c = try condition(json)
            for value in values {
                #expect(cache.test(c).matches(ContextValue(value)) == ConditionValueTest(c).matches(ContextValue(value)), "\(json) \(value)")
            }
        }
        #expect(cache.count == conditions.count)
    }

    @Test func eachThreadHasItsOwnCache() throws {
        let c = try condition(#"{"Bool": {"acs:SecureTransport": "false"}}"#)
        let mine = ConditionTestCache.perThread.withValue { ObjectIdentifier($0) }
        #expect(ConditionTestCache.perThread.withValue { ObjectIdentifier($0) } == mine)
        let theirs = onNewThread {
            ConditionTestCache.perThread.withValue { cache in
                (ObjectIdentifier(cache), cache.test(c).matches(ContextValue("false")), cache.count)
            }
        }
        #expect(theirs.0 != mine)
        #expect(theirs.1)
        #expect(theirs.2 == 1, "a new thread starts with an empty cache")
    }
}
