import Foundation
@testable import Reporting
import Testing

/// The fast findings writer must produce exactly what Foundation's JSONEncoder would: same bytes, pretty
/// or compact, for every optional, escape and empty list.
@Suite struct FindingsJSONWriterTests {
    static let awkward = "quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00} unit \u{1F} del \u{7F} "
        + "line-sep \u{2028} CJK 策略 emoji 🔐 combining e\u{301}"

    static let samples: [FindingInfo] = [
        FindingInfo(code: "AdministratorAccess", severity: "security-warning", title: "Full administrator access",
                    help: awkward, message: "Statement[0] allows *", remedy: "List actions.", file: "policies/a b/ü.json",
                    line: 5, column: 17, endLine: 5, endColumn: 20, path: "Statement[0].Action", fingerprint: "ae7468e5ba926e9a",
                    snippet: [SourceLine(line: 5, text: "      \"Action\": \"*\","), SourceLine(line: 6, text: awkward)],
                    related: [RelatedLocationInfo(message: "first here", file: "x.json", line: 1, column: 2, endLine: 3, endColumn: 4,
                                                  path: "Statement[1]"),
                              RelatedLocationInfo(message: awkward, file: "y.json")],
                    suppressed: SuppressionInfo(kind: "config", reason: awkward)),
        FindingInfo(code: "PolicySizeExceeded", severity: "error", title: "t", help: "", message: "", remedy: "", file: "f",
                    path: "", fingerprint: ""),
    ]

