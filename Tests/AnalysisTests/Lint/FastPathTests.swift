@testable import Analysis
import ActionCatalog
import RAMPolicy
import Testing

/// The linter's byte-level shortcuts against the general code they stand in for, on many random
/// inputs: glob matching, pattern inclusion, action and resource coverage, folding, known service
/// codes, fingerprints.
@Suite("Lint: fast paths agree with the general ones")
struct FastPathTests {
    typealias Rng = RandomPolicies.SplitMix64

    /// Short patterns over a small alphabet, so that matches, near misses and every wildcard shape occur.
    static func pattern(_ rng: inout Rng, alphabet: [String] = ["a", "B", ":", "*", "?", "v", "D", "/"]) -> String {
        String((0..<rng.int(8)).map { _ in Character(rng.pick(alphabet)) })
    }

    static func located(_ text: String) -> Located<String> {
        let at = SourceLocation(line: 1, column: 1, offset: 0)
        return Located(text, span: SourceSpan(start: at, end: at), path: PolicyPath.root)
    }

    @Test func asciiGlobMatchesLikeGlob() {
        var rng = Rng(state: 11)
        for _ in 0..<20_000 {
            let p = Self.pattern(&rng), s = Self.pattern(&rng, alphabet: ["a", "B", ":", "v", "D", "/"])
            #expect(ASCIIGlob.matches(p, s) == Glob(p, caseInsensitive: false).matches(s), "\(p) ~ \(s)")
        }
    }

    @Test func inclusionWithItsShortcutsMatchesTheAlignment() {
        var rng = Rng(state: 12)
        for _ in 0..<20_000 {
            var t = Self.pattern(&rng), r = Self.pattern(&rng)
            let full = t.withUTF8 { tb in r.withUTF8 { rb in GlobInclusion.align(tb, rb, star: UInt8(ascii: "*"), one: UInt8(ascii: "?")) } }
            #expect(GlobInclusion.covers(ascii: t, r) == full, "\(t) ⊇ \(r)")
            #expect(GlobInclusion.covers(t, r) == full, "\(t) ⊇ \(r)")
        }
    }

    @Test func actionCoverageMatchesTheGeneralComparison() {
        var rng = Rng(state: 13)
        let context = CatalogContext(.vod)
        let parts = ["vod:", "VOD:", "ecs:", "*", "?", "Get", "get", "Play", "Info", "*:*", "é"]
        for _ in 0..<10_000 {
            let a = ActionFacts((0..<1 + rng.int(3)).map { _ in rng.pick(parts) }.joined(), context: context)
            let b = ActionFacts((0..<1 + rng.int(3)).map { _ in rng.pick(parts) }.joined(), context: context)
            #expect(a.folded == Glob.fold(a.text))
            #expect(a.isCovered(by: b) == Self.generalIsCovered(a, by: b), "\(a.text) ⊆ \(b.text)")
            #expect(a.isCoveredQuickly(by: b) == a.isCovered(by: b), "\(a.text) ⊆ \(b.text)")
            #expect(a.isSame(as: b) == ASCIIFold.equal(a.text, b.text))
        }
    }

    /// The document table's masks and folded numbers answer exactly as the pairwise comparisons do.
    @Test func patternTableMatchesThePairwiseComparisons() {
        var rng = Rng(state: 15)
        let context = CatalogContext(.vod)
        let parts = ["vod:", "VOD:", "ecs:", "*", "?", "Get", "get", "Play", "Info", "*:*", "é", "K", "DescribeLoadBalancers", "describeload"]
        for _ in 0..<300 {
            var table = ActionPatterns(context: context)
            let texts = (0..<1 + rng.int(40)).map { _ in (0..<1 + rng.int(3)).map { _ in rng.pick(parts) }.joined() }
            let entries = texts.map { (text: $0, facts: table.intern($0)) }
            let coverage = table.coverage()
            #expect(coverage.isComplete)
            for e in entries {
                #expect(e.facts.text == e.text)
                #expect(table.patterns[e.facts.id].id == e.facts.id)
                #expect(table.patterns[e.facts.id].text == e.text)
            }
            for p in table.patterns {
                for q in table.patterns {
                    #expect(coverage.coveredBy(p).contains(q.id) == p.isCovered(by: q), "\(p.text) ⊆ \(q.text)")
                    #expect(p.isCoveredQuickly(by: q) == p.isCovered(by: q), "\(p.text) ⊆ \(q.text)")
                    #expect(p.isSame(as: q) == ASCIIFold.equal(p.text, q.text), "\(p.text) = \(q.text)")
                }
            }
        }
    }

