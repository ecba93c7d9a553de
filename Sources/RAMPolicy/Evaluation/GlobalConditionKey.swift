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

    private static let exact: [String: GlobalConditionKey] = Dictionary(
        uniqueKeysWithValues: all.filter { !$0.isPrefix }.map { (Glob.fold($0.name), $0) })
    private static let prefixes: [(String, GlobalConditionKey)] = all.filter(\.isPrefix).map { (Glob.fold($0.name), $0) }

    /// The documented key that `key` names (case-insensitively), if any.
    public static func lookup(_ key: String) -> GlobalConditionKey? {
        lookup(folded: Glob.fold(key))
    }

    /// Like ``lookup(_:)`` for a key already folded to lower case.
    public static func lookup(folded: String) -> GlobalConditionKey? {
        if let k = exact[folded] { return k }
        for (name, k) in prefixes where folded.hasPrefix(name) && folded.utf8.count > name.utf8.count { return k }
        return nil
    }

    /// Why a parsed request value is not a valid value of this key, or nil when it is (no re-parsing).
    public func problem(with value: ContextValue) -> String? {
        switch type {
        case .string: nil
        case .date: value.instant == nil ? "\(name) takes an ISO 8601 time with an offset, such as 2026-01-01T00:00:00Z" : nil
        case .bool: value.bool == nil ? "\(name) takes true or false" : nil
        case .ipAddress: value.ip == nil ? "\(name) takes an IPv4 or IPv6 address" : nil
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
