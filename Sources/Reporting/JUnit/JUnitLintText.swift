import Foundation

/// The texts of the JUnit lint suite, escaped for XML as they are made, on every core.
///
/// Each finding is one line, `file:line:column: severity [Code] message`:
/// - counted by the gate: the line and `\n  fix: remedy`, in its severity's `<failure>` text;
/// - not counted: `not counted by the gate: ` and the line, in `<system-out>`, by severity;
/// - suppressed or baselined: `suppressed (reason): ` or `baselined (reason): ` and the line, in
///   `<system-out>` after the others.
///
/// Lines keep the findings' order within each text and are joined by line feeds. A finding of a severity
/// outside ``FindingInfo/severities`` that is not suppressed belongs to no class and is left out.
///
/// A tree's lint has 150,000 findings. Made as strings and joined, then escaped, the lines cost more than
/// the rest of the JUnit document; here each chunk of findings appends its fields' bytes, escaped, straight
/// into its own buffers, reading each finding where it lies in the report (``BorrowedField``).
struct JUnitLintText {
    /// Per severity (in the order of ``FindingInfo/severities``): how many findings fail the gate.
    var counted: [Int]
    /// Per severity: the `<failure>` text, in pieces (``JUnitText/escaped(_:)``).
    var countedText: [[[UInt8]]]
    /// The `<system-out>` text, in pieces.
    var output: [[UInt8]]

    /// Below this many findings one core writes them all.
    static let parallelCount = 4_096

    init(_ findings: [FindingInfo], gate: GateInfo) {
        self.init(count: findings.count, gate: gate) { range, body in
            findings.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }

    /// The texts of findings made a run at a time by `source`, each run on the core that writes its
    /// lines, its memory reused for the next (see ``FindingSource``).
    init(_ source: any FindingSource, gate: GateInfo) {
        self.init(count: source.count, gate: gate) { range, body in
            // A chunk's findings are made a few hundred at a time into one buffer.
            let run = 512
            withUnsafeTemporaryAllocation(of: FindingInfo.self, capacity: min(run, range.count)) { buffer in
                let base = buffer.baseAddress!
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = min(range.upperBound, start + run)
                    source.makeFindings(start..<end, into: base)
                    body(UnsafeBufferPointer(start: base, count: end - start))
                    base.deinitialize(count: end - start)
                    start = end
                }
            }
        }
    }

    /// The texts of `count` findings that `elements` provides a run at a time: it calls its body with
    /// the findings of the range asked for (in one or more consecutive runs), alive and unchanged until
    /// the body returns.
    private init(count: Int, gate: GateInfo,
                 elements: @escaping @Sendable (Range<Int>, (UnsafeBufferPointer<FindingInfo>) -> Void) -> Void) {
        let classes = FindingInfo.severities.count
        let rule = GateRule(gate)
        let chunkCount = count >= Self.parallelCount ? ProcessInfo.processInfo.activeProcessorCount * 4 : 1
        let size = (count + chunkCount - 1) / max(1, chunkCount)
        let chunks: [Chunk] = ParallelMap.each(count: chunkCount) { index in
            let start = min(count, index * size)
            let end = min(count, start + size)
            var chunk = Chunk(classes: classes)
            elements(start..<end) { findings in
                for at in findings.indices { chunk.add(findings.baseAddress! + at, rule: rule) }
            }
            return chunk
        }
        counted = (0..<classes).map { rank in chunks.reduce(0) { $0 + $1.counted[rank] } }
        countedText = (0..<classes).map { rank in Self.joined(chunks.map { $0.countedLines[rank] }) }
        output = Self.joined((0..<classes).flatMap { rank in chunks.map { $0.otherLines[rank] } } + chunks.map(\.suppressedLines))
    }

    /// The non-empty pieces, the line feed that ends the last line removed (lines are joined, not ended).
    private static func joined(_ pieces: [[UInt8]]) -> [[UInt8]] {
        var pieces = pieces.filter { !$0.isEmpty }
        if !pieces.isEmpty {
            pieces[pieces.count - 1].removeLast()
            if pieces[pieces.count - 1].isEmpty { pieces.removeLast() }
        }
        return pieces
    }

