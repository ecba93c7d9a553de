import Foundation

/// The emulator's mutable state, behind one actor: the job journal, the nonces already seen, and how many
/// more requests each fault may hit.
actor EmulatorState {
    private let journal: JobJournal?
    private var memoryJobs: [RecordedJob] = []
    /// `accessKeyId NUL nonce` → the request timestamp it came with.
    private var nonces: [String: Date] = [:]
    /// Size at which stale nonces are next pruned; doubled after each pass so pruning stays amortised O(1)
    /// even when every nonce is still inside the window.
    private var pruneAt = 4096
    private let faults: [FaultRule]
    /// Whether any fault is configured: without faults the pipeline skips its fault lookups (one actor hop
    /// each) entirely.
    nonisolated let hasFaults: Bool
    private var remaining: [Int?]
    /// A note from opening the journal (a repaired torn line), for the log.
    nonisolated let journalNote: String?

    init(faults: [FaultRule], stateDirectory: String?) throws(JobJournalError) {
        self.faults = faults
        self.hasFaults = !faults.isEmpty
        self.remaining = faults.map(\.count)
        if let stateDirectory {
            let journal = try JobJournal(directory: stateDirectory)
            self.journalNote = journal.repairNote
            self.journal = journal
        } else {
            self.journal = nil
            self.journalNote = nil
        }
    }

    var jobs: [RecordedJob] { journal?.jobs ?? memoryJobs }

    /// Makes `job` durable (with a journal: written and fsynced, group-committed with the other jobs in
    /// flight) before returning. The actor is free while the journal commits, so nonce checks and other
    /// requests are not held up by the `fsync`.
    func record(_ job: RecordedJob) async throws(JobJournalError) {
        if let journal {
            try await journal.append(job)
        } else {
            memoryJobs.append(job)
        }
    }

    /// Releases the journal's file and lock.
    func close() {
        journal?.shutDown()
    }

    /// Records `nonce` for `accessKeyId`; `false` if it was already used.
    ///
    /// Nonces are remembered per AccessKey ID. With a skew limit, a nonce whose request time is further
    /// in the past than the limit can be forgotten: such a request fails the time check anyway.
    func useNonce(_ nonce: String, accessKeyId: String, requestDate: Date, now: Date, maximumSkew: TimeInterval?) -> Bool {
        let key = accessKeyId + "\u{0}" + nonce
        if nonces[key] != nil { return false }
        if let maximumSkew, nonces.count >= pruneAt {
            let horizon = now.addingTimeInterval(-maximumSkew - 60)
            nonces = nonces.filter { $0.value >= horizon }
            pruneAt = max(4096, nonces.count * 2)
        }
        nonces[key] = requestDate
        return true
    }

    /// The first fault of one of `kinds` that matches and has requests left; its count is used up by one.
    func takeFault(_ kinds: Set<FaultRule.Kind>, workflowId: String?, accessKeyId: String?) -> FaultRule? {
        for (index, fault) in faults.enumerated() where kinds.contains(fault.kind) {
            guard fault.matches(workflowId: workflowId, accessKeyId: accessKeyId) else { continue }
            if let left = remaining[index] {
                guard left > 0 else { continue }
                remaining[index] = left - 1
            }
            return fault
        }
        return nil
    }
}
