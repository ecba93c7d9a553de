import Dispatch
import Foundation

/// Writes a long JSON array in chunks on every core and joins them: the bytes are exactly those of a
/// serial write, because every element's layout depends only on its depth and on whether it is first.
///
/// A lint of a 10,000-file tree can carry 150,000 findings (200 MB of JSON); written on one core, the
/// report took as long as linting the tree on two.
struct ChunkedArrayWriter: Sendable {
    /// Below this many elements a serial write is cheaper than waking another thread.
    static let minimumParallelCount = 2_048

    let writer: FindingsJSONWriter

    func array<T: Sendable>(_ items: [T], depth: Int, into out: inout [UInt8],
                            _ element: @escaping @Sendable (T, Int, inout [UInt8]) -> Void) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard items.count >= Self.minimumParallelCount, cores > 1 else {
            writer.array(items, depth: depth, &out, element)
            return
        }
        // Several chunks per core, so a core that finishes early takes the next one.
        let chunkCount = min(items.count, cores * 8)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        var chunks = [[UInt8]](repeating: [], count: chunkCount)
        let writer = self.writer
        chunks.withUnsafeMutableBufferPointer { buffer in
            let slots = ChunkSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                let end = min(items.count, start + chunkSize)
                guard start < end else { return }
                var bytes: [UInt8] = []
                bytes.reserveCapacity((end - start) * 1_024)
                for index in start..<end {
                    writer.separator(first: index == 0, depth: depth + 1, &bytes)
                    element(items[index], depth + 1, &bytes)
                }
                slots.buffer[chunk] = bytes
            }
        }
        out.reserveCapacity(out.count + chunks.reduce(0) { $0 + $1.count } + 64)
        out.append(UInt8(ascii: "["))
        for chunk in chunks { out.append(contentsOf: chunk) }
        writer.close(UInt8(ascii: "]"), depth: depth, empty: items.isEmpty, &out)
    }
}

/// Result slots that each concurrent chunk writes exactly once, at its own index.
private struct ChunkSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[UInt8]>
}
