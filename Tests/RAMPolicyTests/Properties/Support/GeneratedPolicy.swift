/// The random policies and requests the property tests run on, as plain values.
///
/// A generated policy is kept as this model (not as text) so that the reference evaluator can judge
/// it without going through ramguard's parser and validator, and so that it can be written out as
/// JSON in several styles.

struct GenConditionEntry: Hashable {
    var key: String
    var values: [String]
    /// A single value may be written bare or as a one-element array (both mean the same).
    var asArray: Bool
}

struct GenOperator: Hashable {
    /// The operator as written, e.g. `StringNotLikeIfExists`.
    var name: String
    var entries: [GenConditionEntry]
}

struct GenStatement: Hashable {
    var sid: String?
    var effect: String
    var notAction: Bool
    var actions: [String]
    var actionsAsArray: Bool
    var resources: [String]
    var resourcesAsArray: Bool
    var conditions: [GenOperator]
}

struct GenPolicy: Hashable {
    var name: String
    var statements: [GenStatement]
}

struct GenRequest: Hashable, CustomStringConvertible {
    var action: String
    var resource: String
    var context: [GenContextEntry]

    var description: String {
        let ctx = context.map { "\($0.key)=\($0.values)" }.joined(separator: ", ")
        return "action=\(action) resource=\(resource) context=[\(ctx)]"
    }
}

struct GenContextEntry: Hashable {
    var key: String
    var values: [String]
}

/// Random policies, statements and requests drawn from small vocabularies chosen so that actions,
/// resources and conditions match often enough for every decision to come up.
enum PolicyGenerator {
    // MARK: Vocabulary

    /// Actions requests ask for (`vod:*` ones are All-Resources actions, evaluated on `*`).
    static let requestActions = [
        "vod:SubmitWorkflowJob", "vod:GetVideoInfo", "vod:DeleteVideo", "vod:SubmitTranscodeJobs", "vod:GetPlayInfo",
        "ram:CreateUser", "ecs:DescribeInstances", "ecs:StartInstance", "oss:GetObject", "oss:PutObject",
        "VOD:submitWorkflowJob", "Ecs:describeInstances",
    ]

    /// Action patterns statements use: exact names, case variants, `vod:*`, `*:X`, infix and `?` wildcards.
    static let actionPatterns = [
        "vod:SubmitWorkflowJob", "vod:GetVideoInfo", "vod:DeleteVideo", "ecs:DescribeInstances", "oss:GetObject",
        "ram:CreateUser", "VOD:SUBMITWORKFLOWJOB", "oss:putobject",
        "vod:*", "*:SubmitWorkflowJob", "*:GetVideoInfo", "*", "vod:Get*", "vod:Submit*", "vod:*Video*",
        "vod:Get?ideoInfo", "*:Get*", "ecs:*", "oss:*Object", "?cs:Describe*", "ram:*", "vod:Delete*",
    ]

    static let requestResources = [
        "*", "acs:ecs:cn-hangzhou:1234567890123456:instance/i-abc", "acs:ecs:cn-shanghai:1234567890123456:instance/i-xyz9",
        "ACS:ECS:cn-hangzhou:1234567890123456:instance/i-abc", "acs:oss:cn-beijing:1234567890123456:mybucket/dir1/object1.jpg",
        "acs:oss::1234567890123456:otherbucket/x", "acs:ram::1234567890123456:user/alice",
        "acs:ecs:cn-hangzhou:1234567890123456:instance/I-ABC", "acs:vod:cn-shanghai:1234567890123456:*",
    ]

    static let resourcePatterns = [
        "*", "*", "acs:ecs:*:*:*", "acs:ecs:cn-hangzhou:*:instance/*", "acs:ecs:*:1234567890123456:instance/i-???",
        "acs:oss:*:*:mybucket/*", "acs:vod:*:*:*", "ACS:ECS:*:*:instance/i-abc", "acs:*:*:*:*",
        "acs:ecs:cn-hangzhou:1234567890123456:instance/I-ABC", "**", "?", "acs:oss:*:*:mybucket/dir?/*",
        "acs:ram::1234567890123456:user/*",
    ]

    struct Family {
        var operators: [String]
        var keys: [String]
        var policyValues: [String]
        var requestValues: [String]
        var maxValues: Int
    }

