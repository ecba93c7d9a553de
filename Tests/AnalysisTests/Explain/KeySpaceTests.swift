@testable import Analysis
import RAMPolicy
import Testing

/// The value cells behind the analysis: every cell found, exact boundaries, readable words.
@Suite struct KeySpaceTests {
    func condition(_ op: String, _ key: String, _ values: [String]) throws -> Condition {
        let json = "{\"\(op)\": {\"\(key)\": [" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]}}"
        let p = try allowWhen(json)
        return try #require(p.statements.first?.conditions.first)
    }

    @Test func stringCellsCoverEveryCombination() throws {
        let p = try StringPartition(patterns: [
            StringPattern(kind: .exact, text: "abc"),
            StringPattern(kind: .ignoreCase, text: "abc"),
            StringPattern(kind: .like, text: "a*"),
        ], key: "k")
        // exact ⊂ ignore-case; like overlaps both: (T,T,T) "abc", (F,T,T) "aBC", (F,T,F) "Abc", (F,F,T) "a", (F,F,F) other.
        #expect(Set(p.vectors) == [[true, true, true], [false, true, true], [false, true, false], [false, false, true], [false, false, false]])
        for (v, w) in zip(p.vectors, p.witnesses) { #expect(p.vector(of: w) == v, "witness \(w)") }
    }

    /// The bit-mask exploration must find exactly the cells, witnesses and order of the general one, on
    /// random mixes of exact, ignore-case and glob patterns (the alphabet kept small so patterns overlap).
    @Test func bitParallelPathMatchesTheGeneralOne() throws {
        var rng = SystemRandomNumberGenerator()
        let letters: [Character] = ["a", "B", "k", "K", "*", "?", ":", "/"]
        for _ in 0..<300 {
            let count = Int.random(in: 1...4, using: &rng)
            let patterns = (0..<count).map { _ -> StringPattern in
                let length = Int.random(in: 0...7, using: &rng)
                let text = String((0..<length).map { _ in letters.randomElement(using: &rng)! })
                let kind: StringPattern.Kind = [.exact, .ignoreCase, .like].randomElement(using: &rng)!
                return StringPattern(kind: kind, text: text)
            }
            let fast = try StringPartition(patterns: patterns, key: "k")
            let general = try StringPartition(patterns: patterns, key: "k", bitParallel: false)
            #expect(fast.vectors == general.vectors, "\(patterns)")
            #expect(fast.witnesses == general.witnesses, "\(patterns)")
            for w in general.witnesses { #expect(fast.cell(of: w) == general.cell(of: w)) }
        }
        // Nine to sixteen patterns take the sixteen-lane path (whose answers are read as one bit mask).
        for _ in 0..<40 {
            let patterns = (0..<Int.random(in: 9...16, using: &rng)).map { _ -> StringPattern in
                let text = String((0..<Int.random(in: 0...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
                return StringPattern(kind: [.exact, .ignoreCase, .like].randomElement(using: &rng)!, text: text)
            }
            let fast = try StringPartition(patterns: patterns, key: "k")
            let general = try StringPartition(patterns: patterns, key: "k", bitParallel: false)
            #expect(fast.vectors == general.vectors, "\(patterns)")
            #expect(fast.witnesses == general.witnesses, "\(patterns)")
        }
        // A pattern of 70 tokens takes the general path either way and still works.
        let long = String(repeating: "ab", count: 35)
        let p = try StringPartition(patterns: [StringPattern(kind: .like, text: long + "*"), StringPattern(kind: .exact, text: long)], key: "k")
        #expect(Set(p.vectors) == [[true, true], [true, false], [false, false]])
    }

    @Test func kelvinSignAndOtherEquivalentsAreCells() throws {
        // Swift's == treats U+212A KELVIN SIGN as "K"; the glob compares scalars. A value can match one and not the other.
        let p = try StringPartition(patterns: [StringPattern(kind: .exact, text: "K"), StringPattern(kind: .like, text: "K")], key: "k")
        #expect(p.vectors.count == p.witnesses.count)
        for (v, w) in zip(p.vectors, p.witnesses) { #expect(p.vector(of: w) == v) }
        let kelvin = p.vector(of: "\u{212A}")
        #expect(p.cell(of: "\u{212A}") != nil, "the cell of \(kelvin) was not found")
        let layers = PolicyLayers(identity: [
            try allowWhen(#"{"StringEquals": {"svc:Unit": "K"}}"#),
            try denyWhen(#"{"StringLike": {"svc:Unit": "K"}}"#),
        ])
        let e = AccessExplainer(layers: layers).explain(action: submit)
        expectAgreement(e, layers, contexts(["svc:Unit": ["K", "\u{212A}", "k", "KK"]]))
    }

    @Test func nonASCIIStringValuesAreUndecidable() {
        #expect(throws: UndecidableKey.self) {
            try StringPartition(patterns: [StringPattern(kind: .ignoreCase, text: "Straße")], key: "k")
        }
    }

    /// A condition as the parser would make it of `op`, `key` and `values`, valid or not.
    static func rawCondition(_ op: String, _ key: String, _ values: [String]) -> Condition? {
        guard let op = ConditionOperator(name: op) else { return nil }
        let span = SourceSpan(start: .start, end: .start)
        return Condition(op: op, operatorSpan: span, key: Located(key, span: span, path: .root),
                         values: values.map { Located($0, span: span, path: .root) }, path: .root)
    }

    /// The positive cells read off the partition must be the cells whose witness the engine's own test
    /// of the condition accepts, for random conditions of every family — including values the engine
    /// ignores or reads in its own way (unparsable numbers and times, IP values with `*`, unmasked
    /// ranges, IPv4-mapped addresses, time zones, case variants and the Kelvin sign).
    @Test func positiveCellsAreTheEnginesAnswers() throws {
        let extra: [String: [String]] = [
            "acs:SourceVpc": ["K", "\u{212A}", "vpc-K*", "", "*", "?", "vpc-a"],
            "svc:Count": ["NaN", "1e400", "-0", "0", "+5", "abc", "0x10", "1.0000000000000002", "1"],
            "acs:CurrentTime": ["2026-01-01T08:00:00+08:00", "2026-01-01T00:00:00.5Z", "yesterday", "2026-01-01T00:00:00Z"],
            "acs:SecureTransport": ["TRUE", "False", "yes", ""],
            "acs:SourceIp": ["10.0.0.5/8", "::ffff:1.2.3.4/120", "::ffff:10.0.0.1", "1.2.3.4*", "::/0", "0.0.0.0/0",
                             "10.0.0.0/33", "nope", "2001:db8::/32", "192.168.1.7"],
        ]
        var rng = RandomPolicies.SplitMix64(state: 4_242)
        var compared = 0
        for _ in 0..<400 {
            let family = rng.pick(RandomPolicies.families)
            let pool = family.policyValues + (extra[family.key] ?? [])
            // Built directly: the validator refuses a policy with most of these values.
            let conditions = (0..<(1 + rng.int(4))).compactMap { _ in
                Self.rawCondition(rng.pick(family.operators), family.key, (0..<rng.int(4)).map { _ in rng.pick(pool) })
            }
            guard let space = try? KeySpace(key: family.key, conditions: conditions) else { continue }
            for c in conditions {
                #expect(space.positiveCells(c) == space.engineCells(c), "\(c.op.name) \(c.values.map(\.value)) among \(conditions.map(\.values))")
                compared += 1
            }
        }
        #expect(compared > 500)
    }

    @Test func orderedCellsAndWords() throws {
        let space = try KeySpace(key: "svc:N", conditions: [
            try condition("NumericLessThan", "svc:N", ["3"]), try condition("NumericEquals", "svc:N", ["7.25"]),
        ])
        // below 3, 3, (3, 7.25), 7.25, above, not a number
        #expect(space.cellCount == 6)
        #expect(space.witnesses == ["2", "3", "4", "7.25", "8", "not-a-number"])
        #expect(space.phrase(CellSet(count: 6, cells: [0, 1])) == "is at most 3")
        #expect(space.phrase(CellSet(count: 6, cells: [2])) == "is greater than 3 and less than 7.25")
        #expect(space.phrase(CellSet(count: 6, cells: [0, 1, 2, 4, 5])) == "is not 7.25")
        #expect(space.phrase(CellSet(count: 6, cells: [5])) == "is not a number")
        #expect(space.form(CellSet(count: 6, cells: [3, 4])) == .numbers([ValueInterval(lower: 7.25, lowerInclusive: true, upper: nil, upperInclusive: false)], orUnparsable: false))
    }

    @Test func adjacentDoublesLeaveNoEmptyCell() throws {
        let a = 1.0, b = 1.0.nextUp
        let space = try KeySpace(key: "svc:N", conditions: [try condition("NumericGreaterThan", "svc:N", ["\(a)", "\(b)"])])
        // below 1, 1, (no gap), 1.0000000000000002, above, not a number
        #expect(space.cellCount == 5)
    }

    /// The interval starts as a set sorted them (duplicates, both families' bounds, many ranges).
    @Test func addressBoundsAreSortedOnce() {
        var rng = RandomPolicies.SplitMix64(state: 11)
        for _ in 0..<300 {
            let values = (0..<rng.int(40)).map { _ in UInt128Value(high: UInt64(rng.int(3)), low: UInt64(rng.int(6))) }
            #expect(AddressPartition.ascendingDistinct(values) == Set(values).sorted())
        }
    }

    @Test func addressesSplitIntoCIDRs() throws {
        let space = try KeySpace(key: "acs:SourceIp", conditions: [
            try condition("IpAddress", "acs:SourceIp", ["10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "::ffff:192.0.2.1"]),
        ])
        let positive = space.positiveCells(try condition("IpAddress", "acs:SourceIp", ["10.0.0.0/8", "2001:db8::/32"]))
        #expect(space.phrase(positive) == "is in 10.0.0.0/8, 2001:db8::/32")
        #expect(space.phrase(positive.complement) == "is not in 10.0.0.0/8, 2001:db8::/32")
        let mapped = space.positiveCells(try condition("IpAddress", "acs:SourceIp", ["::ffff:192.0.2.1"]))
        #expect(space.phrase(mapped) == "is in 192.0.2.1")
        #expect(AddressPartition.blocks(UInt128Value(high: 0, low: 0x0A00_0001), UInt128Value(high: 0, low: 0x0A00_0006), true)
                == ["10.0.0.1", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6"])
        #expect(AddressPartition.format(UInt128Value(high: 0x2001_0DB8_0000_0000, low: 1), false) == "2001:db8::1")
        #expect(AddressPartition.format(.zero, false) == "::")
        // Written byte by byte: dotted decimal and RFC 5952 (first longest zero run, none of one word).
        let texts: [(UInt64, UInt64, Bool, String)] = [
            (0, 0xCB00_7107, true, "203.0.113.7"), (0, 0, true, "0.0.0.0"), (0, 0xFFFF_FFFF, true, "255.255.255.255"),
            (0, 0x0A00_6401, true, "10.0.100.1"), (0, 1, false, "::1"), (0x0001_0000_0000_0000, 0, false, "1::"),
            (0x2001_0DB8_0000_0001, 0x0000_0000_0000_0001, false, "2001:db8:0:1::1"),
            (0x2001_0DB8_0000_0000, 0x0001_0000_0000_0001, false, "2001:db8::1:0:0:1"),
            (0x0001_0000_0002_0000, 0x0003_0000_0004_0000, false, "1:0:2:0:3:0:4:0"),
            (0xABCD_EF01_2345_6789, 0xFFFF_0000_00A0_0B00, false, "abcd:ef01:2345:6789:ffff:0:a0:b00"),
        ]
        for (high, low, v4, text) in texts {
            #expect(AddressPartition.format(UInt128Value(high: high, low: low), v4) == text)
        }
        var rng = RandomPolicies.SplitMix64(state: 5_952)
        for _ in 0..<500 {
            // Words of zero and non-zero at random, so that runs of every length occur.
            let words = (0..<8).map { _ in rng.chance(50) ? UInt64(0) : rng.next() & 0xFFFF }
            let a = UInt128Value(high: words[0..<4].reduce(0) { $0 << 16 | $1 }, low: words[4..<8].reduce(0) { $0 << 16 | $1 })
            let text = AddressPartition.format(a, false)
            let parsed = try #require(IPAddress(parsing: text), "\(text)")
            #expect(parsed.high == a.high && parsed.low == a.low || parsed.isIPv4, "\(text)")
            #expect(!text.contains(":::") && text.components(separatedBy: "::").count <= 2, "\(text)")
        }
        for w in space.witnesses.dropLast() { #expect(IPAddress(parsing: w) != nil, "\(w)") }
    }

    @Test func instantsRoundTrip() throws {
        let space = try KeySpace(key: "acs:CurrentTime", conditions: [
            try condition("DateGreaterThan", "acs:CurrentTime", ["2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.500000001Z"]),
        ])
        // below, .5, (no instant strictly between), .500000001, above, not a date
        #expect(space.cellCount == 5)
        #expect(space.witnesses[1] == "2026-01-01T00:00:00.5Z")
        #expect(space.witnesses[2] == "2026-01-01T00:00:00.500000001Z")
        #expect(space.witnesses[3] == "2026-01-02T00:00:00Z")
        for w in space.witnesses.dropLast() { #expect(ContextValue(w).instant != nil, "\(w)") }
    }

    @Test func keyConstraintAlgebra() {
        let n = 4
        let a = KeyConstraint(absent: false, within: .all(n), hits: [CellSet(count: n, cells: [0, 1])], cellCount: n)
        let b = KeyConstraint(absent: true, within: CellSet(count: n, cells: [1, 2]), cellCount: n)
        let both = a.intersection(b)
        #expect(both == KeyConstraint(absent: false, within: CellSet(count: n, cells: [1, 2]), hits: [CellSet(count: n, cells: [1])], cellCount: n))
        // Complement and constraint partition every request shape (absent, each single value, each pair).
        var shapes: [[Int]?] = [nil]
        for i in 0..<n { shapes.append([i]) }
        for i in 0..<n { for j in (i + 1)..<n { shapes.append([i, j]) } }
        for c in [a, b, both, KeyConstraint.universe(n)] {
            for s in shapes {
                let inside = c.isSatisfied(byCells: s)
                let outside = c.complement.contains { $0.isSatisfied(byCells: s) }
                #expect(inside != outside, "\(c) on \(String(describing: s))")
            }
        }
    }
}