    /// An action entry's path built from its list's path is the path the validator gave it, for arrays,
    /// single strings, NotAction and a statement written as a single object.
    @Test func actionPathsMatchTheRenderedOnes() {
        let documents = [
            #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vod:GetPlayInfo","ecs:*","rds:Describe*"],"Resource":"*"},{"Effect":"Allow","NotAction":["vod:*","ram:*"],"Resource":"*"},{"Effect":"Deny","Action":"oss:PutObject","Resource":"*"}]}"#,
            #"{"Version":"1","Statement":{"Effect":"Allow","Action":["vod:GetPlayInfo","vod:Get*","VOD:getplayinfo"],"Resource":"*"}}"#,
        ]
        for text in documents {
            var document = DocumentLint(linter: Linter(), file: "p.json", text: text, kind: .identity)
            document.run()
            #expect(!document.statements.isEmpty)
            for s in document.statements {
                for j in s.actions.indices {
                    #expect(s.actionPath(j) == s.statement.actions[j].path)
                }
            }
        }
    }

    /// Findings come in document order: the stable sort of the rules' order by position, here where
    /// coverage findings (about earlier statements) come after the action findings of later ones.
    @Test func findingsComeInDocumentOrder() {
        let text = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:Describe*","ecs:DescribeInstances","rds:*"],"Resource":"*"},{"Effect":"Allow","Action":["ecs:DescribeInstances","ecs:DescribeInstances","rds:*"],"Resource":"*"},{"Effect":"Allow","Action":["rds:*"],"Resource":"*"},{"Effect":"Allow","Action":["vod:GetPlayInfo","vod:Get*"],"Resource":"*"}]}"#
        var document = DocumentLint(linter: Linter(), file: "p.json", text: text, kind: .identity)
        document.run()
        let emitted = document.findings
        let offsets = emitted.map { $0.span?.start.offset ?? -1 }
        let expected = emitted.indices.sorted { a, b in offsets[a] != offsets[b] ? offsets[a] < offsets[b] : a < b }.map { emitted[$0] }
        #expect(emitted != expected, "the rules' order should differ from document order here")
        #expect(document.takeSortedFindings() == expected)
    }

