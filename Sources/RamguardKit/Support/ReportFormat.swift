import Foundation
import Reporting

/// The encodings every verb can emit.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case xml
    /// JUnit XML for GitLab and Jenkins: a test case per identity × action check and per finding class.
    case junit
    /// SARIF 2.1.0 for GitHub code scanning: findings as results on the exact token.
    case sarif
    /// One self-contained page for compliance readers.
    case html

    /// Whether reports in this format show findings' quoted source lines (JUnit lists findings one line
    /// each, without them; SARIF gives regions, which code scanning shows in the file itself).
    public var showsSourceQuotes: Bool {
        self != .junit && self != .sarif
    }

    /// Whether the encoder makes findings while it writes them, from a ``FindingSource`` (JSON, JUnit).
    public var streamsFindings: Bool {
        self == .json || self == .junit
    }
}

/// Renders a report in the chosen format and writes it to standard output or to a file.
///
/// A file is written to a temporary name and renamed into place, so a crash never leaves a partial
/// report that looks complete.
public struct ReportWriter: Sendable {
    public var format: ReportFormat
    public var outputPath: String?

    public init(format: ReportFormat, outputPath: String?) {
        self.format = format
        self.outputPath = outputPath
    }

    /// Colour only for text on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    public var useColor: Bool {
        guard format == .text, outputPath == nil else { return false }
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    public func render(_ report: Report) throws(RamguardError) -> [UInt8] {
        switch format {
        case .text:
            return Array(TextReportRenderer(color: useColor).render(report).utf8)
        case .json:
            return JSONReportEncoder().encode(report)
        case .xml:
            do {
                return try XMLReportEncoder().encode(report)
            } catch {
                throw .unwritable(path: outputPath ?? "<stdout>", reason: "the XML report could not be written: \(error)")
            }
        case .junit:
            do {
                return try JUnitReportEncoder().encode(report)
            } catch {
                throw .unwritable(path: outputPath ?? "<stdout>", reason: "the JUnit report could not be written: \(error)")
            }
        case .sarif:
            // Repository-relative URIs: paths are made relative to the working directory (CI runs at the root).
            return SARIFReportEncoder(options: .init(baseDirectory: FileManager.default.currentDirectoryPath)).encode(report)
        case .html:
            return Array(HTMLReportRenderer().render(report).utf8)
        }
    }

    /// Writes `report`; with `findings`, the report's findings are made by that source (``GatedRun``'s
    /// ``GatedRun/findingSource``, when the run streams them) and ``Report/findings`` must be nil.
    public func write(_ report: Report, findings: (any FindingSource)? = nil) throws(RamguardError) {
        defer { PhaseClock.mark("encode and write \(format.rawValue)") }
        var report = report
        if let findings, !format.streamsFindings {
            // The other encoders read the findings from the report.
            report.findings = findings.allFindings()
        }
        switch format {
        case .json:
            // Streamed: a report of 10,000 policies is hundreds of megabytes (see `ReportSink`).
            try withSink { JSONReportEncoder().encode(report, findings: findings, to: $0) }
        case .sarif:
            let encoder = SARIFReportEncoder(options: .init(baseDirectory: FileManager.default.currentDirectoryPath))
            try withSink { encoder.encode(report, to: $0) }
        case .junit:
            // In parts, written one after the other: the lint suite's texts are tens of megabytes, and
            // joining them into one array first touched that much fresh memory again.
            let parts: [[UInt8]]
            do {
                parts = try JUnitReportEncoder().encodeParts(report, findings: findings)
            } catch {
                throw .unwritable(path: outputPath ?? "<stdout>", reason: "the JUnit report could not be written: \(error)")
            }
            try withSink { sink in
                for part in parts { sink.write(part) }
            }
        default:
            try write(bytes: render(report))
        }
    }

    public func write(bytes: [UInt8]) throws(RamguardError) {
        try withSink { $0.write(bytes) }
    }

