import Foundation
import RAMPolicy
import Testing

/// Properties of the JSON parser and the validator on random valid policies and their mutilations.
@Suite("parser properties")
struct ParserProperties {
    @Test("a valid policy written with any whitespace or escaping validates to the same statements")
    func styleDoesNotChangeMeaning() throws {
        var run = PropertyRun("reserialise")
        var styles = 0
        try run.forAll { g, i, run in
            let policy = PropertySupport.fit(PolicyGenerator.policy(&g, name: "p.json"), kind: .identity,
                                             style: .pretty(indent: 4, crlf: true))
            let expected = policy.statements.map(PropertySupport.Meaning.init)
            var warnings: [String]?
            for style in [JSONStyle.minified, .pretty(indent: 2, crlf: false), .pretty(indent: 4, crlf: true),
                          .scattered(seed: g.next()), .escaped(seed: g.next())] {
                let text = policy.json(style)
                let result = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
                styles += 1
                let meaning = result.policy?.statements.map(PropertySupport.Meaning.init)
                run.check(meaning == expected,
                          "\(style) validates to \(meaning.map { "\($0)" } ?? "errors \(result.errors)"), expected \(expected)\n\(text)",
                          caseIndex: i, policies: [("identity", [policy])], request: nil)
                // Whitespace and escapes change neither the warnings nor the statement count.
                let codes = result.warnings.map { "\($0.code.id) \($0.path)" }
                if let warnings {
                    run.check(codes == warnings, "\(style) warns \(codes), minified warns \(warnings)",
                              caseIndex: i, policies: [("identity", [policy])], request: nil)
                } else {
                    warnings = codes
                }
                run.check(result.statementCount == policy.statements.count, "\(style) counts \(result.statementCount) statements",
                          caseIndex: i, policies: [("identity", [policy])], request: nil)
            }
        }
        run.summary("\(styles) documents validated")
        #expect(styles >= PropertyConfig.cases * 5)
    }

    @Test("a valid document truncated at any byte is a JsonSyntaxError located inside the text")
    func truncationIsALocatedSyntaxError() throws {
        // Every byte of every document is tried, so fewer (and shorter) documents than elsewhere.
        var run = PropertyRun("truncate", cases: max(1, PropertyConfig.cases / 4))
        var prefixes = 0
        try run.forAll { g, i, run in
            let policy = PolicyGenerator.policy(&g, name: "p.json", statements: 1...3)
            let style = g.pick([JSONStyle.minified, .pretty(indent: 2, crlf: g.chance(0.5)), .scattered(seed: g.next()),
                                .escaped(seed: g.next())])
            let bytes = Array(policy.json(style).utf8)
            let end = try #require(bytes.lastIndex(of: UInt8(ascii: "}"))) + 1
            for n in 0..<end {
                prefixes += 1
                let prefix = Array(bytes[0..<n])
                let result = prefix.withUnsafeBufferPointer { JSONParser().parse(bytes: $0) }
                let problem = Self.locationProblem(result, prefix)
                run.check(problem == nil, "prefix of \(n) bytes: \(problem ?? "")\n\(String(decoding: prefix, as: UTF8.self))",
                          caseIndex: i, policies: [("identity", [policy])], request: nil)
                // The validator reports the same error, as a located JsonSyntaxError diagnostic.
                if let text = Self.utf8(prefix) {
                    let v = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
                    let syntax = v.errors.first { $0.code == .jsonSyntaxError }
                    run.check(v.policy == nil && syntax?.span?.start == result.error?.location,
                              "the validator reports \(v.errors) for a prefix of \(n) bytes, the parser \(String(describing: result.error))",
                              caseIndex: i, policies: [("identity", [policy])], request: nil)
                }
            }
        }
        run.summary("\(prefixes) prefixes parsed")
        #expect(prefixes > 1_000)
    }

    @Test("random byte mutations of valid documents never crash the parser and locate every error")
    func mutationsAreHandled() throws {
        var run = PropertyRun("mutate")
        var rejected = 0
        try run.forAll { g, i, run in
            let policy = PolicyGenerator.policy(&g, name: "p.json", statements: 1...4)
            var bytes = Array(policy.json(g.pick([.minified, .scattered(seed: g.next())])).utf8)
            for _ in 0..<g.int(1...4) {
                let at = g.int(0...bytes.count)
                let byte: UInt8 = g.chance(0.5) ? g.pick(Array("{}[]\",:\\ntfu0-.e \n".utf8)) : UInt8(truncatingIfNeeded: g.next())
                switch g.int(0...2) {
                case 0 where at < bytes.count: bytes[at] = byte
                case 1 where at < bytes.count: bytes.remove(at: at)
                default: bytes.insert(byte, at: at)
                }
            }
            let result = bytes.withUnsafeBufferPointer { JSONParser().parse(bytes: $0) }
            if result.value == nil { rejected += 1 }
            let problem = Self.locationProblem(result, bytes, expectError: false)
            run.check(problem == nil, problem ?? "", caseIndex: i, policies: [("identity", [policy])], request: nil)
            if let text = Self.utf8(bytes) {
                let v = PolicyValidator().validate(PolicySource(name: "p.json", text: text))
                run.check(v.isValid == v.errors.isEmpty, "valid=\(v.isValid) with errors \(v.errors)",
                          caseIndex: i, policies: [("identity", [policy])], request: nil)
                for d in v.diagnostics {
                    if let span = d.span {
                        run.check(span.start.offset <= bytes.count && span.end.offset <= bytes.count && span.start <= span.end,
                                  "diagnostic \(d) spans \(span) outside the \(bytes.count)-byte text",
                                  caseIndex: i, policies: [("identity", [policy])], request: nil)
                    }
                }
            }
        }
        run.summary("\(rejected) mutants rejected by the parser")
        #expect(rejected > 0)
    }

