/// A JSON path inside a policy document, such as `Statement[1].Condition.IpAddress.acs:SourceIp[0]`.
///
/// Policies have a fixed shape, so a path is stored as a few integers and at most two references to
/// strings the document already holds, and rendered only when someone reads it: every action, resource
/// and condition value carries its path, and building those strings eagerly was most of the
/// validator's cost.
public struct PolicyPath: Sendable, Hashable, CustomStringConvertible {
    /// `Statement[i]` (or `Statement` for a single-object statement; -1 for none).
    var statement: Int32 = -1
    var bareStatement = false
    /// The element under the statement (or a top-level key), e.g. `Action` or `Condition`.
    var element: String?
    /// Under `Condition`: the operator; under `Principal`: the principal type.
    var group: String?
    /// Under a condition operator: the key.
    var key: String?
    /// The index in a value array (-1 for none).
    var index: Int32 = -1

    public init() {}

    public static let root = PolicyPath()

    /// Appends a key: the first key is `Statement` or a top-level element; later keys fill the
    /// element, group and key levels in turn.
    public func key(_ k: String) -> PolicyPath {
        var p = self
        if p.statement < 0 && !p.bareStatement && p.element == nil && k == "Statement" {
            p.bareStatement = true
        } else if p.element == nil {
            p.element = k
        } else if p.group == nil {
            p.group = k
        } else {
            p.key = k
        }
        return p
    }

    public func index(_ i: Int) -> PolicyPath {
        var p = self
        if p.bareStatement && p.statement < 0 && p.element == nil {
            p.bareStatement = false
            p.statement = Int32(i)
        } else {
            p.index = Int32(i)
        }
        return p
    }

    public var description: String {
        var s = ""
        if statement >= 0 {
            s = "Statement[\(statement)]"
        } else if bareStatement {
            s = "Statement"
        }
        for part in [element, group, key] {
            guard let part else { break }
            if !s.isEmpty { s += "." }
            s += part
        }
        if index >= 0 { s += "[\(index)]" }
        return s
    }
}
