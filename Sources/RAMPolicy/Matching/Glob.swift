/// A compiled `*`/`?` wildcard pattern over Unicode scalars.
///
/// RAM uses the same two wildcards in actions, resources and StringLike values. Patterns are compiled
/// once into the cheapest matcher that fits (exact, prefix, suffix, any) so that the common shapes
/// (`vod:*`, `vod:Get*`, `*`) cost one comparison.
public struct Glob: Sendable, Hashable {
    enum Shape: Sendable, Hashable {
        case any
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case general([Token])
    }

    enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case one
        case many
    }

    let shape: Shape
    public let pattern: String
    public let caseInsensitive: Bool

    /// - Parameter caseInsensitive: fold ASCII letters and other scalars with a simple lower-case
    ///   mapping before comparing (actions are matched this way).
    public init(_ pattern: String, caseInsensitive: Bool) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        shape = Self.asciiShape(pattern, fold: caseInsensitive)
            ?? Self.generalShape(caseInsensitive ? Glob.fold(pattern) : pattern)
    }

    /// The shape of an all-ASCII pattern (nearly every action and ARN), folded and classified in one pass
    /// over its bytes with one allocation; nil for other text. An audit compiles every statement's
    /// patterns for every identity, and the `String` round trips of the general path were most of it.
    static func asciiShape(_ pattern: String, fold: Bool) -> Shape? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pattern.utf8.count)
        var stars = 0
        var questions = false
        for b in pattern.utf8 {
            if b >= 0x80 { return nil }
            let c = fold && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if c == UInt8(ascii: "*") { stars += 1 } else if c == UInt8(ascii: "?") { questions = true }
            bytes.append(c)
        }
        if !questions && stars == bytes.count && stars > 0 { return .any }
        if !questions && stars == 0 { return .exact(bytes) }
        if !questions && stars == 1 && bytes.last == UInt8(ascii: "*") { bytes.removeLast(); return .prefix(bytes) }
        if !questions && stars == 1 && bytes.first == UInt8(ascii: "*") { bytes.removeFirst(); return .suffix(bytes) }
        var tokens: [Token] = []
        for c in bytes {
            switch c {
            case UInt8(ascii: "*"): if tokens.last != .many { tokens.append(.many) }
            case UInt8(ascii: "?"): tokens.append(.one)
            default: tokens.append(.literal(Unicode.Scalar(c)))
            }
        }
        return .general(tokens)
    }

    /// The shape of any (already folded) pattern, scalar by scalar.
    static func generalShape(_ folded: String) -> Shape {
        let scalars = Array(folded.unicodeScalars)
        let stars = scalars.filter { $0 == "*" }.count
        let questions = scalars.contains("?")
        if !questions && stars == scalars.count && stars > 0 {
            return .any
        } else if !questions && stars == 0 {
            return .exact(Array(folded.utf8))
        } else if !questions && stars == 1 && scalars.last == "*" {
            return .prefix(Array(folded.utf8.dropLast()))
        } else if !questions && stars == 1 && scalars.first == "*" {
            return .suffix(Array(folded.utf8.dropFirst()))
        }
        var tokens: [Token] = []
        for s in scalars {
            switch s {
            case "*": if tokens.last != .many { tokens.append(.many) }
            case "?": tokens.append(.one)
            default: tokens.append(.literal(s))
            }
        }
        return .general(tokens)
    }

    /// True when the pattern matches every string (only `*` wildcards).
    public var matchesEverything: Bool { shape == .any }

    /// True when the pattern has no wildcard.
    public var isLiteral: Bool {
        if case .exact = shape { return true }
        return false
    }

    /// Lower-cases ASCII quickly and everything else through Swift's Unicode mapping.
    public static func fold(_ s: String) -> String {
        // Over the string's own bytes when it has contiguous storage (native strings do): the analyses fold
        // every action and key they compare, and iterating the UTF-8 view byte by byte cost several times
        // more than the loop itself.
        let folded = s.utf8.withContiguousStorageIfAvailable { bytes -> FoldResult in
            var needs = false
            for b in bytes {
                if b >= 0x80 { return .unicode }
                if b &- 0x41 < 26 { needs = true }
            }
            guard needs else { return .unchanged }
            return .folded(String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for i in bytes.indices {
                    let b = bytes[i]
                    buffer[i] = b &- 0x41 < 26 ? b | 0x20 : b
                }
                return bytes.count
            })
        }
        switch folded {
        case .unchanged?: return s
        case .folded(let result)?: return result
        case .unicode?: return s.lowercased()
        case nil: break
        }
        var needs = false
        for b in s.utf8 {
            if b >= 0x80 { return s.lowercased() }
            if b >= 0x41 && b <= 0x5A { needs = true }
        }
        guard needs else { return s }
        let count = s.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for b in s.utf8 {
                buffer[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                i += 1
            }
            return count
        }
    }

    private enum FoldResult {
        case unchanged
        case folded(String)
        case unicode
    }

    /// Matches a subject that the caller has already folded when the glob is case-insensitive.
    @inlinable
    public func matches(folded subject: String) -> Bool {
        matchesPrepared(subject)
    }

    /// Matches any subject, folding it first when needed.
    public func matches(_ subject: String) -> Bool {
        matchesPrepared(caseInsensitive ? Glob.fold(subject) : subject)
    }

    @usableFromInline
    func matchesPrepared(_ subject: String) -> Bool {
        switch shape {
        case .any:
            return true
        case .exact(let bytes):
            return subject.utf8.elementsEqual(bytes)
        case .prefix(let bytes):
            let u = subject.utf8
            return u.count >= bytes.count && u.prefix(bytes.count).elementsEqual(bytes)
        case .suffix(let bytes):
            let u = subject.utf8
            return u.count >= bytes.count && u.suffix(bytes.count).elementsEqual(bytes)
        case .general(let tokens):
            return Glob.matchGeneral(tokens, Array(subject.unicodeScalars))
        }
    }

    /// Iterative wildcard matching with single-star backtracking: O(n·m) worst case, no recursion.
    static func matchGeneral(_ tokens: [Token], _ s: [Unicode.Scalar]) -> Bool {
        var t = 0, i = 0
        var starT = -1, starI = 0
        while i < s.count {
            if t < tokens.count {
                switch tokens[t] {
                case .many:
                    starT = t
                    starI = i
                    t += 1
                    continue
                case .one:
                    t += 1
                    i += 1
                    continue
                case .literal(let c) where c == s[i]:
                    t += 1
                    i += 1
                    continue
                default:
                    break
                }
            }
            if starT >= 0 {
                t = starT + 1
                starI += 1
                i = starI
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .many { t += 1 }
        return t == tokens.count
    }
}