    /// Arranging by key is a stable sort: for random keys with many ties, nearly sorted lists and
    /// lists long enough for the general sort.
    @Test func arrangingByKeyIsAStableSort() {
        var rng = Rng(state: 17)
        for round in 0..<600 {
            let n = rng.int(round % 3 == 0 ? 200 : 40)
            var keys = (0..<n).map { _ in rng.int(12) - 1 }
            if round % 2 == 0 { keys.sort(); if n > 2 { keys.append(rng.int(12)) } }
            let items = keys.enumerated().map { "\($0.element) #\($0.offset)" }
            let expected = items.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : a < b }.map { items[$0] }
            var arranged = items
            DocumentLint.arrange(&arranged) { Int($0.prefix { $0 != " " })! }
            #expect(arranged == expected)
        }
    }

    /// `ActionFacts.isCovered(by:)` as it was before its byte-level path.
    static func generalIsCovered(_ a: ActionFacts, by other: ActionFacts) -> Bool {
        if other.isAll || ASCIIFold.equal(other.text, a.text) { return true }
        guard other.wild else { return false }
        if !a.wild { return Glob(other.folded, caseInsensitive: false).matches(folded: a.folded) }
        return GlobInclusion.covers(other.folded, a.folded)
    }

    @Test func resourceCoverageMatchesTheGeneralComparison() {
        var rng = Rng(state: 14)
        let parts = ["acs:vod:", "*", "?", "cn-shanghai", ":", "1234", "/", "video", "Video", "é"]
        for _ in 0..<10_000 {
            let a = ResourceFacts(Self.located((0..<1 + rng.int(4)).map { _ in rng.pick(parts) }.joined()))
            let b = ResourceFacts(Self.located((0..<1 + rng.int(4)).map { _ in rng.pick(parts) }.joined()))
            let general: Bool
            if b.isAll || b.located.value == a.located.value {
                general = true
            } else if !b.wild {
                general = false
            } else {
                general = a.wild ? GlobInclusion.covers(b.located.value, a.located.value)
                    : Glob(b.located.value, caseInsensitive: false).matches(a.located.value)
            }
            #expect(a.isCovered(by: b) == general, "\(a.located.value) ⊆ \(b.located.value)")
        }
    }

    @Test func knownServicesLookupMatchesTheSet() {
        let context = CatalogContext(.vod)
        var codes = Array(KnownServices.codes) + ["VOD", "Ram", "acs", "vodx", "", "resourcemanagerx", "é", "RESOURCEMANAGER"]
        var rng = Rng(state: 15)
        for _ in 0..<2_000 { codes.append(Self.pattern(&rng, alphabet: ["r", "A", "m", "s", "t", "O", "d", "v"])) }
        for code in codes {
            let sub = Substring(code)
            #expect(context.isKnownService(sub) == KnownServices.contains(sub), "\(code)")
        }
    }

    /// The typed-key shortcut of the condition rules names the key `GlobalConditionKey.lookup` finds
    /// whenever that key is typed, for documented keys in any case, near misses and key families.
    @Test func typedKeyMatchesTheLookup() {
        guard let typed = DocumentLint.typedGlobalKeys else { return }
        var keys = GlobalConditionKey.all.map(\.name) + ["acs:currenttimex", "acs:SourceIP", "ACS:MFAPRESENT", "acs:RequestTag/Env", "", "acs:", "é:SourceIp"]
        var rng = Rng(state: 18)
        for name in GlobalConditionKey.all.map(\.name) {
            for _ in 0..<20 {
                keys.append(String(name.map { rng.int(2) == 0 ? Character($0.uppercased()) : Character($0.lowercased()) }))
            }
        }
        for key in keys {
            let expected = GlobalConditionKey.lookup(key).flatMap { $0.type != .string ? $0 : nil }
            if let answer = DocumentLint.typedKey(key, among: typed) {
                #expect(answer == expected, "\(key)")
            } else {
                #expect(key.utf8.contains { $0 >= 0x80 }, "only a non-ASCII key is left to the lookup: \(key)")
            }
        }
    }

    /// A statement's window on its document's entries reads exactly its own entries, in order.
    @Test func actionListIsTheStatementsEntries() {
        let context = CatalogContext(.vod)
        let all = ["vod:GetPlayInfo", "ecs:*", "rds:Describe*", "oss:PutObject", "vod:*"].map { ActionFacts($0, context: context) }
        let window = ActionList(all, offset: 1, count: 3)
        #expect(window.count == 3)
        #expect(window.map(\.text) == ["ecs:*", "rds:Describe*", "oss:PutObject"])
        #expect(window[..<2].map(\.text) == ["ecs:*", "rds:Describe*"])
        #expect(ActionList(all, offset: 5, count: 0).isEmpty)
    }

    /// Texts keep their first numbers as the table grows past its initial size, whatever their lengths
    /// (the hash reads words and a tail).
    @Test func textIndexNumbersTextsInFirstSeenOrder() {
        var index = TextIndex(expected: 2)
        let texts = (0..<200).map { String(repeating: "ab", count: $0 % 13) + "x\($0 % 97)" }
        var numbers: [String: Int] = [:]
        for t in texts {
            let (n, inserted) = index.insert(t)
            if let known = numbers[t] {
                #expect(n == known && !inserted, "\(t)")
            } else {
                #expect(n == numbers.count && inserted, "\(t)")
                numbers[t] = n
            }
        }
        #expect(index.count == numbers.count)
        #expect(TextIndex.hash("vod:GetPlayInfo") == TextIndex.hash(String("xvod:GetPlayInfo".dropFirst())))
    }

    /// A table emptied for the next document (kept, grown or made smaller) forgets every text and
    /// numbers from 0 again, as a new table would.
    @Test func textIndexResetForgetsEverything() {
        var index = TextIndex(expected: 4)
        for (round, expected) in [4, 4, 300, 8, 1, 70].enumerated() {
            index.reset(expected: expected)
            #expect(index.count == 0)
            #expect(index.find("old \(round)", hash: TextIndex.hash("old \(round)")) == nil)
            let texts = (0..<(2 * expected + 3)).map { "t\($0 % (expected + 1)) r\(round)" }
            var fresh = TextIndex(expected: expected)
            for t in texts { #expect(index.insert(t) == fresh.insert(t), "\(t)") }
            #expect(index.count == fresh.count)
            _ = index.insert("old \(round + 1)")
        }
    }

    @Test func foldMatchesGlobFold() {
        var rng = Rng(state: 16)
        for _ in 0..<5_000 {
            let s = Self.pattern(&rng, alphabet: ["a", "Z", "A", "z", ":", "*", "0", "@", "[", "`"])
            #expect(ASCIIFold.fold(ascii: s, hasUpperCase: s.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }) == Glob.fold(s))
            #expect(ASCIIFold.fold(s) == Glob.fold(s))
            let accented = s + "É\u{212A}"
            #expect(ASCIIFold.fold(accented) == Glob.fold(accented))
        }
    }

    @Test func fingerprintFromTheTextMatchesTheSnippetOne() {
        var rng = Rng(state: 17)
        let text = "{\n  \"Statement\": [ {\"Effect\":\t\"Allow\",\r\n \"Action\": \"vod:*\"} ]\n}\n"
        let count = text.utf8.count
        for _ in 0..<2_000 {
            let a = rng.int(count + 3) - 1, b = rng.int(count + 3) - 1
            let span = SourceSpan(start: SourceLocation(line: 1, column: 1, offset: a), end: SourceLocation(line: 1, column: 1, offset: b))
            let path = rng.pick(["", "Statement[0]", "Statement[12].Action[3]", "Statement[1].Condition.Bool.acs:MFAPresent[0]", "a]b[c"])
            let expected = Finding.fingerprint(code: "Code", file: "f.json", path: path, snippet: Finding.snippet(of: text, span: span))
            #expect(Finding.fingerprint(code: "Code", file: "f.json", path: path, text: text, span: span) == expected)
        }
        #expect(Finding.fingerprint(code: "Code", file: "f.json", path: "", text: text, span: nil)
            == Finding.fingerprint(code: "Code", file: "f.json", path: "", snippet: []))
    }

    /// The word-wise hex digits are `String(value, radix: 16)` padded to 16 digits, for random values
    /// and every digit at every position.
    @Test func fingerprintHexMatchesTheRadixString() {
        var rng = Rng(state: 31)
        var values: [UInt64] = [0, ~0, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0xa0b1_c2d3_e4f5_0617]
        for _ in 0..<2_000 { values.append(UInt64(truncatingIfNeeded: rng.int(Int.max)) &* 0x9E37_79B9_7F4A_7C15) }
        for shift in 0..<16 { values.append(0xF << UInt64(4 * shift)); values.append(0x9 << UInt64(4 * shift)) }
        for v in values {
            // A hash's digits (`hex`), and the digits of `v` itself (`hexDigits`).
            var h = FNV1a64()
            h.combine(byte: UInt8(truncatingIfNeeded: v))
            h.combine(byte: UInt8(truncatingIfNeeded: v >> 8))
            let expected = String(h.value, radix: 16)
            #expect(h.hex == String(repeating: "0", count: 16 - expected.count) + expected)
            let digits = String(v, radix: 16)
            let bytes = withUnsafeBytes(of: FNV1a64.hexDigits(UInt32(truncatingIfNeeded: v >> 32))) { Array($0) }
                + withUnsafeBytes(of: FNV1a64.hexDigits(UInt32(truncatingIfNeeded: v))) { Array($0) }
            #expect(String(decoding: bytes, as: UTF8.self) == String(repeating: "0", count: 16 - digits.count) + digits)
        }
    }
}

extension FastPathTests {
    /// Catalogue sets as fixed bits answer emptiness and inclusion as the sets do, for the catalogue's
    /// pattern sets and their unions.
    @Test func catalogBitsAgreeWithActionSets() throws {
        let catalog = ActionCatalog.vod
        let patterns = ["vod:*", "vod:Get*", "vod:*Job*", "vod:GetPlayInfo", "vod:Nothing*", "*", "vod:List*", "vod:Submit*",
                        "vod:?et*", "vod:Describe*"]
        let sets = patterns.map { catalog.matching($0) }
        let bits = try sets.map { try #require(CatalogBits($0)) }
        for (a, x) in zip(sets, bits) {
            #expect(a.isEmpty == x.isEmpty)
            for (b, y) in zip(sets, bits) {
                #expect(a.isSubset(of: b) == x.isSubset(of: y))
                var union = x
                union.formUnion(y)
                #expect(try #require(CatalogBits(a.union(b))) == union)
            }
        }
        #expect(CatalogContext(catalog).bitsFit)
    }
}
