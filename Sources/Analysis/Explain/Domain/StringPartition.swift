import RAMPolicy

/// One value a String-family condition compares with, and how it compares.
public struct StringPattern: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// StringEquals / StringNotEquals: exact, case-sensitive.
        case exact
        /// StringEqualsIgnoreCase / StringNotEqualsIgnoreCase.
        case ignoreCase
        /// StringLike / StringNotLike: case-sensitive glob with `*` and `?`.
        case like
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// Whether a request value matches, with the engine's comparison for this kind.
    public func matches(_ value: String) -> Bool {
        switch kind {
        case .exact: value == text
        case .ignoreCase: Glob.fold(value) == Glob.fold(text)
        case .like: Glob(text, caseInsensitive: false).matches(value)
        }
    }

    public var description: String {
        switch kind {
        case .exact: "\"\(text)\""
        case .ignoreCase: "\"\(text)\" (ignoring case)"
        case .like: "like \"\(text)\""
        }
    }
}

/// The string values of one key cut into cells: two values share a cell when every pattern on the key
/// (exact, ignore-case or glob) gives them the same answer.
///
/// The cells are found by running all patterns as automata side by side over an alphabet that holds
/// every character the patterns name (with their case variants and the characters Swift's string
/// comparison treats as equal to them) plus one character none of them names. Each reachable
/// combination of answers is a cell, and the shortest string reaching it is its witness — so the cell
/// list is exact, not sampled.
struct StringPartition: Sendable {
    let patterns: [StringPattern]
    /// Per cell: which patterns match its values.
    let vectors: [[Bool]]
    let witnesses: [String]
    private let index: [[Bool]: Int]

    /// Product states explored before giving up (each state is one combination of pattern positions).
    static let stateLimit = 20_000

    private enum Token: Hashable {
        case literal(Unicode.Scalar)
        case one
        case many
    }

    /// Characters that Swift's `==` treats as equal to an ASCII character (canonical singletons), and
    /// the Kelvin sign, whose lower case is `k`.
    private static let equivalents: [Unicode.Scalar: [Unicode.Scalar]] = [
        "K": ["\u{212A}"], "k": ["\u{212A}"], ";": ["\u{037E}"], "`": ["\u{1FEF}"],
    ]

    init(patterns: [StringPattern], key: String) throws(UndecidableKey) {
        self.patterns = patterns
        for p in patterns where p.text.unicodeScalars.contains(where: { !$0.isASCII }) {
            throw UndecidableKey(
                key: key,
                reason: "the String value \"\(p.text)\" on \(key) has non-ASCII characters, whose case folding and Unicode equivalence the analysis does not model")
        }
        let tokens: [[Token]] = patterns.map { p in
            switch p.kind {
            case .exact:
                return p.text.unicodeScalars.map { Token.literal($0) }
            case .ignoreCase:
                return Glob.fold(p.text).unicodeScalars.map { Token.literal($0) }
            case .like:
                var ts: [Token] = []
                for s in p.text.unicodeScalars {
                    switch s {
                    case "*": if ts.last != .many { ts.append(.many) }
                    case "?": ts.append(.one)
                    default: ts.append(.literal(s))
                    }
                }
                return ts
            }
        }
        let kinds = patterns.map(\.kind)
        var alphabet: [Unicode.Scalar] = []
        var seen = Set<Unicode.Scalar>()
        func add(_ s: Unicode.Scalar) { if seen.insert(s).inserted { alphabet.append(s) } }
        for ts in tokens {
            for case .literal(let s) in ts {
                add(s)
                for v in String(s).uppercased().unicodeScalars { add(v) }
                for v in String(s).lowercased().unicodeScalars { add(v) }
            }
        }
        for s in alphabet { for e in Self.equivalents[s] ?? [] { add(e) } }
        let fresh = ["x", "y", "z", "q", "j", "0", "7", "_", "~"].compactMap { $0.unicodeScalars.first }.first { s in
            !seen.contains(s) && !seen.contains(where: { String($0).lowercased() == String(s).lowercased() })
        } ?? "\u{2603}"
        alphabet.append(fresh)

        func charMatches(_ c: Unicode.Scalar, _ p: Unicode.Scalar, _ kind: StringPattern.Kind) -> Bool {
            switch kind {
            case .exact: c == p || String(c) == String(p)
            case .ignoreCase: String(c).lowercased() == String(p)
            case .like: c == p
            }
        }
        func closure(_ states: Set<Int>, _ ts: [Token]) -> Set<Int> {
            var out = states
            var stack = Array(states)
            while let i = stack.popLast() {
                if i < ts.count, ts[i] == .many, out.insert(i + 1).inserted { stack.append(i + 1) }
            }
            return out
        }
        func step(_ states: Set<Int>, _ c: Unicode.Scalar, _ ts: [Token], _ kind: StringPattern.Kind) -> Set<Int> {
            var next = Set<Int>()
            for i in states where i < ts.count {
                switch ts[i] {
                case .literal(let p): if charMatches(c, p, kind) { next.insert(i + 1) }
                case .one: next.insert(i + 1)
                case .many: next.insert(i)
                }
            }
            return closure(next, ts)
        }

        let start = tokens.map { closure([0], $0) }
        var visited: Set<[Set<Int>]> = [start]
        var queue: [([Set<Int>], String)] = [(start, "")]
        var head = 0
        var vectors: [[Bool]] = []
        var witnesses: [String] = []
        var index: [[Bool]: Int] = [:]
        while head < queue.count {
            let (state, text) = queue[head]
            head += 1
            let vector = zip(state, tokens).map { $0.contains($1.count) }
            if let i = index[vector] {
                if witnesses[i].isEmpty && !text.isEmpty { witnesses[i] = text }
            } else {
                index[vector] = vectors.count
                vectors.append(vector)
                witnesses.append(text)
            }
            for c in alphabet {
                let next = (0..<tokens.count).map { step(state[$0], c, tokens[$0], kinds[$0]) }
                if visited.insert(next).inserted {
                    guard visited.count <= Self.stateLimit else {
                        throw UndecidableKey(key: key, reason: "the String patterns on \(key) combine into more than \(Self.stateLimit) automaton states")
                    }
                    queue.append((next, text + String(c)))
                }
            }
        }
        // Cells whose witness is the empty string last: examples read better with a real value.
        let order = vectors.indices.sorted { (witnesses[$0].isEmpty ? 1 : 0, $0) < (witnesses[$1].isEmpty ? 1 : 0, $1) }
        self.vectors = order.map { vectors[$0] }
        self.witnesses = order.map { witnesses[$0] }
        self.index = Dictionary(uniqueKeysWithValues: order.enumerated().map { (vectors[$0.element], $0.offset) })
    }

