import RAMPolicy

/// SplitMix64: a tiny deterministic generator so every run measures the same corpus.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates RAM policies with 1–30 statements: exact and wildcard actions (also in the service code),
/// Deny and NotAction statements, and conditions of every operator family.
struct CorpusGenerator {
    var rng: SplitMix64

    static let vodActions = [
        "SubmitWorkflowJob", "GetPlayInfo", "GetVideoInfo", "GetVideoPlayAuth", "CreateUploadVideo", "RefreshUploadVideo",
        "DeleteVideo", "ListWatermark", "SearchMedia", "SubmitTranscodeJobs", "SubmitSnapshotJob", "UpdateVideoInfo",
        "AddCategory", "DeleteStream", "RegisterMedia", "GetCategories", "ListVodTemplate", "SetMessageCallback",
        "DescribePlayTopVideos", "SubmitPreprocessJobs", "GetMezzanineInfo", "ListAITemplate", "AddWatermark", "DeleteImage",
    ]
    static let services = ["vod", "oss", "ecs", "rds", "mts", "ram", "sts", "kms", "slb", "cdn"]

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }

    /// The service a policy is mostly about; real custom policies cover one or two services each.
    var primary = "vod"
    /// Lists each action at most once per statement, as people write policies (the lint tree of issue #4;
    /// the evaluator corpus keeps the duplicates, which the engine must handle too).
    var distinctActions = false

    mutating func actionList(_ count: Int) -> String {
        var seen = Set<String>()
        var out: [String] = []
        for _ in 0..<count {
            let a = action()
            if distinctActions, !seen.insert(a.lowercased()).inserted { continue }
            out.append("\"\(a)\"")
        }
        return out.joined(separator: ", ")
    }

    static let serviceActions: [String: [String]] = [
        "oss": ["GetObject", "PutObject", "ListObjects", "DeleteObject", "GetBucketInfo"],
        "ecs": ["DescribeInstances", "StartInstance", "StopInstance", "RunInstances", "DeleteInstance"],
        "rds": ["DescribeDBInstances", "CreateDBInstance", "ModifyDBInstanceSpec"],
        "mts": ["SubmitJobs", "QueryJobList", "AddTemplate"],
        "ram": ["ListUsers", "GetUser", "CreateUser", "AttachPolicyToUser"],
        "sts": ["AssumeRole"],
        "kms": ["Decrypt", "Encrypt", "GenerateDataKey"],
        "slb": ["DescribeLoadBalancers", "CreateLoadBalancer"],
        "cdn": ["RefreshObjectCaches", "DescribeCdnDomainDetail"],
        "log": ["GetLogStoreLogs", "PostLogStoreLogs"],
        "cms": ["DescribeMetricList", "PutCustomMetric"],
        "vpc": ["DescribeVpcs", "CreateVpc"],
    ]

    mutating func action() -> String {
        let service = chance(70) ? primary : pick(Self.services)
        if service == "vod" {
            switch rng.next() % 12 {
            case 0: return "vod:*"
            case 1, 2: return "vod:\(pick(["Get", "List", "Submit", "Describe", "Search"]))*"
            case 3: return "*:\(pick(Self.vodActions))"
            case 4: return "vod:*\(pick(["Job", "Info", "Video"]))*"
            default: return "vod:\(pick(Self.vodActions))"
            }
        }
        let names = Self.serviceActions[service] ?? ["Describe*"]
        switch rng.next() % 8 {
        case 0: return "\(service):*"
        case 1: return "\(service):\(pick(["Get", "List", "Describe"]))*"
        default: return "\(service):\(pick(names))"
        }
    }

    mutating func condition() -> String {
        switch rng.next() % 6 {
        case 0:
            let cidrs = (0..<int(1...4)).map { _ in "\"\(int(1...223)).\(int(0...255)).0.0/\(pick([8, 16, 24]))\"" }
            return "\"\(pick(["IpAddress", "NotIpAddress"]))\": {\"acs:SourceIp\": [\(cidrs.joined(separator: ", ")), \"2001:db8::/32\"]}"
        case 1:
            return "\"Bool\": {\"acs:SecureTransport\": \"\(pick(["true", "false"]))\"}"
        case 2:
            return "\"DateLessThan\": {\"acs:CurrentTime\": \"20\(int(25...30))-0\(int(1...9))-1\(int(0...9))T0\(int(0...9)):00:00+08:00\"}"
        case 3:
            return "\"\(pick(["StringEquals", "StringLike", "StringNotEquals", "StringEqualsIgnoreCase"]))\": {\"acs:SourceVpc\": [\"vpc-\(int(100...999))*\", \"vpc-abc\"]}"
        case 4:
            return "\"NumericLessThanEquals\": {\"vod:MaxJobs\": \"\(int(1...100))\"}"
        default:
            return "\"Bool\": {\"acs:MFAPresent\": \"true\"}"
        }
    }

    /// Deny statements are guard rails: mostly destructive actions, or anything under a condition.
    mutating func denyStatement() -> String {
        // Organisations reuse the same guard rails (one corporate CIDR list, one expiry) across policies.
        let guardCondition = pick([
            "\"Bool\": {\"acs:SecureTransport\": \"false\"}",
            "\"NotIpAddress\": {\"acs:SourceIp\": [\"10.0.0.0/8\", \"192.168.0.0/16\", \"203.0.113.0/24\", \"2001:db8::/32\"]}",
            "\"DateGreaterThan\": {\"acs:CurrentTime\": \"2027-07-01T00:00:00Z\"}",
            "\"Bool\": {\"acs:MFAPresent\": \"false\"}",
        ])
        var s = "    {\n      \"Effect\": \"Deny\",\n"
        switch rng.next() % 10 {
        case 0...3:
            // Unconditional: destructive actions of the policy's service.
            s += "      \"Action\": [\"\(primary):Delete*\"],\n      \"Resource\": \"*\""
        case 4:
            // "Everything but reads" outside the corporate network.
            s += "      \"NotAction\": [\"\(primary):Get*\", \"\(primary):List*\"],\n      \"Resource\": \"*\",\n      \"Condition\": {\(guardCondition)}"
        default:
            let actions = actionList(int(1...3))
            s += "      \"Action\": [\(actions)],\n      \"Resource\": \"*\",\n      \"Condition\": {\(guardCondition)}"
        }
        return s + "\n    }"
    }

    mutating func statement() -> String {
        if chance(20) { return denyStatement() }
        let actions = actionList(int(1...6))
        let element = chance(5) ? "NotAction" : "Action"
        let resource: String
        if actions.contains("\"oss:") && chance(70) {
            resource = "[\"acs:oss:*:*:bucket-\(int(1...50))/*\", \"acs:oss:*:*:bucket-\(int(1...50))\"]"
        } else if actions.contains("\"ecs:") && chance(50) {
            resource = "\"acs:ecs:*:*:instance/*\""
        } else {
            resource = "\"*\""
        }
        var s = "    {\n      \"Effect\": \"Allow\",\n      \"\(element)\": [\(actions)],\n      \"Resource\": \(resource)"
        if chance(60) {
            let conditions = (0..<int(1...3)).map { _ in condition() }
            // One operator per block (keys must be unique).
            var seen = Set<String>()
            let unique = conditions.filter { seen.insert(String($0.prefix(while: { $0 != ":" }))).inserted }
            s += ",\n      \"Condition\": {\(unique.joined(separator: ", "))}"
        }
        return s + "\n    }"
    }

    /// A policy with `count` statements (1–30 when nil), stopping early at `limit` characters.
    mutating func policy(statements count: Int? = nil, limit: Int = 6_144) -> String {
        let n = count ?? int(1...30)
        primary = chance(35) ? "vod" : pick(Array(Self.serviceActions.keys).sorted())
        var statements: [String] = []
        func render(_ s: [String]) -> String {
            "{\n  \"Version\": \"1\",\n  \"Statement\": [\n" + s.joined(separator: ",\n") + "\n  ]\n}\n"
        }
        while statements.count < n {
            let next = statement()
            if render(statements + [next]).unicodeScalars.count > limit { break }
            statements.append(next)
        }
        return render(statements.isEmpty ? [statement()] : statements)
    }

    /// A policy grown statement by statement up to just under `limit` characters.
    mutating func policy(nearLimit limit: Int) -> String {
        policy(statements: 1_000, limit: limit)
    }

    mutating func context() -> [(String, [String])] {
        let ip = chance(60) ? "10.\(int(0...255)).\(int(0...255)).\(int(1...254))" : "\(int(1...223)).\(int(0...255)).\(int(0...255)).\(int(1...254))"
        var c: [(String, [String])] = [
            ("acs:SourceIp", [ip]),
            ("acs:SecureTransport", [pick(["true", "true", "true", "false"])]),
            ("acs:CurrentTime", ["2026-\(int(10...12))-1\(int(0...9))T1\(int(0...9)):00:00Z"]),
        ]
        if chance(50) { c.append(("acs:MFAPresent", [pick(["true", "true", "false"])])) }
        if chance(30) { c.append(("acs:SourceVpc", ["vpc-\(int(100...999))x"])) }
        return c
    }

    mutating func request() -> Request {
        let action = chance(50) ? "vod:SubmitWorkflowJob" : "vod:\(pick(Self.vodActions))"
        return Request(action: action, resource: "*", context: RequestContext(context()))
    }

    mutating func requestLine() -> String {
        let r = request()
        let ctx = r.context.entries.map { e in "\"\(e.key)\": \"\(e.values[0])\"" }.joined(separator: ", ")
        return "{\"action\": \"\(r.action)\", \"resource\": \"*\", \"context\": {\(ctx)}}"
    }
}
