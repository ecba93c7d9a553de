import Foundation
import RAMPolicy
import Reporting

/// `check --requests`: validates the policies once, then streams decisions as JSON lines.
public enum BatchCommandRunner {
    /// Returns the exit code. An invalid policy set prints one `Invalid` report and exits 2.
    public static func run(inputs: PolicyInputs, requestsPath: String, action: String, resource: String,
                           strict: Bool, writer: ReportWriter) throws(RamguardError) -> Int32 {
        let loaded = try inputs.load(strict: strict)
        guard loaded.isValid else {
            let report = CheckRunner.report(loaded: loaded, action: action, resource: resource, context: RequestContext(),
                                            userKeys: [], principal: nil, command: "check")
            // The invalid-policy report is one JSON object, like every line of batch output.
            try ReportWriter(format: .json, outputPath: writer.outputPath).write(report)
            return ExitStatus.invalid
        }
        let input = try RequestsInput(path: requestsPath)
        defer { input.close() }
        let runner = BatchRunner(authorizer: loaded.authorizer(), defaultAction: action, defaultResource: resource,
                                 now: Timestamp.rfc3339())
        var fileOutput: [UInt8] = []
        let toFile = writer.outputPath != nil
        let summary = runner.run(bytes: input.bytes) { chunk in
            if toFile { fileOutput.append(contentsOf: chunk) } else { writeStandardOutput(chunk) }
        }
        if toFile { try writer.write(bytes: fileOutput) }
        if summary.requests == 0 {
            throw .usage("\(requestsPath) holds no requests; write one JSON object per line: {\"action\":\"vod:SubmitWorkflowJob\",\"resource\":\"*\",\"context\":{\"acs:SourceIp\":\"203.0.113.7\"}}")
        }
        if summary.invalid > 0 { return ExitStatus.invalid }
        return summary.denied > 0 ? ExitStatus.denied : ExitStatus.allowed
    }

    /// One `write(2)` per chunk, retried on partial writes and EINTR (like ``StandardStreams``).
    static func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}

/// The bytes of the requests file, read to the end (`-` for standard input, pipes, devices); regular
/// files are read into a buffer sized from `fstat`. Deliberately not memory-mapped: truncating a mapped
/// file under a reader ends the process with SIGBUS.
final class RequestsInput {
    private var mapped: UnsafeMutableRawPointer?
    private var mappedLength = 0
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var count = 0

    init(path: String) throws(RamguardError) {
        let unreadable = RamguardError.unreadable(path: path, reason: "no such file, or it cannot be read")
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw unreadable }
        }
        defer { if fd != STDIN_FILENO { _ = Foundation.close(fd) } }
        // Read to the end (sized up front for regular files). Not mapped: a file truncated while ramguard
        // reads it must give an error, not SIGBUS.
        var info = stat()
        var capacity = 1 << 16
        if fd != STDIN_FILENO, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            capacity = Int(info.st_size) + 1
        }
        var p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var n = 0
        while true {
            if n == capacity {
                let q = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                q.update(from: p, count: n)
                p.deallocate()
                p = q
                capacity *= 2
            }
            let r = read(fd, p + n, capacity - n)
            if r < 0 {
                if errno == EINTR { continue }
                p.deallocate()
                throw unreadable
            }
            if r == 0 { break }
            n += r
        }
        buffer = p
        count = n
    }

    var bytes: UnsafeBufferPointer<UInt8> {
        if let mapped { return UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count) }
        return UnsafeBufferPointer(start: buffer, count: count)
    }

    func close() {
        if let mapped { munmap(mapped, mappedLength) }
        mapped = nil
        buffer?.deallocate()
        buffer = nil
    }
}