    func vector(of text: String) -> [Bool] { patterns.map { $0.matches(text) } }

    func cell(of text: String) -> Int? { index[vector(of: text)] }

    /// The cells whose values match pattern `i`.
    func cells(matching i: Int) -> CellSet {
        CellSet(count: vectors.count, cells: vectors.indices.filter { vectors[$0][i] })
    }

    // MARK: Description

    /// A phrase starting with "is" for a set of cells, e.g. `is one of "a", "b"` or `is not like "x*"`.
    func phrase(_ set: CellSet) -> String {
        if set.isFull { return "is any string" }
        if set.isEmpty { return "is no string" }
        if let t = cover(set) { return "is " + positive(t) }
        if let t = cover(set.complement) { return "is " + negative(t) }
        // No union of patterns fits: one clause per cell.
        let clauses = set.elements.map { c -> String in
            let yes = patterns.indices.filter { vectors[c][$0] }.map { patterns[$0].description }
            let no = patterns.indices.filter { !vectors[c][$0] }.map { patterns[$0].description }
            var parts: [String] = []
            if !yes.isEmpty { parts.append(yes.joined(separator: " and ")) }
            if !no.isEmpty { parts.append("not " + no.joined(separator: " and not ")) }
            return "(" + parts.joined(separator: " but ") + ")"
        }
        return "is " + clauses.joined(separator: " or ")
    }

    /// Patterns whose matching cells, together, are exactly `set` (nil when no union of patterns is).
    private func cover(_ set: CellSet) -> [Int]? {
        var chosen = patterns.indices.filter { !cells(matching: $0).isEmpty && cells(matching: $0).isSubset(of: set) }
        // Drop patterns implied by another chosen one (an exact value inside a glob).
        chosen = chosen.filter { i in
            !chosen.contains { j in
                j != i && cells(matching: i).isSubset(of: cells(matching: j))
                    && (!cells(matching: j).isSubset(of: cells(matching: i)) || j < i)
            }
        }
        let union = chosen.reduce(CellSet(count: vectors.count)) { $0.union(cells(matching: $1)) }
        return !chosen.isEmpty && union == set ? chosen : nil
    }

    private func grouped(_ ids: [Int]) -> [(StringPattern.Kind, [String])] {
        var out: [(StringPattern.Kind, [String])] = []
        for kind in [StringPattern.Kind.exact, .ignoreCase, .like] {
            let texts = ids.filter { patterns[$0].kind == kind }.map { "\"\(patterns[$0].text)\"" }
            if !texts.isEmpty { out.append((kind, texts)) }
        }
        return out
    }

    private func positive(_ ids: [Int]) -> String {
        grouped(ids).map { kind, texts in
            let list = texts.count == 1 ? texts[0] : "one of " + texts.joined(separator: ", ")
            switch kind {
            case .exact: return list
            case .ignoreCase: return list + " (ignoring case)"
            case .like: return "like " + texts.joined(separator: " or ")
            }
        }.joined(separator: " or ")
    }

    private func negative(_ ids: [Int]) -> String {
        grouped(ids).map { kind, texts in
            let list = texts.count == 1 ? "not " + texts[0] : "none of " + texts.joined(separator: ", ")
            switch kind {
            case .exact: return list
            case .ignoreCase: return list + " (ignoring case)"
            case .like: return "not like " + texts.joined(separator: " or ")
            }
        }.joined(separator: " and ")
    }
}
