/// A compiled Resource pattern: the `acs:<service-code>:` head is compared case-insensitively and the
/// rest (region, account, relative id) case-sensitively, as ramguard's reference recommends.
struct ResourcePattern: Sendable, Hashable {
    let text: String
    let any: Bool
    let head: Glob?
    let tail: Glob?
    let whole: Glob

    init(_ pattern: String) {
        text = pattern
        whole = Glob(pattern, caseInsensitive: false)
        any = whole.matchesEverything
        if let (h, t) = ResourcePattern.split(pattern), !h.contains("*"), !h.contains("?") {
            head = Glob(h, caseInsensitive: true)
            tail = Glob(t, caseInsensitive: false)
        } else {
            head = nil
            tail = nil
        }
    }

    /// True when the pattern is an ARN pattern rather than only wildcards.
    var isARN: Bool { !any }

    static func split(_ s: String) -> (String, String)? {
        var colons = 0
        for i in s.indices where s[i] == ":" {
            colons += 1
            if colons == 2 { return (String(s[...i]), String(s[s.index(after: i)...])) }
        }
        return nil
    }

    func matches(_ resource: String) -> Bool {
        if any { return true }
        if let head, let tail, let (h, t) = ResourcePattern.split(resource) {
            return head.matches(h) && tail.matches(t)
        }
        return whole.matches(resource)
    }
}