    /// Runs `body` with a sink over standard output or over a temporary file that is renamed into place
    /// once everything is written, so a failed or interrupted run never leaves a partial report that looks
    /// complete (and never replaces an existing one).
    private func withSink(_ body: (FileDescriptorSink) -> Void) throws(RamguardError) {
        guard let outputPath else {
            body(FileDescriptorSink(fd: STDOUT_FILENO))
            return
        }
        var existing = stat()
        if stat(outputPath, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
            guard existing.st_mode & S_IFMT != S_IFDIR else { throw .unwritable(path: outputPath, reason: "it is a directory") }
            // A device or a pipe (/dev/null, /dev/stdout, a FIFO): written in place. Renaming a file over
            // it would replace /dev/null with a regular file.
            let fd = open(outputPath, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .unwritable(path: outputPath, reason: String(cString: strerror(errno))) }
            if let failure = Self.fill(fd, body) { throw .unwritable(path: outputPath, reason: failure) }
            return
        }
        let url = URL(fileURLWithPath: outputPath)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(path: outputPath, reason: String(cString: strerror(errno))) }
        var failure = Self.fill(fd, body)
        // The new report replaces an existing one atomically; a failed write never replaces it.
        if failure == nil, !Self.replace(url.path, with: temp, existing: existing.st_mode & S_IFMT == S_IFREG) {
            failure = String(cString: strerror(errno))
        }
        if let failure {
            unlink(temp)
            throw .unwritable(path: outputPath, reason: failure)
        }
    }

    /// Puts the finished file `temp` in place of `path`, atomically; false (with `errno`) when it could not.
    ///
    /// An existing report is swapped with the new one (`renameat2` with `RENAME_EXCHANGE`) and then
    /// removed, where the system offers the swap: renaming over an existing file makes ext4 write the whole
    /// new file out to disk before `rename` returns (its guard for programs that never call `fsync`). For
    /// a 230 MB report that took 130–170 ms, more than a tenth of linting 10,000 policies. A report is
    /// regenerated, not precious, so ramguard does not pay that; readers still see the old report or the
    /// new one, never a mix. Where the swap is not available, or nothing is replaced, it is `rename(2)`.
    static func replace(_ path: String, with temp: String, existing: Bool) -> Bool {
        #if os(Linux)
        if existing, let renameat2 = renameat2 {
            let exchange: UInt32 = 2 // RENAME_EXCHANGE
            if renameat2(AT_FDCWD, temp, AT_FDCWD, path, exchange) == 0 {
                // `temp` now names the old report.
                unlink(temp)
                return true
            }
            // Not supported by this file system or kernel (or the report vanished meanwhile): rename.
        }
        #endif
        return rename(temp, path) == 0
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 on), looked up by name: the Glibc module does not declare it.
    private static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2")
        .map { unsafeBitCast($0, to: RenameAt2.self) }
    #endif
}

extension ReportWriter {
    /// Runs `body` on a sink over `fd`, closes it, and returns the first failure.
    fileprivate static func fill(_ fd: Int32, _ body: (FileDescriptorSink) -> Void) -> String? {
        let sink = FileDescriptorSink(fd: fd)
        body(sink)
        var failure = sink.failure.map { String(cString: strerror($0)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        return failure
    }
}

/// POSIX writes straight from the encoder's buffers, remembering the first failure (`errno`) and
/// dropping everything after it.
///
/// `@unchecked Sendable`: encoders never call a sink from two threads at once (see `ReportSink`), and
/// hand it between threads under a lock, which orders the accesses to `failure`.
final class FileDescriptorSink: ReportSink, @unchecked Sendable {
    let fd: Int32
    private(set) var failure: Int32?

    init(fd: Int32) {
        self.fd = fd
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        failure = StandardStreams.write(fd, bytes)
    }
}

/// Unbuffered writes to the standard streams that handle partial writes and EINTR.
public enum StandardStreams {
    public static func writeOut(_ bytes: [UInt8]) { write(STDOUT_FILENO, bytes) }
    public static func writeErr(_ text: String) { write(STDERR_FILENO, Array(text.utf8)) }

    /// Writes every byte, retrying partial writes and EINTR; returns `errno` when a write fails.
    @discardableResult
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { write(fd, $0) }
    }

    /// Writes every byte, retrying partial writes and EINTR; returns `errno` when a write fails.
    static func write(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32? {
        guard let base = raw.baseAddress else { return nil }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