    static let families: [Family] = [
        Family(
            operators: ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                        "StringLike", "StringNotLike"],
            keys: ["acs:SourceVpc", "acs:PrincipalARN", "acs:RequestTag/team", "oss:Prefix", "ecs:tag/level"],
            policyValues: ["vpc-1", "VPC-1", "vpc-*", "vpc-?", "acs:ram:*:*:role/*", "acs:ram::123:role/CI", "team-a",
                           "Team-*", "*", "", "10", "团队"],
            requestValues: ["vpc-1", "VPC-1", "vpc-12", "vpc-2", "acs:ram::123:role/ci", "acs:ram::123:role/CI", "team-a",
                            "Team-A", "10", "团队", ""],
            maxValues: 3),
        Family(
            operators: ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
                        "NumericGreaterThan", "NumericGreaterThanEquals"],
            keys: ["oss:MaxKeys", "ecs:tag/level"],
            policyValues: ["10", "-5", "3.5", "1e2", "0", "100"],
            requestValues: ["10", "100", "3.5", "-5", "0", "1e2", "99.99", "abc", "1.0"],
            maxValues: 3),
        Family(
            operators: ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                        "DateGreaterThanEquals"],
            keys: ["acs:CurrentTime"],
            policyValues: ["2026-12-01T00:00:00+08:00", "2026-11-30T16:00:00Z", "2027-01-01T00:00:00Z", "2026-06-15T12:00:00Z"],
            requestValues: ["2026-11-30T16:00:00Z", "2026-12-01T00:00:00+08:00", "2026-11-30T15:59:59Z",
                            "2026-12-15T10:00:00+08:00", "2027-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "yesterday"],
            maxValues: 2),
        Family(
            operators: ["Bool"],
            keys: ["acs:SecureTransport", "acs:MFAPresent"],
            policyValues: ["true", "false", "TRUE", "False"],
            requestValues: ["true", "false", "True", "FALSE", "yes", "1"],
            maxValues: 1),
        Family(
            operators: ["IpAddress", "NotIpAddress"],
            keys: ["acs:SourceIp"],
            policyValues: ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "10.0.0.0/8", "203.0.113.*", "0.0.0.0/0",
                           "2001:db8:cafe::/48", "198.51.100.7/32", "2001:DB8:*"],
            requestValues: ["203.0.113.25", "198.51.100.7", "198.51.100.8", "2001:db8:1::5", "2001:db8:cafe::17",
                            "10.1.2.3", "192.0.2.44", "not-an-ip", "2001:DB8::1"],
            maxValues: 3),
    ]

    /// Every key a condition may test, with the values a request may carry for it.
    static let contextKeys: [(key: String, values: [String])] = {
        var out: [(String, [String])] = []
        for f in families {
            for k in f.keys {
                if let i = out.firstIndex(where: { $0.0 == k }) {
                    out[i].1 += f.requestValues
                } else {
                    out.append((k, f.requestValues))
                }
            }
        }
        return out
    }()

    // MARK: Generation

    static func policy(_ g: inout SplitMix64, name: String, statements range: ClosedRange<Int> = 1...8) -> GenPolicy {
        GenPolicy(name: name, statements: (0..<g.int(range)).map { _ in statement(&g) })
    }

    /// One to three policy files attached to the same identity (or layer).
    static func policySet(_ g: inout SplitMix64, prefix: String, files: ClosedRange<Int> = 1...3,
                          statements: ClosedRange<Int> = 1...8) -> [GenPolicy] {
        (0..<g.int(files)).map { policy(&g, name: "\(prefix)-\($0).json", statements: statements) }
    }

    static func statement(_ g: inout SplitMix64, effect: String? = nil) -> GenStatement {
        let actions = g.distinct(actionPatterns, count: g.chance(0.6) ? 1 : g.int(2...3))
        let resources = g.distinct(resourcePatterns, count: g.chance(0.7) ? 1 : 2)
        var conditions: [GenOperator] = []
        if g.chance(0.55) {
            var used = Set<String>()
            for _ in 0..<g.int(1...3) {
                let family = g.pick(families)
                var name = g.pick(family.operators)
                if g.chance(0.25) { name += "IfExists" }
                guard used.insert(name).inserted else { continue }
                let keys = g.distinct(family.keys, count: g.chance(0.8) ? 1 : 2)
                let entries = keys.map { key -> GenConditionEntry in
                    let values = g.distinct(family.policyValues, count: g.int(1...family.maxValues))
                    return GenConditionEntry(key: g.chance(0.15) ? caseVariant(key, &g) : key, values: values,
                                             asArray: values.count > 1 || g.chance(0.3))
                }
                conditions.append(GenOperator(name: name, entries: entries))
            }
        }
        return GenStatement(
            sid: g.chance(0.1) ? "S\(g.int(0...99))" : nil,
            effect: effect ?? (g.chance(0.35) ? "Deny" : "Allow"),
            notAction: g.chance(0.12),
            actions: actions, actionsAsArray: actions.count > 1 || g.chance(0.3),
            resources: resources, resourcesAsArray: resources.count > 1 || g.chance(0.3),
            conditions: conditions)
    }

    static func request(_ g: inout SplitMix64) -> GenRequest {
        var context: [GenContextEntry] = []
        for (key, values) in contextKeys where g.chance(0.5) {
            var vs = g.distinct(values, count: g.chance(0.8) ? 1 : 2)
            if g.chance(0.05) { vs.append("garbage") }
            context.append(GenContextEntry(key: g.chance(0.3) ? caseVariant(key, &g) : key, values: vs))
        }
        // Occasionally the same key twice with different case: RequestContext merges the values.
        if let first = context.first, g.chance(0.05) {
            context.append(GenContextEntry(key: first.key.uppercased(), values: [g.pick(contextKeys.first { $0.key.lowercased() == first.key.lowercased() }?.values ?? ["x"])]))
        }
        return GenRequest(action: g.pick(requestActions), resource: g.pick(requestResources), context: g.shuffled(context))
    }

    static func caseVariant(_ s: String, _ g: inout SplitMix64) -> String {
        switch g.int(0...2) {
        case 0: s.lowercased()
        case 1: s.uppercased()
        default: String(s.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
        }
    }
}
