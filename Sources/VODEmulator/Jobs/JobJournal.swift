import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable record of accepted jobs: an append-only JSON Lines file, `jobs.jsonl`, in the state
/// directory.
///
/// ``append(_:)`` returns only once its line is written and `fsync`ed, and the emulator answers only after
/// that, so a job the client was told about (or might have been told about) survives a crash or restart.
/// Appends are **group-committed**: one committer thread takes every line waiting, writes them with one
/// `write` and makes them durable with one `fsync`, then releases all their callers; lines arriving
/// meanwhile form the next batch. A disk `fsync` costs milliseconds, and one per job serialised every
/// accepted request behind it; with group commit the cost is shared by all requests in flight, and no
/// answer is sent before its own line is durable. If a write or `fsync` fails, every append of that batch
/// and every later one fails (the file's tail is then unknown; the operator must look).
///
/// On open the file is read back; a final line without its newline is a write that never completed (it
/// was never acknowledged), so it is cut off, while a corrupt *complete* line is an error — the state is
/// damaged and the operator must look. The directory is locked (`flock`) so two emulators cannot
/// interleave writes.
///
/// Thread-safe: the mutable state is guarded by `condition`'s lock; the descriptor is written by the
/// committer thread only.
final class JobJournal: @unchecked Sendable {
    static let fileName = "jobs.jsonl"

    private struct Waiting {
        var line: [UInt8]
        var job: RecordedJob
        var continuation: CheckedContinuation<Result<Void, JobJournalError>, Never>
    }

    let path: String
    /// A note about something repaired on open (a torn final line), for the log.
    private(set) var repairNote: String?

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var descriptor: Int32
    private var committed: [RecordedJob]
    private var waiting: [Waiting] = []
    private var failure: JobJournalError?
    private var closing = false
    private var committerRunning = false
    private let committerDone = DispatchSemaphore(value: 0)

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
        self.committed = []
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

    /// The jobs made durable so far, in file order.
    var jobs: [RecordedJob] {
        condition.lock()
        defer { condition.unlock() }
        return committed
    }

    /// Commits what is waiting, then releases the lock and the file; later appends fail.
    func shutDown() {
        condition.lock()
        if closing {
            condition.unlock()
            return
        }
        closing = true
        let running = committerRunning
        condition.broadcast()
        condition.unlock()
        if running { committerDone.wait() }
        condition.lock()
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
        condition.unlock()
    }

    /// Appends `job` as one line and returns once it is durable (written and `fsync`ed, possibly together
    /// with other jobs' lines).
    func append(_ job: RecordedJob) async throws(JobJournalError) {
        let line: [UInt8]
        do {
            line = try JournalLine.encode(job)
        } catch {
            throw JobJournalError(path: path, message: "cannot encode the job: \(error)")
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, JobJournalError>, Never>) in
            condition.lock()
            if let failure {
                condition.unlock()
                continuation.resume(returning: .failure(failure))
                return
            }
            guard !closing, descriptor >= 0 else {
                condition.unlock()
                continuation.resume(returning: .failure(JobJournalError(path: path, message: "the job journal is closed")))
                return
            }
            waiting.append(Waiting(line: line, job: job, continuation: continuation))
            if !committerRunning {
                committerRunning = true
                let thread = Thread { [self] in commitLoop() }
                thread.name = "vod-emulator.journal"
                thread.start()
            } else {
                condition.signal()
            }
            condition.unlock()
        }
        try result.get()
    }

    /// The committer: takes every waiting line, writes and fsyncs them together, releases their callers;
    /// ends after ``shutDown()`` once nothing is waiting.
    private func commitLoop() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closing { condition.wait() }
            if waiting.isEmpty {
                committerRunning = false
                condition.unlock()
                committerDone.signal()
                return
            }
            let batch = waiting
            waiting = []
            let fd = descriptor
            let earlierFailure = failure
            condition.unlock()

            let outcome: Result<Void, JobJournalError>
            if let earlierFailure {
                outcome = .failure(earlierFailure)
            } else {
                outcome = persist(batch.flatMap(\.line), to: fd)
            }
            condition.lock()
            switch outcome {
            case .success: committed.append(contentsOf: batch.map(\.job))
            case .failure(let error): failure = error
            }
            condition.unlock()
            for entry in batch { entry.continuation.resume(returning: outcome) }
        }
    }

    private func persist(_ bytes: [UInt8], to fd: Int32) -> Result<Void, JobJournalError> {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return .failure(JobJournalError(path: path, message: "cannot write the job journal: \(Self.errorText()); the file's end is now unknown, restart the emulator to check it"))
            }
            offset += written
        }
        guard fsync(fd) == 0 else {
            return .failure(JobJournalError(path: path, message: "cannot fsync the job journal: \(Self.errorText()); restart the emulator to check the file"))
        }
        return .success(())
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
                committed.append(try decoder.decode(RecordedJob.self, from: Data(line)))
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