    /// ``GateInfo/counts(_:)`` decided on a finding's bytes in place (a `FindingInfo` passed by value is
    /// copied whole: a dozen strings retained and released per finding).
    struct GateRule: Sendable {
        var failOn: [[UInt8]]
        /// The rank up to which severities are counted; -1 when the gate has no threshold.
        var limit: Int

        init(_ gate: GateInfo) {
            failOn = gate.failOn.map { Array($0.utf8) }
            limit = gate.threshold.flatMap { FindingInfo.severities.firstIndex(of: $0) } ?? -1
        }
    }

    /// The severities' names as bytes, to rank a finding's severity without a string.
    static let severityBytes: [[UInt8]] = FindingInfo.severities.map { Array($0.utf8) }

    /// The lines of one chunk of findings, each ended by a line feed.
    struct Chunk: Sendable {
        var counted: [Int]
        var countedLines: [[UInt8]]
        var otherLines: [[UInt8]]
        var suppressedLines: [UInt8] = []

        init(classes: Int) {
            counted = Array(repeating: 0, count: classes)
            countedLines = Array(repeating: [], count: classes)
            otherLines = Array(repeating: [], count: classes)
        }

        mutating func add(_ finding: UnsafePointer<FindingInfo>, rule: GateRule) {
            if let suppressed = finding.pointee.suppressed {
                suppressedLines.append(contentsOf: (suppressed.kind == "baseline" ? "baselined (" : "suppressed (").utf8)
                var reason = suppressed.reason
                reason.withUTF8 { XMLTextWriter.appendCharacterData($0, to: &suppressedLines) }
                suppressedLines.append(contentsOf: "): ".utf8)
                Self.appendLine(finding, to: &suppressedLines)
                suppressedLines.append(UInt8(ascii: "\n"))
                return
            }
            let rank = BorrowedField.withUTF8(finding.pointer(to: \.severity)!) { severity in
                JUnitLintText.severityBytes.firstIndex { $0.elementsEqual(severity) }
            }
            guard let rank else { return }
            let failsByCode = !rule.failOn.isEmpty && BorrowedField.withUTF8(finding.pointer(to: \.code)!) { code in
                rule.failOn.contains { $0.elementsEqual(code) }
            }
            if failsByCode || rank <= rule.limit {
                counted[rank] += 1
                Self.appendCounted(finding, to: &countedLines[rank])
            } else {
                otherLines[rank].append(contentsOf: "not counted by the gate: ".utf8)
                Self.appendLine(finding, to: &otherLines[rank])
                otherLines[rank].append(UInt8(ascii: "\n"))
            }
        }

        /// The line of a finding the gate counts, and what to do about it.
        static func appendCounted(_ finding: UnsafePointer<FindingInfo>, to out: inout [UInt8]) {
            appendLine(finding, to: &out)
            out.append(contentsOf: "\n  fix: ".utf8)
            append(finding.pointer(to: \.remedy)!, to: &out)
            out.append(UInt8(ascii: "\n"))
        }

        /// `file:line:column: severity [Code] message` (``FindingInfo/locationText``), escaped.
        static func appendLine(_ finding: UnsafePointer<FindingInfo>, to out: inout [UInt8]) {
            append(finding.pointer(to: \.file)!, to: &out)
            if let line = finding.pointee.line {
                out.append(UInt8(ascii: ":"))
                appendDecimal(line, to: &out)
                if let column = finding.pointee.column {
                    out.append(UInt8(ascii: ":"))
                    appendDecimal(column, to: &out)
                }
            }
            out.append(contentsOf: ": ".utf8)
            append(finding.pointer(to: \.severity)!, to: &out)
            out.append(contentsOf: " [".utf8)
            append(finding.pointer(to: \.code)!, to: &out)
            out.append(contentsOf: "] ".utf8)
            append(finding.pointer(to: \.message)!, to: &out)
        }

        static func append(_ field: UnsafePointer<String>, to out: inout [UInt8]) {
            BorrowedField.withUTF8(field) { XMLTextWriter.appendCharacterData($0, to: &out) }
        }

        static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
            guard value >= 0 else {
                out.append(contentsOf: String(value).utf8)
                return
            }
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { buffer in
                var at = buffer.count
                var rest = value
                repeat {
                    at -= 1
                    buffer[at] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                } while rest > 0
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[at...]))
            }
        }
    }
}
