import RAMPolicy

/// A path pattern for suppressions: `*` and `?` within one path segment, `**` for any number of
/// segments (`policies/legacy/**`, `**/session-*.json`). Case-sensitive, `/`-separated.
public struct FileGlob: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case anySegments
        case pattern(Glob)
    }

    public let pattern: String
    let segments: [Segment]

    /// Why `pattern` is not a usable file glob, or nil.
    public static func problem(with pattern: String) -> String? {
        if pattern.isEmpty { return "the pattern is empty" }
        if pattern.contains("\\") { return "write paths with \"/\", not \"\\\"" }
        for c in ["[", "]", "{", "}"] where pattern.contains(c) {
            return "\"\(c)\" is not supported: patterns have only *, ** and ?"
        }
        for segment in pattern.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty && pattern != "/" {
                if pattern.hasPrefix("/") && segment.startIndex == pattern.startIndex { continue }
                return "the pattern has an empty path segment (\"//\" or a trailing \"/\")"
            }
            if segment.contains("**") && segment != "**" {
                return "\"**\" must be a whole path segment (write \"a/**/b\", not \"a**b\")"
            }
        }
        return nil
    }

    /// Nil when the pattern is not usable (see ``problem(with:)``).
    public init?(_ pattern: String) {
        guard FileGlob.problem(with: pattern) == nil else { return nil }
        self.pattern = pattern
        segments = FileGlob.normalize(pattern).split(separator: "/", omittingEmptySubsequences: false).map { s in
            s == "**" ? .anySegments : .pattern(Glob(String(s), caseInsensitive: false))
        }
    }

    public var description: String { pattern }

    public func matches(_ path: String) -> Bool {
        let parts = FileGlob.normalize(path).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return FileGlob.match(segments[...], parts[...])
    }

    /// Drops leading `./` so that `./policies/a.json` and `policies/a.json` are the same file.
    static func normalize(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }

    /// Segment matching with `**` backtracking; iterative over the pattern, recursive only at `**`
    /// (patterns come from a configuration file and have few of them).
    static func match(_ pattern: ArraySlice<Segment>, _ parts: ArraySlice<String>) -> Bool {
        var pattern = pattern
        var parts = parts
        while let first = pattern.first {
            switch first {
            case .anySegments:
                let rest = pattern.dropFirst()
                if rest.isEmpty { return true }
                var tail = parts
                while true {
                    if match(rest, tail) { return true }
                    if tail.isEmpty { return false }
                    tail = tail.dropFirst()
                }
            case .pattern(let glob):
                guard let part = parts.first, glob.matches(part) else { return false }
                pattern = pattern.dropFirst()
                parts = parts.dropFirst()
            }
        }
        return parts.isEmpty
    }
}
