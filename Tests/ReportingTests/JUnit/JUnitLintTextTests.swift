@testable import Reporting
import Testing

@Suite("JUnitLintText")
struct JUnitLintTextTests {
    /// The lint suite's texts as the encoder built them before ``JUnitLintText``: lines made as strings,
    /// joined, then escaped.
    static func expected(_ findings: [FindingInfo], gate: GateInfo) -> (counted: [Int], texts: [String], output: String) {
        func line(_ f: FindingInfo) -> String { "\(f.locationText): \(f.severity) [\(f.code)] \(f.message)" }
        var counted = [[String]](repeating: [], count: 4)
        var other = [[String]](repeating: [], count: 4)
        var suppressed: [String] = []
        for f in findings {
            if let s = f.suppressed {
                suppressed.append("\(s.kind == "baseline" ? "baselined" : "suppressed") (\(s.reason)): \(line(f))")
                continue
            }
            guard let rank = FindingInfo.severities.firstIndex(of: f.severity) else { continue }
            if gate.counts(f) {
                counted[rank].append("\(line(f))\n  fix: \(f.remedy)")
            } else {
                other[rank].append("not counted by the gate: \(line(f))")
            }
        }
        func escaped(_ text: String) -> String { XMLTextWriterTests.reference(text) }
        return (counted.map(\.count), counted.map { escaped($0.joined(separator: "\n")) },
                escaped((other.flatMap { $0 } + suppressed).joined(separator: "\n")))
    }

    /// `count` findings cycling through every severity (and one no class has), suppressed, baselined,
    /// with and without line and column, some with hostile text.
    static func findings(_ count: Int) -> [FindingInfo] {
        let severities = FindingInfo.severities + ["fatal"]
        return (0..<count).map { i in
            let text = i % 7 == 0 ? AnalysisSamples.hostile : "message \(i) with a long enough tail to need heap storage"
            var f = FindingInfo(code: i % 5 == 0 ? "PreferNotAction" : "Code\(i % 3)", severity: severities[i % severities.count],
                                title: "t", help: "h", message: text, remedy: i % 11 == 0 ? AnalysisSamples.hostile : "fix \(i)",
                                file: i % 13 == 0 ? "dir/<file> & \(i).json" : "policies/p\(i % 97).json",
                                line: i % 9 == 0 ? nil : i % 1_000 + 1, column: i % 4 == 0 ? nil : i % 120,
                                path: "Statement[\(i % 30)]", fingerprint: "f\(i)")
            if i % 17 == 0 { f.suppressed = SuppressionInfo(kind: "config", reason: i % 2 == 0 ? "legacy" : AnalysisSamples.hostile) }
            if i % 19 == 0 { f.suppressed = SuppressionInfo(kind: "baseline", reason: "recorded in the baseline") }
            return f
        }
    }

    @Test("the texts match lines built as strings, joined and escaped, on one core and on all", arguments: [0, 1, 50, JUnitLintText.parallelCount + 1_234])
    func matchesStrings(count: Int) {
        let findings = Self.findings(count)
        for gate in [GateInfo(threshold: "warning", failOn: ["PreferNotAction"], failed: true), GateInfo(threshold: "error", failed: false),
                     GateInfo(threshold: nil, failOn: ["Code1"], failed: false)] {
            let text = JUnitLintText(findings, gate: gate)
            let expected = Self.expected(findings, gate: gate)
            #expect(text.counted == expected.counted)
            #expect(text.countedText.map { String(decoding: $0.joined(), as: UTF8.self) } == expected.texts)
            #expect(String(decoding: text.output.joined(), as: UTF8.self) == expected.output)
            #expect(!text.output.contains { $0.isEmpty })
            // Made a run at a time by a source, the findings give the same texts.
            let made = JUnitLintText(FindingSourceTests.ArraySource(findings), gate: gate)
            #expect(made.counted == text.counted && made.countedText == text.countedText && made.output == text.output)
        }
    }
}
