import Foundation

/// Runs `body` for every index on all cores and returns the results in index order.
///
/// `audit` and `lint` do independent work per file or identity. The indices are cut into contiguous
/// chunks, many more than there are cores, which `concurrentPerform` hands to whichever thread is free:
/// a fixed split (one strided share per core) left the run waiting on the slowest core whenever one was
/// late to start or descheduled, which on a shared machine was often. Each result is initialised in its
/// own slot of the returned array (no optional per slot and no copy at the end), so no lock is taken.
enum ParallelWork {
    /// Chunks per core: enough for a core that falls behind to be covered by the others.
    static let chunksPerWorker = 32

    static func map<T: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                 _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1, workers > 1 else { return (0..<count).map(body) }
        let chunks = min(count, workers * chunksPerWorker)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                for index in start..<end {
                    (slots.buffer.baseAddress! + index).initialize(to: body(index))
                }
            }
            initialized = count
        }
    }
}
