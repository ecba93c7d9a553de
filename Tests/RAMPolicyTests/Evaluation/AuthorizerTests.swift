import RAMPolicy
import Testing

struct ActionMatchingTests {
    @Test(arguments: [
        ("\"vod:SubmitWorkflowJob\"", Decision.allow),
        ("\"vod:*\"", .allow),
        ("\"vod:Submit*\"", .allow),
        ("\"*:SubmitWorkflowJob\"", .allow),
        ("\"*\"", .allow),
        ("\"VOD:submitworkflowjob\"", .allow),
        ("[\"vod:Get*\", \"vod:List*\", \"vod:Search*\", \"vod:Describe*\"]", .implicitDeny),
        ("\"vod:SubmitWorkflowJobs\"", .implicitDeny),
        ("\"mts:SubmitWorkflowJob\"", .implicitDeny),
        ("\"vod:Submit?orkflowJob\"", .allow),
    ])
    func grants(action: String, expected: Decision) throws {
        #expect(try decide([statementPolicy(action: action)]) == expected)
    }

    @Test func notActionAllowsEverythingElse() throws {
        let p = #"{"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"}]}"#
        #expect(try decide([p]) == .allow)
        #expect(try decide([p], request("ram:CreateUser")) == .implicitDeny)
        let excludesVod = #"{"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": ["vod:*"], "Resource": "*"}]}"#
        #expect(try decide([excludesVod]) == .implicitDeny)
    }

    @Test func denyNotActionDeniesEverythingExceptTheList() throws {
        let allowAll = statementPolicy(action: "\"*\"")
        let deny = #"{"Version": "1", "Statement": [{"Effect": "Deny", "NotAction": "vod:Get*", "Resource": "*"}]}"#
        #expect(try decide([allowAll, deny]) == .explicitDeny)
        #expect(try decide([allowAll, deny], request("vod:GetPlayInfo")) == .allow)
    }

    @Test func explicitDenyOverridesAllow() throws {
        let e = Authorizer(identity: [
            try makePolicy(statementPolicy(action: "\"vod:*\""), name: "full.json"),
            try makePolicy(statementPolicy(effect: "Deny"), name: "deny.json"),
        ]).evaluate(request())
        #expect(e.decision == .explicitDeny)
        #expect(e.deniedBy == .identity)
        #expect(e.deciding.map(\.file) == ["deny.json"])
        #expect(e.deciding.first?.statement.effect == .deny)
    }

    @Test func allowListsEveryAllowingStatement() throws {
        let e = Authorizer(identity: [
            try makePolicy(statementPolicy(action: "\"vod:*\""), name: "a.json"),
            try makePolicy(statementPolicy(action: "\"vod:Get*\""), name: "b.json"),
            try makePolicy(statementPolicy(action: "\"*\""), name: "c.json"),
        ]).evaluate(request())
        #expect(e.decision == .allow)
        #expect(Set(e.deciding.map(\.file)) == ["a.json", "c.json"])
    }
}

