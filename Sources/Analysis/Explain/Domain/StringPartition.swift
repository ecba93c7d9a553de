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

    /// `String(s).uppercased()` for an ASCII character.
    static func asciiUppercased(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s.value >= 0x61 && s.value <= 0x7A ? Unicode.Scalar(UInt8(s.value - 0x20)) : s
    }

    /// `String(s).lowercased()` for an ASCII character.
    static func asciiLowercased(_ s: Unicode.Scalar) -> Unicode.Scalar {
        s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(UInt8(s.value + 0x20)) : s
    }

    /// Whether alphabet character `c` matches literal `p` of a pattern of this kind. A static function
    /// rather than a closure handed to ``TokenMasks``: it is asked for every character against every
    /// literal of every pattern, and a closure call per question cost more than the answer.
    @inline(__always)
    static func charMatches(_ c: Unicode.Scalar, _ p: Unicode.Scalar, _ kind: StringPattern.Kind) -> Bool {
        // Two ASCII characters (every literal, most of the alphabet) compare as scalars; the String
        // comparisons below only matter for the Unicode equivalents, and cost a String each.
        if c.isASCII && p.isASCII {
            switch kind {
            case .exact, .like: return c == p
            case .ignoreCase: return (c.value >= 0x41 && c.value <= 0x5A ? c.value | 0x20 : c.value) == p.value
            }
        }
        switch kind {
        case .exact: return c == p || String(c) == String(p)
        case .ignoreCase: return String(c).lowercased() == String(p)
        case .like: return c == p
        }
    }

    /// - Parameters:
    ///   - bitParallel: take the bit-mask path where the patterns allow it (tests turn it off to
    ///     compare the two paths).
    ///   - packed: on the bit-mask path, put every pattern's state in one word when they fit (tests turn
    ///     it off to compare with the vector lanes).
    init(patterns: [StringPattern], key: String, bitParallel: Bool = true, packed: Bool = true) throws(UndecidableKey) {
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
        // ASCII characters (nearly all) are marked in a table rather than hashed into a set.
        var seenASCII = [Bool](repeating: false, count: 128)
        var seenOther = Set<Unicode.Scalar>()
        func isSeen(_ s: Unicode.Scalar) -> Bool { s.isASCII ? seenASCII[Int(s.value)] : seenOther.contains(s) }
        func add(_ s: Unicode.Scalar) {
            if s.isASCII {
                guard !seenASCII[Int(s.value)] else { return }
                seenASCII[Int(s.value)] = true
            } else if !seenOther.insert(s).inserted {
                return
            }
            alphabet.append(s)
        }
        for ts in tokens {
            for case .literal(let s) in ts {
                add(s)
                // Every literal is ASCII (checked above), whose upper and lower case are one ASCII
                // character each: no String to make per character.
                add(Self.asciiUppercased(s))
                add(Self.asciiLowercased(s))
            }
        }
        for s in alphabet { for e in Self.equivalents[s] ?? [] { add(e) } }
        // The ASCII characters of the alphabet in lower case; the others (the few equivalents) are
        // compared as Strings, as every character was.
        // A table of the 128 ASCII characters, as for `seenASCII`: a set hashed each one.
        var lowered = [Bool](repeating: false, count: 128)
        var others: [Unicode.Scalar] = []
        for s in alphabet { if s.isASCII { lowered[Int(Self.asciiLowercased(s).value)] = true } else { others.append(s) } }
        let fresh = ["x", "y", "z", "q", "j", "0", "7", "_", "~"].compactMap { $0.unicodeScalars.first }.first { s in
            !isSeen(s) && !lowered[Int(Self.asciiLowercased(s).value)]
                && !others.contains(where: { String($0).lowercased() == String(s).lowercased() })
        } ?? "\u{2603}"
        alphabet.append(fresh)

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
                case .literal(let p): if Self.charMatches(c, p, kind) { next.insert(i + 1) }
                case .one: next.insert(i + 1)
                case .many: next.insert(i)
                }
            }
            return closure(next, ts)
        }

        // Patterns of at most 63 tokens (nearly all): each pattern's state set is one 64-bit word and a
        // step is a few bit operations. Longer patterns take the general path, with sets of positions.
        let explored: (vectors: [[Bool]], witnesses: [String])
        if bitParallel, tokens.allSatisfy({ $0.count < 64 }) {
            let masks = TokenMasks(tokens: tokens, kinds: kinds, alphabet: alphabet)
            if packed, let word = PackedMasks<UInt64>(masks) {
                explored = try Self.breadthFirst(word, alphabet: alphabet, key: key)
            } else if packed, let pair = PackedMasks<PackedPair>(masks) {
                explored = try Self.breadthFirst(pair, alphabet: alphabet, key: key)
            } else if let lanes = LaneMasks<SIMD8<UInt64>>(masks) {
                explored = try Self.breadthFirst(start: lanes.start, alphabet: alphabet, expanding: masks.distinctCharacters,
                                                 key: key, step: lanes.step, dead: lanes.dead, answers: lanes.acceptingBits,
                                                 vector: lanes.vector)
            } else if let lanes = LaneMasks<SIMD16<UInt64>>(masks) {
                explored = try Self.breadthFirst(start: lanes.start, alphabet: alphabet, expanding: masks.distinctCharacters,
                                                 key: key, step: lanes.step, dead: lanes.dead, answers: lanes.acceptingBits,
                                                 vector: lanes.vector)
            } else {
                explored = try Self.breadthFirst(start: masks.start, alphabet: alphabet, expanding: masks.distinctCharacters,
                                                 key: key, step: masks.step, dead: nil, answers: masks.accepting, vector: { $0 })
            }
        } else {
            explored = try Self.breadthFirst(
                start: tokens.map { closure([0], $0) }, alphabet: alphabet, expanding: Array(alphabet.indices), key: key,
                step: { state, c in (0..<tokens.count).map { step(state[$0], alphabet[c], tokens[$0], kinds[$0]) } }, dead: nil,
                answers: { state in zip(state, tokens).map { $0.contains($1.count) } }, vector: { $0 })
        }
        vectors = explored.vectors
        witnesses = explored.witnesses
    }

    /// Explores the product of the patterns' automata breadth first: each reachable combination of
    /// answers is a cell, and the first (shortest) non-empty string reaching it is its witness.
    ///
    /// Only the characters in `expanding` (ascending indices into `alphabet`) are tried. Leaving out a
    /// character that every automaton treats exactly like an earlier one changes nothing: from every
    /// state it reaches the state the earlier character has just reached, which is already visited.
    /// Each state's string is kept as a link to the state it was reached from, and spelled out only
    /// for the witnesses.
    ///
    /// A state's combination of answers is read as `answers` (a bit mask for the lane paths: every
    /// dequeued state is looked up by it, and a `[Bool]` per state was an allocation and a hash of
    /// each element) and spelled out as `vector` once per cell.
    ///
    /// `dead`, when given, is the state in which every pattern has failed: most characters lead there
    /// from most states, and once it is visited a comparison with it replaces the hash and the probe.
    /// Inlined into each caller, so that the steps and the comparisons are specialised to its state
    /// type rather than called through closures for every character of every state.
    @inline(__always)
    private static func breadthFirst<State: Hashable, Answers: Hashable>(
        start: State, alphabet: [Unicode.Scalar], expanding: [Int], key: String,
        step: (State, Int) -> State, dead: State?, answers: (State) -> Answers, vector: (Answers) -> [Bool]
    ) throws(UndecidableKey) -> (vectors: [[Bool]], witnesses: [String]) {
        // Sized for a typical key's states up front: growing the set rehashed every state visited.
        var visited = Set<State>(minimumCapacity: 64)
        visited.insert(start)
        var queue: [State] = [start]
        /// Per queued state: the queued state it was reached from, and with which character (-1 for the start).
        var links: [(from: Int, character: Int)] = [(-1, -1)]
        var head = 0
        var deadVisited = start == dead
        var cells: [Answers] = []
        /// Per cell, the queued state whose string is its witness (0, the start, is the empty string).
        var witnessStates: [Int] = []
        var index: [Answers: Int] = [:]
        while head < queue.count {
            let state = queue[head]
            let at = head
            head += 1
            let v = answers(state)
            if let i = index[v] {
                if witnessStates[i] == 0 && at != 0 { witnessStates[i] = at }
            } else {
                index[v] = cells.count
                cells.append(v)
                witnessStates.append(at)
            }
            for c in expanding {
                let next = step(state, c)
                if deadVisited && next == dead { continue }
                if visited.insert(next).inserted {
                    if next == dead { deadVisited = true }
                    guard visited.count <= stateLimit else {
                        throw UndecidableKey(key: key, reason: "the String patterns on \(key) combine into more than \(stateLimit) automaton states")
                    }
                    queue.append(next)
                    links.append((at, c))
                }
            }
        }
        return spelled(cells: cells, witnessStates: witnessStates, links: links, alphabet: alphabet, vector: vector)
    }

    /// ``breadthFirst(start:alphabet:expanding:key:step:dead:answers:vector:)`` for the packed masks,
    /// with the steps written out and the states and answers found in ``WordTable``s rather than a
    /// `Set` and a `Dictionary`: a key's few hundred steps each hashed a state with the standard
    /// hasher and called the step through a closure, most of building a String partition. It visits
    /// the same states in the same order (a test compares the paths).
    private static func breadthFirst<Word: PackedWord>(_ m: PackedMasks<Word>, alphabet: [Unicode.Scalar], key: String)
        throws(UndecidableKey) -> (vectors: [[Bool]], witnesses: [String]) {
        let expanding = m.distinctCharacters
        var visited = WordTable<Word>(capacity: 64)
        _ = visited.find(m.start, orInsert: 0)
        var queue: [Word] = [m.start]
        var links: [(from: Int, character: Int)] = [(-1, -1)]
        var head = 0
        var deadVisited = m.start == .zero
        var cells: [Word] = []
        var witnessStates: [Int] = []
        var index = WordTable<Word>(capacity: 16)
        while head < queue.count {
            let state = queue[head]
            let at = head
            head += 1
            if let i = index.find(m.accepting(state), orInsert: cells.count) {
                if witnessStates[i] == 0 && at != 0 { witnessStates[i] = at }
            } else {
                cells.append(m.accepting(state))
                witnessStates.append(at)
            }
            for c in expanding {
                let next = m.step(state, c)
                if next == .zero {
                    if deadVisited { continue }
                    deadVisited = true
                }
                guard visited.find(next, orInsert: queue.count) == nil else { continue }
                guard visited.count <= stateLimit else {
                    throw UndecidableKey(key: key, reason: "the String patterns on \(key) combine into more than \(stateLimit) automaton states")
                }
                queue.append(next)
                links.append((at, c))
            }
        }
        return spelled(cells: cells, witnessStates: witnessStates, links: links, alphabet: alphabet, vector: m.vector)
    }

    /// The cells' answers and witnesses of an exploration, witnesses spelled out from the links.
    private static func spelled<Answers>(cells: [Answers], witnessStates: [Int], links: [(from: Int, character: Int)],
                                         alphabet: [Unicode.Scalar], vector: (Answers) -> [Bool]) -> (vectors: [[Bool]], witnesses: [String]) {
        func text(_ state: Int) -> String {
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(16)
            var s = state
            while links[s].from >= 0 {
                scalars.append(alphabet[links[s].character])
                s = links[s].from
            }
            // As UTF-8 bytes, decoded once: appending the reversed scalars to a string's scalar view
            // cost several thousand instructions a witness.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(scalars.count)
            for scalar in scalars.reversed() { UTF8.encode(scalar) { bytes.append($0) } }
            return String(decoding: bytes, as: UTF8.self)
        }
        let witnesses = witnessStates.map(text)
        let vectors = cells.map(vector)
        // Cells whose witness is the empty string last: examples read better with a real value.
        let order = vectors.indices.sorted { (witnesses[$0].isEmpty ? 1 : 0, $0) < (witnesses[$1].isEmpty ? 1 : 0, $1) }
        return (order.map { vectors[$0] }, order.map { witnesses[$0] })
    }

    /// The patterns' NFA state sets as bit masks (bit `i`: the pattern has matched its first `i` tokens).
    private struct TokenMasks {
        /// Per pattern: positions holding `*`, positions holding `?`, and per alphabet character the
        /// positions whose literal matches it.
        var many: [UInt64]
        var one: [UInt64]
        var literal: [[UInt64]]
        var accept: [UInt64]

        init(tokens: [[Token]], kinds: [StringPattern.Kind], alphabet: [Unicode.Scalar]) {
            let n = tokens.count
            many = [UInt64](repeating: 0, count: n)
            one = [UInt64](repeating: 0, count: n)
            literal = []
            literal.reserveCapacity(n)
            accept = tokens.map { UInt64(1) << UInt64($0.count) }
            // Every literal is ASCII, and an ASCII character matches only itself or, ignoring case, its
            // upper case among the ASCII characters of the alphabet: those two are looked up, and only
            // the few others (the Unicode equivalents, the fresh character) are compared one by one.
            // Comparing every literal with the whole alphabet was most of building the masks.
            var asciiIndex = [Int](repeating: -1, count: 128)
            var others: [Int] = []
            for (c, ch) in alphabet.enumerated() {
                if ch.isASCII { asciiIndex[Int(ch.value)] = c } else { others.append(c) }
            }
            for (p, ts) in tokens.enumerated() {
                // Each pattern's row built on its own and stored once (not a nested array written in place).
                var row = [UInt64](repeating: 0, count: alphabet.count)
                let kind = kinds[p]
                for (i, t) in ts.enumerated() {
                    switch t {
                    case .many: many[p] |= 1 << UInt64(i)
                    case .one: one[p] |= 1 << UInt64(i)
                    case .literal(let scalar):
                        assert(scalar.isASCII, "StringPartition refuses non-ASCII patterns")
                        func mark(_ ch: Unicode.Scalar) {
                            guard ch.isASCII else { return }
                            let c = asciiIndex[Int(ch.value)]
                            if c >= 0 && StringPartition.charMatches(ch, scalar, kind) { row[c] |= 1 << UInt64(i) }
                        }
                        mark(scalar)
                        let upper = StringPartition.asciiUppercased(scalar)
                        if upper != scalar { mark(upper) }
                        for c in others where StringPartition.charMatches(alphabet[c], scalar, kind) {
                            row[c] |= 1 << UInt64(i)
                        }
                    }
                }
                literal.append(row)
            }
        }

        /// `*` may match nothing: reaching a star position also reaches the next one (stars are
        /// collapsed, so one shift is the whole closure).
        func closure(_ x: UInt64, _ p: Int) -> UInt64 { x | ((x & many[p]) << 1) }

        var start: [UInt64] { many.indices.map { closure(1, $0) } }

        func step(_ state: [UInt64], _ c: Int) -> [UInt64] {
            state.indices.map { p in
                let x = state[p]
                return closure(((x & literal[p][c]) << 1) | ((x & one[p]) << 1) | (x & many[p]), p)
            }
        }

        func accepting(_ state: [UInt64]) -> [Bool] { state.indices.map { state[$0] & accept[$0] != 0 } }

        /// The masks of up to eight patterns, one per vector lane, for ``LaneMasks``.
        var patternCount: Int { many.count }

        /// The alphabet indices, ascending, without those whose literal masks equal an earlier
        /// character's in every pattern (a step reads nothing else of the character). The alphabet holds
        /// the case variants of every literal, and for case-sensitive patterns most of them, like the
        /// fresh character, match no position at all.
        var distinctCharacters: [Int] {
            guard let count = literal.first?.count else { return [] }
            // Compared column by column with the characters kept so far: a few dozen characters, and
            // an array per character to hash cost more than the comparisons.
            var kept: [Int] = []
            for c in 0..<count where !kept.contains(where: { k in literal.allSatisfy { $0[k] == $0[c] } }) { kept.append(c) }
            return kept
        }
    }

    /// ``TokenMasks`` with every pattern's state set side by side in one word of 64 or 128 bits, when
    /// they fit (each pattern takes its token count plus one bits: a typical key's few short values
    /// take a few dozen). A state is then one or two integers, a step a handful of operations and a
    /// visit an integer hashed, where the vector lanes hashed and compared eight or sixteen words. Each
    /// pattern keeps its own bit positions: a shift never carries a bit into the next pattern's field,
    /// as the highest position of a field (the pattern matched to its end) holds no token and no mask
    /// has a bit there. The exploration visits the same states in the same order as with
    /// ``LaneMasks`` (the packing is one to one and commutes with a step; every pattern failed is zero).
    private struct PackedMasks<Word: PackedWord> {
        let many: Word
        let one: Word
        let accept: Word
        /// Per alphabet character.
        let literal: [Word]
        let start: Word
        /// Per pattern, its accepting bit (for the answers spelled out).
        let acceptBits: [Word]

        init?(_ m: TokenMasks) {
            var offsets: [Int] = []
            var width = 0
            for a in m.accept {
                offsets.append(width)
                width += a.trailingZeroBitCount + 1
            }
            guard width <= Word.packedWidth else { return nil }
            func packed(_ words: [UInt64]) -> Word {
                var x = Word.zero
                for (p, w) in words.enumerated() { x = x | Word(w, shiftedBy: offsets[p]) }
                return x
            }
            many = packed(m.many)
            one = packed(m.one)
            accept = packed(m.accept)
            acceptBits = m.accept.indices.map { Word(m.accept[$0], shiftedBy: offsets[$0]) }
            let characters = m.literal.first?.count ?? 0
            // Per character straight from each pattern's row (no array of the column per character).
            var literal = [Word](repeating: .zero, count: characters)
            for (p, row) in m.literal.enumerated() {
                for c in 0..<characters where row[c] != 0 { literal[c] = literal[c] | Word(row[c], shiftedBy: offsets[p]) }
            }
            self.literal = literal
            let first = packed(offsets.map { _ in 1 })
            start = first | (first & many).shiftedUp
        }

        func step(_ x: Word, _ c: Int) -> Word {
            let y = (x & literal[c]).shiftedUp | (x & one).shiftedUp | (x & many)
            return y | (y & many).shiftedUp
        }

        /// ``TokenMasks/distinctCharacters`` read off the packed columns: two characters have equal
        /// masks in every pattern exactly when their packed words are equal.
        var distinctCharacters: [Int] {
            var kept: [Int] = []
            for c in literal.indices where !kept.contains(where: { literal[$0] == literal[c] }) { kept.append(c) }
            return kept
        }

        /// The accepting bits of the state: one to one with the patterns that accept in it.
        func accepting(_ x: Word) -> Word { x & accept }

        func vector(_ bits: Word) -> [Bool] { acceptBits.map { bits & $0 != .zero } }
    }

    /// ``TokenMasks`` for as many patterns as `Lanes` has lanes (8 or 16), with each pattern's state
    /// set in one lane of a vector: the same automata and the same steps, but a state is one value with
    /// no array to allocate and hash. The exploration visits the same states in the same order (unused
    /// lanes stay zero).
    private struct LaneMasks<Lanes: SIMD & Hashable> where Lanes.Scalar == UInt64 {
        let count: Int
        let many: Lanes
        let one: Lanes
        let accept: Lanes
        /// Per alphabet character.
        let literal: [Lanes]

        init?(_ m: TokenMasks) {
            count = m.patternCount
            guard count <= Lanes.scalarCount else { return nil }
            func lanes(_ words: [UInt64]) -> Lanes {
                var v = Lanes()
                for (i, w) in words.enumerated() { v[i] = w }
                return v
            }
            many = lanes(m.many)
            one = lanes(m.one)
            accept = lanes(m.accept)
            let characters = m.literal.first?.count ?? 0
            literal = (0..<characters).map { c in lanes(m.literal.map { $0[c] }) }
        }

        /// A product state. Hashed by one mixed word: the exploration hashes every state it reaches,
        /// and hashing the vector lane by lane cost more than the rest of a step.
        struct State: Hashable {
            var lanes: Lanes

            static func == (a: State, b: State) -> Bool { a.lanes == b.lanes }

            func hash(into hasher: inout Hasher) {
                var x: UInt64 = 0
                for i in 0..<Lanes.scalarCount { x = (x ^ lanes[i]) &* 0x9E37_79B9_7F4A_7C15 }
                hasher.combine(x)
            }
        }

        func closure(_ x: Lanes) -> Lanes { x | ((x & many) &<< 1) }

        /// Every pattern has failed: each step leads back here.
        var dead: State { State(lanes: Lanes()) }

        var start: State {
            var v = Lanes()
            for i in 0..<count { v[i] = 1 }
            return State(lanes: closure(v))
        }

        func step(_ state: State, _ c: Int) -> State {
            let x = state.lanes
            return State(lanes: closure(((x & literal[c]) &<< 1) | ((x & one) &<< 1) | (x & many)))
        }

        /// Bit `i` set when pattern `i` accepts in the state (at most 16 patterns, so one word).
        func acceptingBits(_ state: State) -> UInt64 {
            let hit = state.lanes & accept
            var bits: UInt64 = 0
            for i in 0..<count where hit[i] != 0 { bits |= 1 << UInt64(i) }
            return bits
        }

        /// ``acceptingBits(_:)`` as one answer per pattern.
        func vector(_ bits: UInt64) -> [Bool] { (0..<count).map { bits >> UInt64($0) & 1 == 1 } }
    }

    func vector(of text: String) -> [Bool] { patterns.map { $0.matches(text) } }

    /// The cell of a request value, found among the cells' answers: only examples and the public
    /// ``ValueSet/contains(_:)`` ask, and a table of every partition's cells cost more than they did.
    func cell(of text: String) -> Int? {
        let v = vector(of: text)
        return vectors.firstIndex(of: v)
    }

    /// The cells whose values match pattern `i`.
    func cells(matching i: Int) -> CellSet {
        var out = CellSet(count: vectors.count)
        for (cell, vector) in vectors.enumerated() where vector[i] { out.insert(cell) }
        return out
    }

    /// The cells whose values match the pattern, as the pattern's own comparison answers for each
    /// cell's witness (each cell's answers are those of its values); nil when the pattern is not one
    /// the cells were cut by.
    func cells(matching pattern: StringPattern) -> CellSet? {
        patterns.firstIndex(of: pattern).map(cells(matching:))
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

/// The state word of ``StringPartition``'s packed exploration: 64 bits, or 128 as ``PackedPair``.
protocol PackedWord: Hashable {
    static var zero: Self { get }
    /// How many bits the word holds.
    static var packedWidth: Int { get }
    /// `bits` moved up by `offset` (the bits that fit).
    init(_ bits: UInt64, shiftedBy offset: Int)
    static func & (a: Self, b: Self) -> Self
    static func | (a: Self, b: Self) -> Self
    /// Every bit moved up by one.
    var shiftedUp: Self { get }
    /// The bits folded into one word, for ``WordTable``'s hash.
    var mixed: UInt64 { get }
}

extension UInt64: PackedWord {
    static var packedWidth: Int { 64 }
    init(_ bits: UInt64, shiftedBy offset: Int) { self = bits << UInt64(offset) }
    var shiftedUp: UInt64 { self << 1 }
    var mixed: UInt64 { self }
}

/// 128 bits as two words, for the keys whose patterns need more than 64 (a long list of values).
struct PackedPair: PackedWord {
    var low: UInt64
    var high: UInt64

    static let zero = PackedPair(low: 0, high: 0)
    static var packedWidth: Int { 128 }

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    init(_ bits: UInt64, shiftedBy offset: Int) {
        if offset >= 64 {
            self.init(low: 0, high: bits << UInt64(offset - 64))
        } else {
            // Smart shifts: by 64 (offset 0) the carried part is zero.
            self.init(low: bits << UInt64(offset), high: bits >> UInt64(64 - offset))
        }
    }

    static func & (a: PackedPair, b: PackedPair) -> PackedPair { PackedPair(low: a.low & b.low, high: a.high & b.high) }
    static func | (a: PackedPair, b: PackedPair) -> PackedPair { PackedPair(low: a.low | b.low, high: a.high | b.high) }
    var shiftedUp: PackedPair { PackedPair(low: low << 1, high: high << 1 | low >> 63) }

    /// One mixed word, as the lane states hash: the exploration hashes every state it reaches.
    func hash(into hasher: inout Hasher) { hasher.combine(mixed) }

    var mixed: UInt64 { low ^ high &* 0x9E37_79B9_7F4A_7C15 }
}
