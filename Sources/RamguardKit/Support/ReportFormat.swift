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

    public func write(_ report: Report) throws(RamguardError) {
        try write(bytes: render(report))
    }

    public func write(bytes: [UInt8]) throws(RamguardError) {
        guard let outputPath else {
            StandardStreams.writeOut(bytes)
            return
        }
        let url = URL(fileURLWithPath: outputPath)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        // POSIX writes straight from the buffer: an audit report can be hundreds of megabytes, and a
        // copy into `Data` first costs as much as writing it.
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(path: outputPath, reason: String(cString: strerror(errno))) }
        var failure = StandardStreams.write(fd, bytes).map { String(cString: strerror($0)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        // rename(2) replaces an existing report atomically; a failed write never replaces it.
        if failure == nil, rename(temp, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw .unwritable(path: outputPath, reason: failure)
        }
    }
}

/// Unbuffered writes to the standard streams that handle partial writes and EINTR.
public enum StandardStreams {
    public static func writeOut(_ bytes: [UInt8]) { write(STDOUT_FILENO, bytes) }
    public static func writeErr(_ text: String) { write(STDERR_FILENO, Array(text.utf8)) }

    /// Writes every byte, retrying partial writes and EINTR; returns `errno` when a write fails.
    @discardableResult
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
    }
}
