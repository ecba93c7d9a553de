import Foundation

/// The append-only journal of `ramguard submit --journal FILE`: one JSON line per event, intent before
/// an attempt is sent and outcome after, each written with a single `write(2)` on an `O_APPEND`
/// descriptor and `fsync(2)`'d before the call goes on — so a script that was killed, or a machine that
/// crashed, leaves a record of what may have been sent.
///
/// While a submit runs it holds an exclusive `flock(2)` on the file, so two runs cannot both pass the
/// unknown-outcome check and send. The file is created with mode 0600.
public final class SubmitJournal: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// Opens (creating if needed) and locks the journal.
    ///
    /// - Throws: ``RamguardError`` when the file cannot be opened or another run holds it.
    public init(path: String) throws(RamguardError) {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK
                ? "another ramguard submit is using this journal; wait for it to finish"
                : String(cString: strerror(errno))
            close(fd)
            throw .unwritable(path: path, reason: reason)
        }
        self.descriptor = fd
        if !existed {
            // Make the new file's directory entry durable too.
            let directory = (path as NSString).deletingLastPathComponent
            let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
            if dirfd >= 0 {
                fsync(dirfd)
                close(dirfd)
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Every entry in the file, in order, and the numbers of lines that could not be read (a run killed
    /// mid-write can leave a partial last line).
    public func entries() -> (entries: [JournalEntry], unreadableLines: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        return Self.read(path: path)
    }

    /// Appends `entry` as one line and waits until it is on disk.
    public func append(_ entry: JournalEntry) throws(RamguardError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else {
            throw .unwritable(path: path, reason: "the journal entry could not be encoded")
        }
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw .unwritable(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Submissions of `workflowId`/`mediaId` whose outcome is unknown — an intent with no outcome (the run
    /// died), or an outcome of `unknown` — recorded after the last run that was started with `--force`.
    public static func unresolved(in entries: [JournalEntry], workflowId: String, mediaId: String?) -> [JournalEntry] {
        let relevant = entries.filter { $0.workflowId == workflowId && $0.mediaId == mediaId }
        var start = relevant.startIndex
        if let lastForce = relevant.lastIndex(where: { $0.type == .intent && $0.force == true }) {
            // Earlier runs were acknowledged by the forced run; what the forced run itself did still counts.
            let forcedSubmission = relevant[lastForce].submission
            start = relevant.firstIndex(where: { $0.submission == forcedSubmission }) ?? lastForce
        }
        return unresolvedAttempts(Array(relevant[start...]))
    }

    private static func unresolvedAttempts(_ entries: [JournalEntry]) -> [JournalEntry] {
        var intents: [String: JournalEntry] = [:]
        var order: [String] = []
        var result: [String: JournalEntry] = [:]
        for entry in entries {
            let key = "\(entry.submission)#\(entry.attempt)"
            switch entry.type {
            case .intent:
                if intents[key] == nil { order.append(key) }
                intents[key] = entry
            case .outcome:
                result[key] = entry
            }
        }
        return order.compactMap { key -> JournalEntry? in
            guard let intent = intents[key] else { return nil }
            if let outcome = result[key] {
                return outcome.result == "unknown" ? outcome : nil
            }
            return intent
        }
    }
}

extension SubmitJournal {
    /// Reads a journal without opening it for writing (for `ramguard preflight` and dry runs); a missing
    /// file has no entries.
    public static func read(path: String) -> (entries: [JournalEntry], unreadableLines: [Int]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        var entries: [JournalEntry] = []
        var unreadable: [Int] = []
        let decoder = JSONDecoder()
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) {
                entries.append(entry)
            } else {
                unreadable.append(index + 1)
            }
        }
        return (entries, unreadable)
    }
}
