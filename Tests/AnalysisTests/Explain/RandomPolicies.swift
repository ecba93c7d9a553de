import Analysis
import RAMPolicy
import Testing

/// Random policy sets and request contexts from small pools, for the property tests: 1–4 statements
/// of random effect over a few actions (with NotAction), 0–3 conditions drawn from every operator
/// family (with IfExists), values that sit on and around the boundaries.
enum RandomPolicies {
    /// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
        mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    }

    struct Family {
        var key: String
        var operators: [String]
        var policyValues: [String]
        var requestValues: [String]
        var singleValue = false
    }

    static let families: [Family] = [
        Family(key: "acs:SourceVpc",
               operators: ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"],
               policyValues: ["vpc-a", "vpc-b", "VPC-A", "vpc-*", "vpc-?", "*-a"],
               requestValues: ["vpc-a", "vpc-b", "VPC-A", "Vpc-B", "vpc-ab", "x-a", "vpc-*", "vpc-", ""]),
        Family(key: "svc:Count",
               operators: ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"],
               policyValues: ["1", "3", "5", "5.5"],
               requestValues: ["0", "1", "1.0", "2", "3", "4.9", "5", "5.5", "6", "-1", "abc"]),
        Family(key: "acs:CurrentTime",
               operators: ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"],
               policyValues: ["2026-01-01T00:00:00Z", "2026-06-01T08:00:00+08:00", "2027-01-01T00:00:00Z"],
               requestValues: ["2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-01-01T08:00:00+08:00", "2026-03-01T00:00:00Z",
                               "2026-06-01T00:00:00Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00Z", "2030-01-01T00:00:00Z", "soon"]),
        Family(key: "acs:SecureTransport", operators: ["Bool"], policyValues: ["true", "false"],
               requestValues: ["true", "false", "TRUE", "maybe"], singleValue: true),
        Family(key: "acs:SourceIp", operators: ["IpAddress", "NotIpAddress"],
               policyValues: ["10.0.0.0/8", "10.1.0.0/16", "192.168.1.7", "2001:db8::/32", "::1"],
               requestValues: ["10.0.0.1", "10.1.2.3", "192.168.1.7", "192.168.1.8", "2001:db8::5", "2001:db9::", "::1", "::2",
                               "8.8.8.8", "::ffff:10.0.0.1", "nope"]),
    ]

    static let actions = [#""vod:SubmitWorkflowJob""#, #""vod:*""#, #""vod:Get*""#, #""*""#, #"["vod:Submit*", "vod:GetVideoInfo"]"#]

    static func statement(_ rng: inout SplitMix64, effect forced: String? = nil) -> String {
        let random = rng.chance(30) ? "Deny" : "Allow"
        let effect = forced ?? random
        let action = rng.chance(10) ? #""NotAction": ["vod:Get*"]"# : #""Action": \#(rng.pick(Self.actions))"#
        var blocks: [String: [String: [String]]] = [:]
        for _ in 0..<rng.int(4) {
            let f = rng.pick(Self.families)
            var op = rng.pick(f.operators)
            if rng.chance(20) { op += "IfExists" }
            guard blocks[op]?[f.key] == nil else { continue }
            var values = [rng.pick(f.policyValues)]
            if !f.singleValue, rng.chance(35) {
                let v = rng.pick(f.policyValues)
                if !values.contains(v) { values.append(v) }
            }
            blocks[op, default: [:]][f.key] = values
        }
        var text = #"{"Effect": "\#(effect)", \#(action), "Resource": "*""#
        if !blocks.isEmpty {
            let ops = blocks.sorted { $0.key < $1.key }.map { op, keys in
                let inner = keys.sorted { $0.key < $1.key }.map { k, vs in
                    "\"\(k)\": [" + vs.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                }.joined(separator: ", ")
                return "\"\(op)\": {\(inner)}"
            }
            text += #", "Condition": {"# + ops.joined(separator: ", ") + "}"
        }
        return text + "}"
    }

    static func policy(_ rng: inout SplitMix64, statements: Int, name: String) throws -> Policy {
        let body = (0..<statements).map { _ in statement(&rng) }.joined(separator: ",\n  ")
        return try makePolicy("{\"Version\": \"1\", \"Statement\": [\n  \(body)\n]}", name: name)
    }

    static func layers(_ rng: inout SplitMix64, name: String = "") throws -> PolicyLayers {
        let identity = try policy(&rng, statements: 1 + rng.int(4), name: "\(name)identity.json")
        let session = rng.chance(30) ? [try policy(&rng, statements: 1 + rng.int(2), name: "\(name)session.json")] : []
        let control = rng.chance(20) ? [try policy(&rng, statements: 1 + rng.int(2), name: "\(name)control.json")] : []
        return PolicyLayers(identity: [identity], session: session, control: control)
    }

    static func randomContext(_ rng: inout SplitMix64) -> RequestContext {
        var pairs: [(String, [String])] = []
        for f in Self.families {
            let r = rng.int(100)
            if r < 40 { continue }
            var values = [rng.pick(f.requestValues)]
            if r >= 88 { values.append(rng.pick(f.requestValues)) }
            pairs.append((f.key, values))
        }
        return RequestContext(pairs)
    }

}