    func reports() -> [Report] {
        var report = AnalysisSamples.named("lint")
        report.findings = Self.samples + AnalysisSamples.findings + [AnalysisSamples.hostile(AnalysisSamples.named("lint")).findings ?? []].flatMap { $0 }
        var onlyFindings = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        onlyFindings.findings = Self.samples
        var both = AnalysisSamples.hostile(AnalysisSamples.named("audit"))
        both.findings = Self.samples
        both.audit? += [IdentityAuditInfo(identity: Self.awkward, policies: [], checks: [
            AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: "never", summary: Self.awkward),
            AccessCheckInfo(action: "vod:X", resource: Self.awkward, verdict: "always", summary: "s",
                            statements: [AnalysisSamples.allowStatement, AnalysisSamples.denyStatement], expected: "granted", passed: true),
        ])]
        return [report, onlyFindings, AnalysisSamples.named("audit"), AnalysisSamples.hostile(AnalysisSamples.named("audit")), both]
    }

    /// A lint report of `findings`, pretty and compact, must be exactly Foundation's bytes.
    static func expectFoundationBytes(_ findings: [FindingInfo], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var report = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        report.findings = findings
        for pretty in [true, false] {
            let fast = JSONReportEncoder(pretty: pretty).encode(report)
            let reference = JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A]
            #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [true, false])
    func byteIdenticalToFoundation(pretty: Bool) throws {
        for report in reports() {
            let fast = JSONReportEncoder(pretty: pretty).encode(report)
            let reference = JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A]
            #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count)):\n\(String(decoding: fast.prefix(4_000), as: UTF8.self))")
            // And it is still JSON whose findings decode back to the same values.
            let decoded = try JSONDecoder().decode(Report.self, from: Data(fast))
            #expect(decoded.findings == report.findings)
            #expect(decoded.audit == report.audit)
        }
    }

    /// The writer skips eight bytes at a time where nothing needs escaping: put every escapable byte at
    /// every offset of a word, in strings of every length around the word size.
    @Test func escapesAtEveryOffsetMatchFoundation() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}", "\u{7F}", "é", "/"]
        var strings: [String] = []
        for length in 0...19 {
            for special in specials {
                for offset in 0..<max(1, length) {
                    var chars = Array(String(repeating: "abcdefghijklmnopqrstuvwxyz", count: 1).prefix(length))
                    if length > 0 { chars[offset] = special }
                    strings.append(String(chars))
                }
            }
        }
        let findings = strings.map {
            FindingInfo(code: "C", severity: "warning", title: $0, help: $0, message: $0, remedy: $0, file: $0, path: $0, fingerprint: $0)
        }
        var report = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        report.findings = findings
        for pretty in [true, false] {
            let fast = JSONReportEncoder(pretty: pretty).encode(report)
            let reference = JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A]
            #expect(fast == reference)
        }
    }

    /// Every byte of a word is tested on its own: a byte to escape next to another, or after one, is
    /// flagged exactly, and nothing else is (the writer escapes every flagged byte of a word in turn).
    @Test func escapeFlagsAreExactForEveryByteAtEveryPosition() {
        func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }
        let fillers: [UInt8] = [0x61, 0x00, 0x22, 0x5C, 0x1F, 0x20, 0x80, 0xFF]
        for filler in fillers {
            for b in 0...255 {
                for position in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(b)
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    var expected: UInt64 = 0
                    for (index, byte) in bytes.enumerated() where needsEscape(byte) { expected |= 0x80 << UInt64(index * 8) }
                    #expect(FindingsJSONWriter.escapeFlags(word) == expected)
                }
            }
        }
    }

    /// Words with several bytes to escape, in strings of every length around a few word sizes.
    @Test func denseEscapesMatchFoundation() throws {
        let alphabet: [Character] = ["\"", "\\", "\n", "\u{01}", "a", "b", "é", " ", "\u{1F}", "策"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var strings: [String] = []
        for length in 0...40 {
            for _ in 0..<6 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text.append(alphabet[Int(state >> 33) % alphabet.count])
                }
                strings.append(text)
            }
        }
        Self.expectFoundationBytes(strings.map {
            FindingInfo(code: "C", severity: "warning", title: "t", help: "h", message: $0, remedy: "r", file: "f", path: $0, fingerprint: "x",
                        snippet: [SourceLine(line: 1, text: $0)])
        })
    }

    /// Findings that share one snippet array are written from the cache; arrays of the same count and
    /// short strings (no storage of their own) must still come out as Foundation writes them.
    @Test(arguments: [40, ChunkedArrayWriter.minimumParallelCount + 300])
    func sharedSnippetsAndShortStringsAreWrittenAsFoundationWrites(count: Int) throws {
        let shared = [SourceLine(line: 3, text: "      \"Action\": [\"vod:*\", \"sts:AssumeRole\"],")]
        let findings = (0..<count).map { i in
            // Every third finding has an equal snippet in an array of its own, every fifth a different one.
            let snippet = i % 5 == 0 ? [SourceLine(line: i, text: "line \(i) \"q\"")]
                : i % 3 == 0 ? [SourceLine(line: 3, text: shared[0].text)] : shared
            return FindingInfo(code: i % 2 == 0 ? "Short" : "Shorter", severity: i % 4 == 0 ? "warning" : "error", title: "t\(i % 3)",
                               help: "h", message: "m \(i)", remedy: "r", file: "f\(i % 4)", path: "p", fingerprint: "\(i)", snippet: snippet)
        }
        Self.expectFoundationBytes(findings)
    }

    /// Above ``ChunkedArrayWriter/minimumParallelCount`` findings the array is written in chunks on every
    /// core; the joined bytes must still be Foundation's, in order.
    @Test func chunkedWriteIsByteIdenticalAndOrdered() throws {
        let count = ChunkedArrayWriter.minimumParallelCount * 3 + 7
        let findings = (0..<count).map { i in
            FindingInfo(code: "C\(i % 17)", severity: "warning", title: "t", help: Self.awkward, message: "finding \(i)", remedy: "r",
                        file: "f\(i / 10).json", line: i, column: i % 80, path: "Statement[\(i)]", fingerprint: String(i, radix: 16),
                        snippet: i % 3 == 0 ? [] : [SourceLine(line: i, text: "text \(i) \"q\"")])
        }
        var report = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        report.findings = findings
        var audit = AnalysisSamples.named("audit")
        audit.audit = (0..<count).map { i in
            IdentityAuditInfo(identity: "identity-\(i)", policies: [], checks: [
                AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: i % 2 == 0 ? "never" : "always", summary: "s\(i)"),
            ])
        }
        for pretty in [true, false] {
            for sample in [report, audit] {
                let fast = JSONReportEncoder(pretty: pretty).encode(sample)
                let reference = JSONReportEncoder(pretty: pretty).foundationEncode(sample) + [0x0A]
                #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count))")
            }
        }
    }

    /// Long strings written before in a chunk are copied from their first escape (``RepeatedStringCache``),
    /// found by storage: shared storage, equal text in separate storage, different texts of one length and
    /// more distinct texts than the cache holds must all come out as Foundation writes them.
    @Test(arguments: [40, ChunkedArrayWriter.minimumParallelCount + 300])
    func repeatedStringsAreWrittenAsFoundationWrites(count: Int) throws {
        let distinct = RepeatedStringCache.capacity + 5
        // Same length, different text, each with bytes to escape.
        let helps = (0..<distinct).map { "help \"\(String(format: "%03d", $0))\" \\ escaped, and long enough to be cached" }
        let files = (0..<3).map { "policies/team-\($0)/a much longer path than fifteen bytes.json" }
        let findings = (0..<count).map { i in
            // Every fifth help text is rebuilt from its bytes: equal to the shared one, in storage of its own.
            let help = i % 5 == 0 ? String(decoding: Array(helps[i % distinct].utf8), as: UTF8.self) : helps[i % distinct]
            return FindingInfo(code: "C\(i % 7)", severity: "warning", title: helps[(i * 7) % distinct], help: help,
                               message: "finding \(i)", remedy: i % 2 == 0 ? helps[0] : "short", file: files[i % 3],
                               path: "Statement[\(i)]", fingerprint: String(i, radix: 16))
        }
        Self.expectFoundationBytes(findings)
    }

    /// An audit's identities are large, so from a few dozen on they are written in chunks on every core;
    /// the bytes must still be Foundation's, in order, around the chunk boundaries.
    @Test(arguments: [63, 64, 65, 16 * 7 + 3])
    func auditIdentitiesWrittenInChunksAreByteIdentical(count: Int) throws {
        var audit = AnalysisSamples.named("audit")
        audit.audit = (0..<count).map { i in
            let source = [SourceLine(line: i + 1, text: "    \"Effect\": \"Allow\", \(Self.awkward)")]
            let ref = StatementRef(layer: "identity", file: "t/\(i).json", index: i % 3, sid: i % 2 == 0 ? nil : "S\(i)",
                                   effect: "Allow", location: .init(file: "t/\(i).json", line: i + 1, column: 5, path: "Statement[\(i % 3)]"),
                                   source: source)
            return IdentityAuditInfo(identity: "identity-\(i)", policies: [
                PolicyInfo(file: "t/\(i).json", layer: "identity", statementCount: 3, characters: 100 + i, valid: true),
            ], checks: [
                AccessCheckInfo(action: "vod:SubmitWorkflowJob", resource: "*", verdict: i % 2 == 0 ? "never" : "conditional",
                                summary: "s\(i)", statements: i % 4 == 0 ? [] : [ref]),
            ])
        }
        for pretty in [true, false] {
            let fast = JSONReportEncoder(pretty: pretty).encode(audit)
            let reference = JSONReportEncoder(pretty: pretty).foundationEncode(audit) + [0x0A]
            #expect(fast == reference)
        }
    }

    /// A tree's many policies are written by hand too; the bytes must not change, with or without the
    /// other hand-written arrays around them.
    @Test func manyPoliciesByteIdenticalToFoundation() throws {
        let policies = (0..<(JSONReportEncoder.handWrittenPolicies + 5)).map { i in
            PolicyInfo(file: i % 7 == 0 ? "p/\(Self.awkward)\(i).json" : "p/\(i).json", layer: ["identity", "session", "control"][i % 3],
                       statementCount: i % 31, characters: i * 13, valid: i % 5 != 0)
        }
        var samples = reports()
        samples.append(Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass"))
        for pretty in [true, false] {
            for var report in samples {
                report.policies = policies
                // The hand-written path is taken: Foundation's empty `policies` member is found and cut out.
                var empty = report
                empty.policies = []
                empty.findings = nil
                empty.audit = nil
                let cut = JSONReportEncoder.removingKey("policies", from: JSONReportEncoder(pretty: pretty).foundationEncode(empty), pretty: pretty)
                #expect(cut != nil && !String(decoding: cut ?? [], as: UTF8.self).contains("\"policies\""))
                let fast = JSONReportEncoder(pretty: pretty).encode(report)
                let reference = JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A]
                #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count))")
            }
        }
    }

    @Test func findingsSplicedAmongTheSortedKeys() throws {
        let text = String(decoding: JSONReportEncoder().encode(reports()[1]), as: UTF8.self)
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(keys == keys.sorted() && keys.contains("findings"), "\(keys)")
    }
}

