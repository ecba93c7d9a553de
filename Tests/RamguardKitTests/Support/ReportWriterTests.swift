import Foundation
import RamguardKit
import Reporting
import Testing

/// Where reports are written: a file appears whole or not at all, devices and pipes are written in place.
@Suite("ReportWriter: files, devices, pipes, failures")
struct ReportWriterTests {
    static func report(findings: Int) -> Report {
        var report = Report(tool: ToolInfo(version: "test"), generatedAt: "2026-11-29T00:00:00Z", command: "lint", decision: "Pass")
        report.findings = (0..<findings).map { i in
            FindingInfo(code: "DuplicateAction", severity: "warning", title: "t", help: "h \"quoted\"", message: "finding \(i)",
                        remedy: "r", file: "policies/p\(i / 7).json", line: i + 1, column: 3, path: "Statement[\(i)]",
                        fingerprint: String(i, radix: 16), snippet: [SourceLine(line: i + 1, text: "  \"Action\": \"vod:*\"")])
        }
        return report
    }

    @Test("a streamed JSON or SARIF file holds exactly the encoder's bytes", arguments: [ReportFormat.json, .sarif])
    func streamedFileMatchesEncoder(format: ReportFormat) throws {
        let scratch = try Scratch()
        let report = Self.report(findings: 5_000)
        let path = scratch.file("report.out")
        let writer = ReportWriter(format: format, outputPath: path)
        try writer.write(report)
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == (try writer.render(report)))
        // Nothing else is left beside it (the temporary file was renamed into place).
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["report.out"])
    }

    @Test("findings made while writing give the report's bytes in every format; JSON and JUnit take them as a source",
          arguments: ReportFormat.allCases)
    func findingSource(format: ReportFormat) throws {
        let scratch = try Scratch()
        let policy = scratch.file("p.json")
        try Data(#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["vod:*", "vod:*"], "Resource": "*"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: policy))
        var settings = LintSettings(ignoreConfig: true, now: "2026-11-29T00:00:00Z")
        let held = try LintRunner().run(LintRunOptions(paths: [policy], settings: settings))
        settings.streamsFindings = true
        let streamed = try LintRunner().run(LintRunOptions(paths: [policy], settings: settings))
        #expect(held.findingSource == nil && held.report.findings?.isEmpty == false)
        #expect(streamed.report.findings == nil && streamed.findingSource?.count == held.report.findings?.count)
        #expect(ReportFormat.allCases.filter(\.streamsFindings) == [.json, .junit])
        // The two runs differ only in when they ran and how long they took.
        func timed(_ report: Report) -> Report {
            var report = report
            report.generatedAt = "2026-11-29T00:00:00Z"
            report.summary?.durationMs = 7
            return report
        }
        let a = scratch.file("held.out"), b = scratch.file("streamed.out")
        try ReportWriter(format: format, outputPath: a).write(timed(held.report))
        try ReportWriter(format: format, outputPath: b).write(timed(streamed.report), findings: streamed.findingSource)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test("an existing report is replaced whole: new bytes at the path, the old file untouched, nothing left beside it",
          arguments: [ReportFormat.json, .text])
    func existingReportIsReplaced(format: ReportFormat) throws {
        let scratch = try Scratch()
        let path = scratch.file("report.out")
        let writer = ReportWriter(format: format, outputPath: path)
        try writer.write(Self.report(findings: 3_000))
        let old = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // A reader holding the old report (here: a second name for it) keeps reading the old bytes.
        let held = scratch.file("held")
        #expect(link(path, held) == 0)
        let report = Self.report(findings: 10)
        try writer.write(report)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == (try writer.render(report)))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: held))) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["held", "report.out"])
    }

    @Test("a named pipe stays a pipe and receives the whole report")
    func fifoIsWrittenInPlace() throws {
        let scratch = try Scratch()
        let path = scratch.file("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        // Open the reading end first (non-blocking), so the writer's open does not wait.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let report = Self.report(findings: 3)
        try ReportWriter(format: .json, outputPath: path).write(report)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(reader, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        #expect(received == JSONReportEncoder().encode(report))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("a device that refuses writes is an error, not a silent success")
    func deviceFailureIsReported() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        #expect(throws: RamguardError.self) { try ReportWriter(format: .json, outputPath: "/dev/full").write(Self.report(findings: 10)) }
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("a directory is refused")
    func directoryIsRefused() throws {
        let scratch = try Scratch()
        #expect(throws: RamguardError.self) { try ReportWriter(format: .json, outputPath: scratch.path).write(Self.report(findings: 1)) }
    }
}
