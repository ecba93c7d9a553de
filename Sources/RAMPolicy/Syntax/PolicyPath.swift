/// A JSON path inside a policy document, such as `Statement[1].Condition.IpAddress.acs:SourceIp[0]`.
///
/// Stored as up to six components inline and rendered only when someone reads it: every action,
/// resource and condition value carries its path, and building those strings eagerly was most of the
/// validator's cost.
public struct PolicyPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private var c0: Component?
    private var c1: Component?
    private var c2: Component?
    private var c3: Component?
    private var c4: Component?
    private var c5: Component?
    public private(set) var count = 0

    public init() {}

    public static let root = PolicyPath()

    public init(_ components: [Component]) {
        for c in components { self = appending(c) }
    }

    public var components: [Component] {
        [c0, c1, c2, c3, c4, c5].prefix(count).compactMap { $0 }
    }

    public func appending(_ c: Component) -> PolicyPath {
        var p = self
        switch count {
        case 0: p.c0 = c
        case 1: p.c1 = c
        case 2: p.c2 = c
        case 3: p.c3 = c
        case 4: p.c4 = c
        case 5: p.c5 = c
        default: return p  // policies nest no deeper; longer paths keep their first six components
        }
        p.count += 1
        return p
    }

    public func key(_ k: String) -> PolicyPath { appending(.key(k)) }
    public func index(_ i: Int) -> PolicyPath { appending(.index(i)) }

    public var description: String {
        var s = ""
        for c in components {
            switch c {
            case .key(let k):
                if !s.isEmpty { s += "." }
                s += k
            case .index(let i):
                s += "[\(i)]"
            }
        }
        return s
    }
}