    /// The bytes as a String when they are well-formed UTF-8.
    static func utf8(_ bytes: [UInt8]) -> String? {
        let s = String(decoding: bytes, as: UTF8.self)
        return s.utf8.elementsEqual(bytes) ? s : nil
    }

    /// Nil when the result has exactly one of value and error and the error's line, column and
    /// offset point into (or just past the end of) `bytes`; otherwise what is wrong.
    static func locationProblem(_ result: JSONParser.Result, _ bytes: [UInt8], expectError: Bool = true) -> String? {
        if (result.value == nil) == (result.error == nil) { return "value and error: \(result.value != nil), \(result.error != nil)" }
        guard let error = result.error else { return expectError ? "a truncated document parsed" : nil }
        let loc = error.location
        guard loc.offset >= 0, loc.offset <= bytes.count else { return "offset \(loc.offset) outside 0...\(bytes.count): \(error)" }
        // Recompute line and column of the offset: lines split at LF, columns count scalars (UTF-8
        // lead bytes), both 1-based.
        var line = 1, column = 1
        for b in bytes[0..<loc.offset] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        // A BOM is skipped without counting it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), line == 1 { column -= 1 }
        guard loc.line == line, loc.column == column else {
            return "error at \(loc.line):\(loc.column) (offset \(loc.offset)), but that offset is \(line):\(column): \(error)"
        }
        return nil
    }
}

/// Hostile inputs the fuzz target's limits exist for, as deterministic regression tests.
@Suite("parser limit regressions")
struct ParserLimitRegressions {
    @Test("100,000 nested '[' are rejected at the depth limit, quickly")
    func deepNesting() throws {
        for (open, name) in [("[", "arrays"), ("{\"a\":", "objects"), ("[{\"a\":", "mixed")] {
            let text = String(repeating: open, count: 100_000)
            let clock = ContinuousClock()
            var result: JSONParser.Result?
            let elapsed = clock.measure { result = JSONParser().parse(text) }
            let error = try #require(result?.error, "\(name): no error")
            #expect(error.message == "nesting deeper than 64 levels", "\(name): \(error)")
            #expect(error.location.line == 1)
            // The 65th container is where the limit bites.
            let unit = open.utf8.count
            let expectedOffset = open == "[{\"a\":" ? 32 * unit : 64 * unit  // two containers per unit when mixed
            #expect(error.location.offset == expectedOffset, "\(name): \(error.location)")
            #expect(elapsed < .seconds(2), "\(name): \(elapsed)")

            let v = PolicyValidator().validate(PolicySource(name: "deep.json", text: text))
            #expect(!v.isValid)
            #expect(v.errors.contains { $0.code == .jsonSyntaxError && $0.message.contains("nesting deeper than 64 levels") }, "\(v.errors)")
        }
        // Exactly at the limit still parses.
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(JSONParser().parse(atLimit).value != nil)
        #expect(JSONParser().parse("[" + atLimit + "]").error?.message == "nesting deeper than 64 levels")
    }

    @Test("a 20 MB input is rejected by the size limit without being parsed")
    func hugeInput() throws {
        let size = 20 * 1024 * 1024
        // A valid-looking start, so only the size limit can reject it.
        var bytes = Array("{\"Version\": \"1\", \"Statement\": [".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: size - bytes.count - 2)
        bytes += Array("]}".utf8)
        let before = Self.peakResidentKB()
        let clock = ContinuousClock()
        var result: JSONParser.Result?
        let elapsed = clock.measure { result = bytes.withUnsafeBufferPointer { JSONParser().parse(bytes: $0) } }
        let error = try #require(result?.error)
        #expect(error.message == "input is \(size) bytes; the limit is \(16 << 20) bytes")
        #expect(error.location == .start)
        #expect(elapsed < .milliseconds(100), "\(elapsed)")

        // Through the validator (what the CLI does with a file): a located JSON error and the size error.
        let text = String(decoding: bytes, as: UTF8.self)
        let validated = clock.measure {
            let v = PolicyValidator().validate(PolicySource(name: "huge.json", text: text))
            #expect(!v.isValid)
            #expect(v.errors.contains { $0.code == .jsonSyntaxError && $0.message.contains("the limit is 16777216 bytes") }, "\(v.errors)")
            #expect(v.errors.contains { $0.code == .policySizeExceeded }, "\(v.errors)")
        }
        #expect(validated < .seconds(5), "\(validated)")
        // No copy of the input beyond the two the test itself holds (20 MB each), with room for the
        // test runner's other work: the parser never builds a tree for it.
        let grown = Self.peakResidentKB() - before
        #expect(grown < 256 * 1024, "peak resident size grew by \(grown) KB")

        // Just under the limit, the same document parses (the limit is on size, not content).
        let limits = JSONParserLimits(maxDepth: 64, maxBytes: size)
        #expect(bytes.withUnsafeBufferPointer { JSONParser(limits: limits).parse(bytes: $0) }.value != nil)
    }

    /// Peak resident set size of this process in KB (getrusage's ru_maxrss on Linux).
    static func peakResidentKB() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss / 1024  // bytes on Darwin
        #endif
    }
}
