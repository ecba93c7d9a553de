@testable import RAMPolicy
import Testing

/// The evaluator's byte-keyed plan cache and the conditions' plain-value fast path must decide exactly
/// as the uncached, enum-based paths do.
struct EvaluatorFastPathTests {
    func policy(_ text: String) throws -> Policy {
        let result = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
        return try #require(result.policy, "\(result.diagnostics)")
    }

    @Test func planCacheAgreesWithUncachedDecisionsForManyActions() throws {
        let a = Authorizer(identity: [
            try policy(#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vod:Get*","ecs:Describe?nstances","oss:PutObject"],"Resource":"*"},{"Effect":"Deny","Action":"vod:GetPlay*","Resource":"*"},{"Effect":"Allow","NotAction":"ram:*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}"#),
        ])
        let evaluator = Evaluator(a)
        // Enough distinct actions to grow the table several times, spellings that differ only in case,
        // the empty action, long actions and non-ASCII ones; every action twice, interleaved.
        var actions = ["", "*", "vod:GetPlayInfo", "VOD:GETPLAYINFO", "vod:getplayinfo", "ram:CreateUser", "ecs:DescribeInstances",
                       "oss:PutObject", "vod:Ge\u{301}tX", "vod:" + String(repeating: "Get", count: 40), "vod:GetVideoInfoé"]
        for i in 0..<300 { actions.append("svc\(i % 7):Get\(i)Thing") }
        for round in 0..<2 {
            for (i, action) in actions.enumerated() {
                let transport = (i + round) % 2 == 0 ? "true" : "false"
                let r = Request(action: action, context: RequestContext([("acs:SecureTransport", [transport])]))
                #expect(evaluator.decide(r) == a.decide(r), "\(action)")
                #expect(evaluator.evaluate(r).decision == a.decide(r), "\(action)")
            }
        }
    }

    @Test func decideEachAgreesWithDecide() throws {
        let a = Authorizer(identity: [
            try policy(#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"vod:Delete*","Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"false"}}},{"Effect":"Allow","Action":"vod:*","Resource":["acs:vod:*:*:video/1","*"],"Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"StringEquals":{"acs:SourceVpc":"vpc-1"}}},{"Effect":"Allow","Action":"vod:Get*","Resource":"acs:vod:*:*:video/2"}]}"#),
        ])
        var requests: [Request] = []
        for (i, action) in ["vod:DeleteVideo", "vod:GetVideoInfo", "vod:SubmitWorkflowJob", "oss:GetObject"].enumerated() {
            for resource in ["*", "acs:vod:*:*:video/1", "acs:vod:*:*:video/2"] {
                var context = RequestContext([("acs:SourceIp", [i % 2 == 0 ? "10.1.2.3" : "11.1.2.3"])])
                if i % 3 != 0 { context.add("acs:SourceVpc", value: "vpc-1") }
                if i != 2 { context.add("ACS:MfaPresent", value: i == 0 ? "false" : "true") }
                requests.append(Request(action: action, resource: resource, context: context))
            }
        }
        let evaluator = Evaluator(a)
        var seen: [Int] = []
        evaluator.decideEach(requests) { i, d in
            seen.append(i)
            #expect(d == a.decide(requests[i]), "\(requests[i])")
            #expect(d == evaluator.decide(requests[i]), "\(requests[i])")
        }
        #expect(seen == Array(requests.indices))
        evaluator.decideEach([]) { _, _ in Issue.record("no request, no decision") }
    }

    @Test func contextSummaryCountsEntriesAndFindsEveryKey() throws {
        // Up to 300 distinct keys (past the 255 the summary can count), repeated keys merged.
        var context = RequestContext()
        let a = Authorizer(identity: [
            try policy(#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"vod:*","Resource":"*","Condition":{"StringEquals":{"k:Key299":"v"}}}]}"#),
        ])
        let evaluator = Evaluator(a)
        for i in 0..<300 {
            context.add("k:Key\(i)", value: "v")
            context.add("K:KEY\(i)", value: "w")
            let request = Request(action: "vod:GetVideoInfo", context: context)
            #expect(context.entries.count == i + 1)
            #expect(evaluator.decide(request) == (i == 299 ? .allow : .implicitDeny), "\(i)")
            #expect(evaluator.decide(request) == a.decide(request), "\(i)")
        }
    }

    /// The sizes the cache-line arguments in the evaluator's comments rely on.
    @Test func hotLayoutsKeepTheirSizes() {
        #expect(MemoryLayout<ActionPlanCache.Slot>.stride == 64)
        #expect(MemoryLayout<ContextValue>.stride == 40)
        #expect(MemoryLayout<Request>.stride == 56)
        #expect(MemoryLayout<FastStatement>.stride == 16)
    }

    @Test func planCacheFindsExactlyTheBytesInserted() throws {
        var cache = ActionPlanCache(limit: 40)
        defer { cache.free() }
        let plan = Authorizer(identity: []).plan(forAction: "a:b")
        func withBytes<R>(_ s: String, _ body: (UnsafePointer<UInt8>, Int, UInt64) -> R) -> R {
            let b = Array(s.utf8) + [0]  // a real address even for ""
            return b.withUnsafeBufferPointer { p in body(p.baseAddress!, s.utf8.count, ActionPlanCache.hash(p.baseAddress!, s.utf8.count)) }
        }
        // Inline keys of every length up to 32 bytes and beyond (the dictionary), enough to grow the table.
        let long = String(repeating: "x", count: 40)
        var keys = ["", "a:b", "a:c", "a:bb", String(repeating: "a", count: 32), long]
        for i in 0..<30 { keys.append("s:" + String(repeating: "k", count: i)) }
        for key in keys { withBytes(key) { cache.insert($0, $1, hash: $2, string: key, plan: plan) } }
        #expect(cache.count == keys.count)
        // Inline keys by their bytes, longer ones through the dictionary (as the evaluator looks them up).
        func found(_ key: String) -> Bool {
            if key.utf8.count > ActionPlanCache.inlineBytes { return cache.findLong(key) != nil }
            return withBytes(key) { cache.find($0, $1, hash: $2)?.pointee.plan } != nil
        }
        for key in keys { #expect(found(key), "\(key)") }
        for key in ["a:d", "a:", "a:bbb", "a:b\u{0}", String(repeating: "a", count: 31), String(repeating: "a", count: 33), long + "x", "s:kk "] {
            #expect(!found(key), "\(key)")
        }
        // Full: more keys are not remembered (and nothing breaks).
        for key in ["y:1", "y:2", "y:3", "y:4", "y:5"] { withBytes(key) { cache.insert($0, $1, hash: $2, string: key, plan: plan) } }
        #expect(cache.count == 40)
    }

    @Test(arguments: [
        ("NumericLessThan", ["10", "2.5e1", "-3"], ["9", "10", "24.9", "25", "-4", "abc", "1e400", "", "0x10"]),
        ("NumericEquals", ["10"], ["10", "10.0", "1e1", "11", "true"]),
        ("DateGreaterThanEquals", ["2026-01-01T00:00:00Z"], ["2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "2026-01-01T08:00:00+08:00", "2026-06-01T00:00:00+01:00", "yesterday"]),
        ("Bool", ["true"], ["true", "TRUE", "false", "1", ""]),
        ("Bool", ["false"], ["true", "False", "no"]),
        ("IpAddress", ["10.0.0.0/8", "2001:db8::/32", "192.168.*.*"], ["10.1.2.3", "11.0.0.1", "2001:db8::1", "2001:db9::1", "192.168.4.5", "192.169.0.1", "not-an-ip", "::ffff:10.0.0.1"]),
        ("NotIpAddress", ["203.0.113.0/24"], ["203.0.113.9", "203.0.114.9", "x"]),
        ("StringEqualsIgnoreCase", ["Team-A"], ["team-a", "TEAM-A", "team-b"]),
        ("StringLike", ["team-*"], ["team-x", "Team-x", "other"]),
    ])
    func plainValuePathMatchesTheEnumPath(op: String, policyValues: [String], requestValues: [String]) throws {
        let condition = Condition(op: try #require(ConditionOperator(name: op)), operatorSpan: SourceSpan(start: .start, end: .start),
                                  key: Located("acs:Key", span: SourceSpan(start: .start, end: .start), path: .root),
                                  values: policyValues.map { Located($0, span: SourceSpan(start: .start, end: .start), path: .root) },
                                  path: .root)
        let compiled = CompiledCondition(condition, interner: ConditionInterner())
        for text in requestValues {
            let value = ContextValue(text)
            let fast = withUnsafePointer(to: value) { compiled.positiveMatch(at: $0) }
            #expect(fast == compiled.positiveMatch(value), "\(op) \(policyValues) vs \(text)")
        }
        // Several request values (OR, or NOR when negated), and none (absent key).
        let all = requestValues.map(ContextValue.init)
        var any = false
        for v in all where compiled.positiveMatch(v) { any = true }
        #expect(compiled.evaluate(all) == (compiled.negated ? !any : any))
        #expect(compiled.evaluate(nil) == (compiled.ifExists || compiled.negated))
        #expect(compiled.evaluate([]) == (compiled.ifExists || compiled.negated))
    }
}
