import Foundation

/// Runs `body` for every index on all cores and returns the results in index order.
///
/// `audit` and `lint` do independent work per file; a strided split keeps every core busy without a
/// shared counter, and the results land in disjoint slots so no lock is taken per item.
enum ParallelWork {
    static func map<T: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                 _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let parts = max(1, min(workers, count))
        if parts == 1 { return (0..<count).map(body) }
        var slots = [T?](repeating: nil, count: count)
        slots.withUnsafeMutableBufferPointer { buffer in
            let shared = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var index = part
                while index < count {
                    shared.buffer[index] = body(index)
                    index += parts
                }
            }
        }
        return slots.compactMap { $0 }
    }
}
