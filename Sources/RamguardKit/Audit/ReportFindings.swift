import Analysis
import Reporting

/// A lint's findings in report order (``FindingReporting/placed(_:gate:quoting:)``), each made into a
/// ``FindingInfo`` — quoted, suppression noted — only when an encoder asks for it.
///
/// The JSON encoder asks a chunk at a time while it writes (``FindingSource``), so a tree's 150,000
/// findings never exist as report data all at once; the other encoders take ``allFindings()``.
///
/// `@unchecked Sendable`: every property is immutable after `init`. The records point into the arrays of
/// `perFile`, which this object keeps alive and never changes, so they stay valid as long as it lives.
final class ReportFindings: FindingSource, @unchecked Sendable {
    /// The files the findings were made from, for their texts.
    let files: [LintedFile]
    let perFile: [LintPass.FileFindings]
    /// The findings in report order.
    let records: [FindingReporting.PlacedFinding]
    /// Where each group's findings start in `records`, and the end (one more entry than groups).
    let groupStarts: [Int]
    /// Each group's first file (its index in `files`; `files.count` for findings naming no file read),
    /// whose text is quoted.
    let groupFiles: [Int]
    let quoting: Bool

    init(files: [LintedFile], perFile: [LintPass.FileFindings], records: [FindingReporting.PlacedFinding],
         groupStarts: [Int], groupFiles: [Int], quoting: Bool) {
        self.files = files
        self.perFile = perFile
        self.records = records
        self.groupStarts = groupStarts
        self.groupFiles = groupFiles
        self.quoting = quoting
    }

    var count: Int { records.count }

    func makeFindings(_ range: Range<Int>, into destination: UnsafeMutablePointer<FindingInfo>) {
        guard !range.isEmpty else { return }
        // The group holding the range's first finding: the last one starting at or before it.
        var low = 0, high = groupStarts.count - 2
        while low < high {
            let mid = (low + high + 1) / 2
            if groupStarts[mid] <= range.lowerBound { low = mid } else { high = mid - 1 }
        }
        var group = low
        var lines = lineIndex(group)
        var at = destination
        records.withUnsafeBufferPointer { records in
            for index in range {
                if index >= groupStarts[group + 1] {
                    // Past any groups with no findings (files without any), to the one holding `index`.
                    repeat { group += 1 } while index >= groupStarts[group + 1]
                    lines = lineIndex(group)
                }
                let record = records[index]
                let suppressed: SuppressionInfo? = switch record.suppression {
                case .none: nil
                case .config(let reason): SuppressionInfo(kind: "config", reason: reason.pointee)
                case .baseline: SuppressionInfo(kind: "baseline", reason: "recorded in the baseline")
                }
                FindingReporting.info(record.finding, into: at, lines: &lines, suppressed: suppressed)
                at += 1
            }
        }
    }

    /// The lines of the text a group's findings quote, or nil when they quote nothing.
    private func lineIndex(_ group: Int) -> LineIndex? {
        let file = groupFiles[group]
        return quoting && file < files.count ? LineIndex(files[file].text) : nil
    }
}
