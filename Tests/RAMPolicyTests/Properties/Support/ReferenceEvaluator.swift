import Foundation
import RAMPolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately naive evaluator written straight from §10 (and §3, §5.2) of the reference notes,
/// sharing no code with ramguard: it works on the generator's model, not on parsed policies, and uses
/// Foundation's ISO 8601 parser and the C library's `inet_pton` where ramguard has its own.
///
/// * Statement applies ⇔ action-match ∧ resource-match ∧ condition-match.
/// * Action: glob with `*`/`?`, case-insensitive, over the whole `code:name`; NotAction negates.
/// * Resource: glob with `*`/`?`; `*` is evaluated for All-Resources (`vod:`) actions; the
///   `acs:<code>:` head compares case-insensitively when it is literal, the rest case-sensitively (§2.5).
/// * Conditions: AND over operators and keys, OR over values, NOR for negated operators; a key the
///   request lacks: `…IfExists` true, negated true, otherwise false; several request values: any
///   (none for negated).
/// * Layers: any Deny ⇒ ExplicitDeny, else any Allow ⇒ Allow, else ImplicitDeny; control, then
///   session, then identity, each of which must Allow.
struct ReferenceEvaluator {
    private let dates: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    func decide(identity: [GenPolicy], session: [GenPolicy] = [], control: [GenPolicy] = [],
                _ r: GenRequest) -> (Decision, PolicyLayer?) {
        for (layer, policies) in [(PolicyLayer.control, control), (.session, session)] where !policies.isEmpty {
            let d = decide(policies, r)
            if d != .allow { return (d, layer) }
        }
        let d = decide(identity, r)
        return (d, d == .allow ? nil : .identity)
    }

    /// One unit of policies (the basic algorithm).
    func decide(_ policies: [GenPolicy], _ r: GenRequest) -> Decision {
        let applying = policies.flatMap(\.statements).filter { applies($0, r) }
        if applying.contains(where: { $0.effect == "Deny" }) { return .explicitDeny }
        if applying.contains(where: { $0.effect == "Allow" }) { return .allow }
        return .implicitDeny
    }

    func applies(_ s: GenStatement, _ r: GenRequest) -> Bool {
        actionMatches(s, r.action) && resourceMatches(s, r) && conditionsHold(s, r)
    }

    func actionMatches(_ s: GenStatement, _ action: String) -> Bool {
        let any = s.actions.contains { Self.glob($0.lowercased(), action.lowercased()) }
        return s.notAction ? !any : any
    }

    func resourceMatches(_ s: GenStatement, _ r: GenRequest) -> Bool {
        let code = r.action.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        let resource = code == "vod" ? "*" : r.resource
        return s.resources.contains { Self.resourceGlob($0, resource) }
    }

    static func resourceGlob(_ pattern: String, _ resource: String) -> Bool {
        if let (ph, pt) = head(pattern), !ph.contains("*"), !ph.contains("?"), let (rh, rt) = head(resource) {
            return ph.lowercased() == rh.lowercased() && glob(pt, rt)
        }
        return glob(pattern, resource)
    }

    /// `acs:<code>:` and the rest.
    static func head(_ s: String) -> (String, String)? {
        let parts = s.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        return ("\(parts[0]):\(parts[1]):", String(parts[2]))
    }

    // MARK: Conditions

    func conditionsHold(_ s: GenStatement, _ r: GenRequest) -> Bool {
        for op in s.conditions {
            for entry in op.entries where !holds(op.name, entry, r) { return false }
        }
        return true
    }

    func holds(_ opName: String, _ entry: GenConditionEntry, _ r: GenRequest) -> Bool {
        let ifExists = opName.hasSuffix("IfExists")
        let base = ifExists ? String(opName.dropLast("IfExists".count)) : opName
        let negated = ["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals",
                       "DateNotEquals", "NotIpAddress"].contains(base)
        let requestValues = r.context.filter { $0.key.lowercased() == entry.key.lowercased() }.flatMap(\.values)
        if requestValues.isEmpty { return ifExists || negated }
        let anyMatch = requestValues.contains { v in entry.values.contains { p in positive(base, policy: p, request: v) } }
        return negated ? !anyMatch : anyMatch
    }

    /// The positive form of the operator (`StringNotLike` → like) on one pair of values.
    func positive(_ op: String, policy p: String, request v: String) -> Bool {
        switch op {
        case "StringEquals", "StringNotEquals":
            return p == v
        case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase":
            return p.lowercased() == v.lowercased()
        case "StringLike", "StringNotLike":
            return Self.glob(p, v)
        case "Bool":
            guard let a = Self.bool(p), let b = Self.bool(v) else { return false }
            return a == b
        case "IpAddress", "NotIpAddress":
            if p.contains("*") { return Self.glob(p.lowercased(), v.lowercased()) }
            return Self.cidrContains(p, v)
        default:
            break
        }
        if op.hasPrefix("Numeric") {
            guard let a = Self.number(v), let b = Self.number(p) else { return false }
            return compare(String(op.dropFirst("Numeric".count)), a, b)
        }
        if op.hasPrefix("Date") {
            guard let a = dates.date(from: v), let b = dates.date(from: p) else { return false }
            return compare(String(op.dropFirst("Date".count)), a, b)
        }
        fatalError("unknown operator \(op)")
    }

    func compare<T: Comparable>(_ test: String, _ x: T, _ p: T) -> Bool {
        switch test {
        case "Equals", "NotEquals": x == p
        case "LessThan": x < p
        case "LessThanEquals": x <= p
        case "GreaterThan": x > p
        case "GreaterThanEquals": x >= p
        default: fatalError("unknown comparison \(test)")
        }
    }

    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// A decimal number as condition values write them (digits, sign, point, exponent).
    static func number(_ s: String) -> Double? {
        guard !s.isEmpty, s.allSatisfy({ "0123456789.+-eE".contains($0) }), let d = Double(s), d.isFinite else { return nil }
        return d
    }

    static func address(_ s: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func cidrContains(_ cidr: String, _ ip: String) -> Bool {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard let network = address(String(parts[0])), let a = address(ip), a.count == network.count else { return false }
        let bits = parts.count == 2 ? Int(parts[1]) ?? -1 : network.count * 8
        guard bits >= 0, bits <= network.count * 8 else { return false }
        for i in 0..<bits {
            let mask = UInt8(0x80) >> UInt8(i % 8)
            if network[i / 8] & mask != a[i / 8] & mask { return false }
        }
        return true
    }

    // MARK: Glob

    /// `*` any run (including none), `?` exactly one Unicode scalar, the rest literal: textbook dynamic
    /// programming, `dp[i][j]` = pattern from `i` matches subject from `j`.
    static func glob(_ pattern: String, _ subject: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let s = Array(subject.unicodeScalars)
        var dp = Array(repeating: Array(repeating: false, count: s.count + 1), count: p.count + 1)
        dp[p.count][s.count] = true
        for i in stride(from: p.count - 1, through: 0, by: -1) {
            for j in stride(from: s.count, through: 0, by: -1) {
                switch p[i] {
                case "*": dp[i][j] = dp[i + 1][j] || (j < s.count && dp[i][j + 1])
                case "?": dp[i][j] = j < s.count && dp[i + 1][j + 1]
                default: dp[i][j] = j < s.count && p[i] == s[j] && dp[i + 1][j + 1]
                }
            }
        }
        return dp[0][0]
    }
}
