/// The documented global (`acs:`) condition keys and the type of value each carries.
///
/// Used to check request contexts (a source IP that is not an IP is a usage error, not a silent
/// ImplicitDeny) and, by linters, to spot an operator of the wrong family on a typed key.
public struct GlobalConditionKey: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable {
        case string, date, bool, ipAddress
    }

    public var name: String
    public var type: ValueType
    /// True for key families such as `acs:RequestTag/<tag-key>`.
    public var isPrefix: Bool

    public static let all: [GlobalConditionKey] = [
        .init(name: "acs:CurrentTime", type: .date, isPrefix: false),
        .init(name: "acs:SecureTransport", type: .bool, isPrefix: false),
        .init(name: "acs:SourceIp", type: .ipAddress, isPrefix: false),
        .init(name: "acs:MFAPresent", type: .bool, isPrefix: false),
        .init(name: "acs:SourceVpc", type: .string, isPrefix: false),
        .init(name: "acs:AccessId", type: .string, isPrefix: false),
        .init(name: "acs:PrincipalARN", type: .string, isPrefix: false),
        .init(name: "acs:RequestTag/", type: .string, isPrefix: true),
        .init(name: "acs:ResourceTag/", type: .string, isPrefix: true),
    ]

    /// The documented key that `key` names (case-insensitively), if any.
    public static func lookup(_ key: String) -> GlobalConditionKey? {
        let folded = Glob.fold(key)
        return all.first { k in
            let name = Glob.fold(k.name)
            return k.isPrefix ? folded.hasPrefix(name) && folded.count > name.count : folded == name
        }
    }

    /// Why `value` is not a valid value of this key, or nil when it is.
    public func problem(with value: String) -> String? {
        switch type {
        case .string:
            return nil
        case .date:
            return ISO8601Instant(parsing: value) == nil
                ? "\(name) takes an ISO 8601 time with an offset, such as 2026-01-01T00:00:00Z" : nil
        case .bool:
            return ConditionValueParser.bool(value) == nil ? "\(name) takes true or false" : nil
        case .ipAddress:
            return IPAddress(parsing: value) == nil ? "\(name) takes an IPv4 or IPv6 address" : nil
        }
    }
}
