import Dispatch
import Foundation

/// `items.map(transform)` on every core for long arrays, in order.
///
/// Encoders turn each of a report's findings into their format's shape (a JUnit output line, say); for the
/// 150,000 findings of a 10,000-file tree that took longer on one core than encoding them on two. Each
/// core fills its own contiguous slice of the result, so no lock is taken per element. `transform` must
/// emit exactly one value per item of its slice, in order (checked).
enum ParallelMap {
    /// Below this many elements one core is cheaper than waking another.
    static let minimumParallelCount = 4_096

    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (ArraySlice<T>, (U) -> Void) -> Void) -> [U] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard items.count >= minimumParallelCount, cores > 1 else {
            var out: [U] = []
            out.reserveCapacity(items.count)
            transform(items[...]) { out.append($0) }
            return out
        }
        let chunks = cores * 4
        let size = (items.count + chunks - 1) / chunks
        return [U](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let slots = UncheckedSlots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = min(items.count, chunk * size)
                let end = min(items.count, start + size)
                var at = start
                transform(items[start..<end]) { value in
                    precondition(at < end, "a parallel map must produce one value per item")
                    (slots.base + at).initialize(to: value)
                    at += 1
                }
                precondition(at == end, "a parallel map must produce one value per item")
            }
            initialized = items.count
        }
    }
}

extension ParallelMap {
    /// `(0..<count).map(transform)` with every index on whichever core is free, in order: for a few
    /// large, independent pieces of work (``minimumParallelCount`` is about many small ones).
    static func each<U: Sendable>(count: Int, _ transform: @Sendable (Int) -> U) -> [U] {
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<count).map(transform) }
        return [U](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UncheckedSlots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (slots.base + index).initialize(to: transform(index))
            }
            initialized = count
        }
    }
}

/// The result's storage, shared by workers that each initialise only their own slice.
private struct UncheckedSlots<U>: @unchecked Sendable {
    let base: UnsafeMutablePointer<U>
}
