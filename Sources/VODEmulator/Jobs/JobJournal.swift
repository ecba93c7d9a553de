import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable record of accepted jobs: an append-only JSON Lines file, `jobs.jsonl`, in the state
/// directory.
///
/// Every ``append(_:)`` writes one complete line and `fsync`s it before returning, and the emulator
/// answers only after that, so a job the client was told about (or might have been told about) survives a
/// crash or restart. On open the file is read back; a final line without its newline is a write that
/// never completed (it was never acknowledged), so it is cut off, while a corrupt *complete* line is an
/// error — the state is damaged and the operator must look. The directory is locked (`flock`) so two
/// emulators cannot interleave writes.
///
/// Not `Sendable`: owned by one actor (``EmulatorState``).
final class JobJournal {
    static let fileName = "jobs.jsonl"

    let path: String
    private var descriptor: Int32
    private(set) var jobs: [RecordedJob]
    /// A note about something repaired on open (a torn final line), for the log.
    private(set) var repairNote: String?

    /// Opens (creating if needed) the journal in `directory` and loads its jobs.
    init(directory: String) throws(JobJournalError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JobJournalError(path: directory, message: "cannot create the state directory: \((error as NSError).localizedDescription)")
        }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName).path
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw JobJournalError(path: path, message: "cannot open the job journal: \(Self.errorText())")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK ? "another emulator is using this state directory" : Self.errorText()
            close(fd)
            throw JobJournalError(path: path, message: "cannot lock the job journal: \(reason)")
        }
        self.descriptor = fd
        self.jobs = []
        if !existed {
            // Make the new file's directory entry durable too.
            Self.syncDirectory(directory)
        }
        do {
            try load()
        } catch {
            close(fd)
            descriptor = -1
            throw error
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Releases the lock and the file; later appends fail.
    func shutDown() {
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
    }

    /// Appends `job` as one line and makes it durable (`fsync`) before returning.
    func append(_ job: RecordedJob) throws(JobJournalError) {
        guard descriptor >= 0 else { throw JobJournalError(path: path, message: "the job journal is closed") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line: [UInt8]
        do {
            line = Array(try encoder.encode(job)) + [UInt8(ascii: "\n")]
        } catch {
            throw JobJournalError(path: path, message: "cannot encode the job: \(error)")
        }
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw JobJournalError(path: path, message: "cannot write the job journal: \(Self.errorText())")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw JobJournalError(path: path, message: "cannot fsync the job journal: \(Self.errorText())")
        }
        jobs.append(job)
    }

    private func load() throws(JobJournalError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw JobJournalError(path: path, message: "cannot read the job journal: \((error as NSError).localizedDescription)")
        }
        let bytes = [UInt8](data)
        var lineStart = 0
        var lineNumber = 0
        let decoder = JSONDecoder()
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lineNumber += 1
            let line = bytes[lineStart..<index]
            lineStart = index + 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            do {
                jobs.append(try decoder.decode(RecordedJob.self, from: Data(line)))
            } catch {
                throw JobJournalError(path: path, message: "line \(lineNumber) is not a job record (\(error)); the state is damaged — move the file aside to start empty")
            }
        }
        if lineStart < bytes.count {
            // A torn final write: never fsynced completely, so never acknowledged. Cut it off so the next
            // append starts on a fresh line.
            guard ftruncate(descriptor, off_t(lineStart)) == 0, fsync(descriptor) == 0 else {
                throw JobJournalError(path: path, message: "cannot cut off the incomplete last line: \(Self.errorText())")
            }
            repairNote = "removed an incomplete last line (\(bytes.count - lineStart) bytes) left by an interrupted write"
        }
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            _ = close(fd)
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