struct ResourceMatchingTests {
    @Test func allResourcesActionsEvaluateStar() throws {
        let arn = statementPolicy(resource: #""acs:vod:*:*:*""#)
        let e = Authorizer(identity: [try makePolicy(arn)]).evaluate(request())
        #expect(e.decision == .implicitDeny)
        #expect(e.evaluatedResource == "*")
        #expect(e.assumptions.map(\.kind.id).contains("U1"))
        #expect(e.layers.first?.traces.first?.outcome == .resourceMismatch)
        // A caller naming a resource for a VOD action still gets "*" evaluated.
        let star = Authorizer(identity: [try makePolicy(statementPolicy())]).evaluate(request(resource: "acs:vod:cn-shanghai:123:workflow/x"))
        #expect(star.decision == .allow)
        #expect(star.evaluatedResource == "*")
    }

    @Test func resourceLevelActionsMatchARNs() throws {
        let p = statementPolicy(action: "\"oss:GetObject\"", resource: #""acs:oss:*:*:mybucket/dir/*""#)
        #expect(try decide([p], request("oss:GetObject", resource: "acs:oss:cn-hangzhou:123:mybucket/dir/a.jpg")) == .allow)
        #expect(try decide([p], request("oss:GetObject", resource: "acs:oss:cn-hangzhou:123:otherbucket/a.jpg")) == .implicitDeny)
        // The service prefix is case-insensitive, the relative id is not.
        #expect(try decide([p], request("oss:GetObject", resource: "ACS:OSS:cn-hangzhou:123:mybucket/dir/a.jpg")) == .allow)
        #expect(try decide([p], request("oss:GetObject", resource: "acs:oss:cn-hangzhou:123:MyBucket/dir/a.jpg")) == .implicitDeny)
    }

    @Test func notResource() throws {
        let p = #"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "oss:*", "NotResource": "acs:oss:*:*:secret/*"}]}"#
        let a = Authorizer(identity: [try makePolicy(p)])
        #expect(a.evaluate(request("oss:GetObject", resource: "acs:oss:r:1:public/x")).decision == .allow)
        let e = a.evaluate(request("oss:GetObject", resource: "acs:oss:r:1:secret/x"))
        #expect(e.decision == .implicitDeny)
        #expect(a.evaluate(request("oss:GetObject", resource: "acs:oss:r:1:public/x")).assumptions.map(\.kind.id).contains("U7"))
    }
}

struct ConditionTests {
    func decision(_ condition: String, _ context: [(String, [String])]) throws -> Decision {
        try decide([statementPolicy(condition: condition)], request(context))
    }

    @Test func stringOperators() throws {
        #expect(try decision(#"{"StringEquals": {"acs:SourceVpc": "vpc-A"}}"#, [("acs:SourceVpc", ["vpc-A"])]) == .allow)
        #expect(try decision(#"{"StringEquals": {"acs:SourceVpc": "vpc-A"}}"#, [("acs:SourceVpc", ["vpc-a"])]) == .implicitDeny)
        #expect(try decision(#"{"StringEqualsIgnoreCase": {"acs:SourceVpc": "vpc-A"}}"#, [("acs:SourceVpc", ["VPC-a"])]) == .allow)
        #expect(try decision(#"{"StringNotEquals": {"acs:SourceVpc": ["vpc-A", "vpc-B"]}}"#, [("acs:SourceVpc", ["vpc-C"])]) == .allow)
        #expect(try decision(#"{"StringNotEquals": {"acs:SourceVpc": ["vpc-A", "vpc-B"]}}"#, [("acs:SourceVpc", ["vpc-B"])]) == .implicitDeny)
        #expect(try decision(#"{"StringNotEqualsIgnoreCase": {"acs:SourceVpc": "vpc-A"}}"#, [("acs:SourceVpc", ["VPC-A"])]) == .implicitDeny)
        #expect(try decision(#"{"StringLike": {"acs:PrincipalARN": "acs:ram:*:*:role/ci-*"}}"#, [("acs:PrincipalARN", ["acs:ram::1:role/ci-runner"])]) == .allow)
        #expect(try decision(#"{"StringLike": {"acs:PrincipalARN": "acs:ram:*:*:role/ci-*"}}"#, [("acs:PrincipalARN", ["acs:ram::1:role/CI-runner"])]) == .implicitDeny)
        #expect(try decision(#"{"StringNotLike": {"acs:PrincipalARN": "*role/admin*"}}"#, [("acs:PrincipalARN", ["acs:ram::1:role/admin-1"])]) == .implicitDeny)
        // Equals treats * literally.
        #expect(try decision(#"{"StringEquals": {"acs:SourceVpc": "vpc-*"}}"#, [("acs:SourceVpc", ["vpc-A"])]) == .implicitDeny)
    }

    @Test func numericOperators() throws {
        let cases: [(String, String, Decision)] = [
            ("NumericEquals", "10", .allow), ("NumericEquals", "10.0", .allow), ("NumericEquals", "11", .implicitDeny),
            ("NumericNotEquals", "11", .allow), ("NumericLessThan", "9", .allow), ("NumericLessThan", "10", .implicitDeny),
            ("NumericLessThanEquals", "10", .allow), ("NumericGreaterThan", "10", .implicitDeny),
            ("NumericGreaterThanEquals", "10", .allow), ("NumericGreaterThan", "1e3", .allow), ("NumericEquals", "ten", .implicitDeny),
        ]
        for (op, value, expected) in cases {
            #expect(try decision("{\"\(op)\": {\"oss:MaxKeys\": \"10\"}}", [("oss:MaxKeys", [value])]) == expected, "\(op) \(value)")
        }
    }

    @Test func dateOperatorsCompareInstants() throws {
        let window = #"{"DateGreaterThan": {"acs:CurrentTime": "2026-01-01T00:00:00+08:00"}, "DateLessThan": {"acs:CurrentTime": "2026-01-02T00:00:00+08:00"}}"#
        #expect(try decision(window, [("acs:CurrentTime", ["2026-01-01T12:00:00Z"])]) == .allow)
        #expect(try decision(window, [("acs:CurrentTime", ["2025-12-31T15:00:00Z"])]) == .implicitDeny)  // = 23:00 +08:00
        #expect(try decision(window, [("acs:CurrentTime", ["2025-12-31T16:00:01Z"])]) == .allow)
        #expect(try decision(#"{"DateEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#, [("acs:CurrentTime", ["2026-01-01T08:00:00+08:00"])]) == .allow)
        #expect(try decision(#"{"DateNotEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#, [("acs:CurrentTime", ["2026-01-01T08:00:00+08:00"])]) == .implicitDeny)
        #expect(try decision(#"{"DateLessThanEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#, [("acs:CurrentTime", ["2026-01-01T00:00:00Z"])]) == .allow)
        #expect(try decision(#"{"DateGreaterThanEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}"#, [("acs:CurrentTime", ["2025-01-01T00:00:00Z"])]) == .implicitDeny)
    }

    @Test func boolOperator() throws {
        #expect(try decision(#"{"Bool": {"acs:SecureTransport": "true"}}"#, [("acs:SecureTransport", ["true"])]) == .allow)
        #expect(try decision(#"{"Bool": {"acs:SecureTransport": "true"}}"#, [("acs:SecureTransport", ["TRUE"])]) == .allow)
        #expect(try decision(#"{"Bool": {"acs:SecureTransport": "true"}}"#, [("acs:SecureTransport", ["false"])]) == .implicitDeny)
        #expect(try decision(#"{"Bool": {"acs:MFAPresent": "false"}}"#, [("acs:MFAPresent", ["false"])]) == .allow)
    }

    @Test func ipOperators() throws {
        let c = #"{"IpAddress": {"acs:SourceIp": ["192.168.0.0/16", "172.16.215.218", "2001:db8::/32"]}}"#
        #expect(try decision(c, [("acs:SourceIp", ["192.168.7.1"])]) == .allow)
        #expect(try decision(c, [("acs:SourceIp", ["172.16.215.218"])]) == .allow)
        #expect(try decision(c, [("acs:SourceIp", ["2001:db8::7"])]) == .allow)
        #expect(try decision(c, [("acs:SourceIp", ["203.0.113.1"])]) == .implicitDeny)
        let n = #"{"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8", "fd00::/8"]}}"#
        #expect(try decision(n, [("acs:SourceIp", ["203.0.113.1"])]) == .allow)
        #expect(try decision(n, [("acs:SourceIp", ["10.1.1.1"])]) == .implicitDeny)
        #expect(try decision(n, [("acs:SourceIp", ["fd12::1"])]) == .implicitDeny)
        let w = #"{"IpAddress": {"acs:SourceIp": "10.1.*.*"}}"#
        #expect(try decision(w, [("acs:SourceIp", ["10.1.20.3"])]) == .allow)
        #expect(try decision(w, [("acs:SourceIp", ["10.2.20.3"])]) == .implicitDeny)
    }

    @Test func andOverKeysAndOperatorsOrOverValues() throws {
        let c = #"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}, "Bool": {"acs:SecureTransport": "true", "acs:MFAPresent": "true"}}"#
        let all: [(String, [String])] = [("acs:SourceIp", ["192.168.1.1"]), ("acs:SecureTransport", ["true"]), ("acs:MFAPresent", ["true"])]
        #expect(try decision(c, all) == .allow)
        #expect(try decision(c, [all[0], all[1], ("acs:MFAPresent", ["false"])]) == .implicitDeny)
        #expect(try decision(c, [("acs:SourceIp", ["8.8.8.8"]), all[1], all[2]]) == .implicitDeny)
    }

    @Test func missingKeys() throws {
        // Non-negated: false. Negated: true (U2). IfExists: true.
        let a = Authorizer(identity: [try makePolicy(statementPolicy(condition: #"{"StringNotEquals": {"acs:SourceVpc": "vpc-bad"}}"#))])
        let e = a.evaluate(request())
        #expect(e.decision == .allow)
        #expect(e.missingKeys == ["acs:SourceVpc"])
        #expect(e.assumptions.map(\.kind.id) == ["U2"])
        #expect(try decision(#"{"StringEquals": {"acs:SourceVpc": "vpc-1"}}"#, []) == .implicitDeny)
        #expect(try decision(#"{"IpAddressIfExists": {"acs:SourceIp": "10.0.0.0/8"}}"#, []) == .allow)
        #expect(try decision(#"{"IpAddressIfExists": {"acs:SourceIp": "10.0.0.0/8"}}"#, [("acs:SourceIp", ["11.0.0.1"])]) == .implicitDeny)
        let ifExists = Authorizer(identity: [try makePolicy(statementPolicy(condition: #"{"StringEqualsIfExists": {"acs:SourceVpc": "v"}}"#))]).evaluate(request())
        #expect(ifExists.assumptions.map(\.kind.id) == ["U4"])
    }

    @Test func conditionKeysAreCaseInsensitive() throws {
        let e = Authorizer(identity: [try makePolicy(statementPolicy(condition: #"{"StringLike": {"acs:PrincipalArn": "*role/ci"}}"#))])
            .evaluate(request([("acs:PrincipalARN", ["acs:ram::1:role/ci"])]))
        #expect(e.decision == .allow)
        #expect(e.assumptions.map(\.kind.id) == ["U15"])
    }

    @Test func multiValuedRequestKeys() throws {
        let c = #"{"StringEquals": {"acs:RequestTag/env": "prod"}}"#
        #expect(try decision(c, [("acs:RequestTag/env", ["dev", "prod"])]) == .allow)
        let n = #"{"StringNotEquals": {"acs:RequestTag/env": "prod"}}"#
        #expect(try decision(n, [("acs:RequestTag/env", ["dev", "prod"])]) == .implicitDeny)
        #expect(try decision(n, [("acs:RequestTag/env", ["dev", "test"])]) == .allow)
    }

    @Test func conditionFailureIsTraced() throws {
        let e = Authorizer(identity: [try makePolicy(statementPolicy(condition: #"{"Bool": {"acs:SecureTransport": "true"}, "IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#))])
            .evaluate(request([("acs:SecureTransport", ["true"]), ("acs:SourceIp", ["8.8.8.8"])]))
        #expect(e.layers.first?.traces.first?.outcome == .conditionFailed(1))
    }
}

struct LayerTests {
    let full = statementPolicy(action: "\"vod:*\"")

    @Test func sessionPolicyCutsAccess() throws {
        let a = Authorizer(identity: [try makePolicy(full)], session: [try makePolicy(statementPolicy(action: "\"vod:Get*\""), kind: .session)])
        let e = a.evaluate(request())
        #expect(e.decision == .implicitDeny)
        #expect(e.deniedBy == .session)
        #expect(e.layers.map(\.layer) == [.session, .identity])
        #expect(e.layers[1].decision == nil)
        #expect(a.evaluate(request("vod:GetPlayInfo")).decision == .allow)
    }

    @Test func sessionPolicyCannotAddRights() throws {
        let a = Authorizer(identity: [try makePolicy(statementPolicy(action: "\"vod:Get*\""))],
                           session: [try makePolicy(full, kind: .session)])
        let e = a.evaluate(request())
        #expect(e.decision == .implicitDeny)
        #expect(e.deniedBy == .identity)
    }

    @Test func controlPoliciesBoundTheAccount() throws {
        let fullAccess = try makePolicy(statementPolicy(action: "\"*\""), kind: .control, name: "FullAliyunAccess.json")
        let denySubmit = try makePolicy(statementPolicy(effect: "Deny"), kind: .control, name: "deny.json")
        let a = Authorizer(identity: [try makePolicy(full)], control: [fullAccess, denySubmit])
        let e = a.evaluate(request())
        #expect(e.decision == .explicitDeny)
        #expect(e.deniedBy == .control)
        #expect(e.deciding.map(\.file) == ["deny.json"])
        // Without FullAliyunAccess, a deny-only control policy allows nothing: control policies grant nothing.
        let b = Authorizer(identity: [try makePolicy(full)], control: [denySubmit])
        #expect(b.evaluate(request("vod:GetPlayInfo")).decision == .implicitDeny)
        #expect(Authorizer(identity: [try makePolicy(full)], control: [fullAccess]).evaluate(request()).decision == .allow)
    }

    @Test func allowListsStatementsOfEveryLayer() throws {
        let a = Authorizer(identity: [try makePolicy(full, name: "id.json")],
                           session: [try makePolicy(full, kind: .session, name: "s.json")],
                           control: [try makePolicy(full, kind: .control, name: "c.json")])
        let e = a.evaluate(request())
        #expect(e.decision == .allow)
        #expect(e.deciding.map(\.layer) == [.control, .session, .identity])
    }

    @Test func trustPolicyForAssumeRole() throws {
        let trust = try makePolicy("""
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
              "Principal": {"RAM": ["acs:ram::1111:root"], "Service": ["ecs.aliyuncs.com"]}}]}
            """, kind: .trust)
        let caller = try makePolicy(statementPolicy(action: "\"sts:AssumeRole\"", resource: "\"acs:ram:*:*:role/x\""))
        let a = Authorizer(identity: [caller], trust: [trust])
        func r(_ principal: String) -> Request {
            Request(action: "sts:AssumeRole", resource: "acs:ram::1111:role/x", principal: PrincipalRef(parsing: principal))
        }
        #expect(a.evaluate(r("acs:ram::1111:user/alice")).decision == .allow)
        #expect(a.evaluate(r("ecs.aliyuncs.com")).decision == .allow)
        let other = a.evaluate(r("acs:ram::2222:user/mallory"))
        #expect(other.decision == .implicitDeny)
        #expect(other.deniedBy == .trust)
        #expect(Authorizer(identity: [try makePolicy(full)], trust: [trust]).evaluate(r("acs:ram::1111:user/alice")).deniedBy == .identity)
    }
}

struct EvaluatorTests {
    @Test func cachedAndUncachedPathsAgree() throws {
        let policies = [
            try makePolicy(statementPolicy(action: "[\"vod:Get*\", \"vod:SubmitWorkflowJob\"]", condition: #"{"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#)),
            try makePolicy(statementPolicy(effect: "Deny", action: "\"vod:Delete*\"")),
            try makePolicy(#"{"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": "vod:*", "Resource": "*"}]}"#),
        ]
        let a = Authorizer(identity: policies)
        let evaluator = Evaluator(a)
        for action in ["vod:SubmitWorkflowJob", "vod:GetPlayInfo", "vod:DeleteVideo", "ecs:RunInstances", "VOD:getplayinfo"] {
            for ip in ["10.1.1.1", "8.8.8.8"] {
                let r = request(action, [("acs:SourceIp", [ip])])
                let full = a.evaluate(r)
                #expect(evaluator.decide(r) == full.decision, "\(action) \(ip)")
                #expect(evaluator.evaluate(r) == full)
                let quick = evaluator.decideWithProof(r)
                #expect(quick.decision == full.decision)
                #expect(quick.deniedBy == full.deniedBy)
                if full.decision != .implicitDeny {
                    let proven = quick.proof.compactMap { a.match(for: $0) }
                    #expect(!proven.isEmpty)
                    #expect(proven.allSatisfy { full.deciding.contains($0) })
                }
            }
        }
    }
}