/// The same guarantee for SARIF results.
@Suite struct SARIFFastPathTests {
    @Test(arguments: [true, false])
    func byteIdenticalToFoundation(pretty: Bool) throws {
        var reports = FindingsJSONWriterTests().reports()
        reports.append(AnalysisSamples.hostile(AnalysisSamples.named("lint")))
        for report in reports {
            for base in [nil, "/work/repo"] as [String?] {
                let encoder = SARIFReportEncoder(options: .init(baseDirectory: base, pretty: pretty))
                let fast = encoder.encode(report)
                let reference = encoder.referenceEncode(report)
                #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count)):\n\(String(decoding: fast.prefix(3_000), as: UTF8.self))")
            }
        }
    }
}

@Suite("JSONBytes: growth, runs, handing memory over")
struct JSONBytesTests {
    @Test func growsFromTheSmallestCapacityAndKeepsEveryByte() {
        var out = JSONBytes(capacity: 1)
        var expected: [UInt8] = []
        for i in 0..<5_000 {
            switch i % 4 {
            case 0:
                out.append(UInt8(i % 256))
                expected.append(UInt8(i % 256))
            case 1:
                let run = [UInt8](repeating: UInt8(i % 200), count: i % 300)
                out.append(run)
                expected += run
            case 2:
                out.append(repeating: 0x20, count: i % 70)
                expected += [UInt8](repeating: 0x20, count: i % 70)
            default:
                out.append("key")
                expected += Array("key".utf8)
            }
        }
        #expect(out.count == expected.count)
        #expect(out.array == expected)
        out.withBytes { #expect(Array($0) == expected) }
    }

    @Test func memoryHandedOverComesBackEmptyAndUsable() {
        var first = JSONBytes(capacity: 100)
        first.append("abc")
        let storage = first.relinquish()
        var second = JSONBytes(adopting: storage)
        #expect(second.count == 0)
        second.append("xyz")
        #expect(second.array == Array("xyz".utf8))
        second.removeAll()
        #expect(second.array.isEmpty)
    }
}

@Suite("FindingsJSONWriter: numbers and indentation")
struct FindingsJSONWriterNumberTests {
    @Test("integers are written as Swift (and Foundation) print them", arguments: [
        0, 7, 9, 10, 11, 99, 100, 6_144, 123_456_789, -1, -9, -10, -6_144, Int.max, Int.min, Int.max - 1, Int.min + 1,
    ])
    func integers(value: Int) {
        var out = JSONBytes(capacity: 1)
        FindingsJSONWriter(pretty: true).int(value, &out)
        #expect(String(decoding: out.array, as: UTF8.self) == String(value))
    }

    @Test("indentation is two spaces per level, past the cached depths too", arguments: [0, 1, 5, 15, 16, 40])
    func indentation(depth: Int) {
        var out = JSONBytes(capacity: 1)
        out.append(0x41)
        FindingsJSONWriter(pretty: true).indent(depth, &out)
        #expect(out.array == [0x41] + [UInt8](repeating: 0x20, count: depth * 2))
    }
}
