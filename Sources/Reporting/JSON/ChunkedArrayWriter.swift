import Dispatch
import Foundation

/// Writes a long JSON array to a sink in chunks encoded on every core: the bytes are exactly those of a
/// serial write, because every element's layout depends only on its depth and on whether it is first.
///
/// A lint of a 10,000-file tree can carry 150,000 findings (200 MB of JSON); written on one core, the
/// report took as long as linting the tree on two, and held whole in memory it cost more in page faults
/// than in encoding. Chunks go to the sink in order as they are finished (``OrderedChunkWriter``).
struct ChunkedArrayWriter: Sendable {
    /// Below this many elements a serial write is cheaper than waking another thread.
    static let minimumParallelCount = 2_048
    /// Elements per chunk: a few hundred kilobytes of findings, so one write call carries many pages and
    /// a core that finishes early takes the next chunk.
    static let chunkElements = 256
    /// A serial write hands its buffer to the sink whenever it holds this much.
    static let flushBytes = 1 << 18

    let writer: FindingsJSONWriter
    /// Below this many elements the array is written serially.
    var parallelFrom = Self.minimumParallelCount
    /// Elements per parallel chunk.
    var chunkSize = Self.chunkElements

    /// A writer for an array of large elements (an audit's identities: each carries its checks with the
    /// quoted statements, some 16 kB of JSON): 2,000 of them are as many bytes as 25,000 findings, and
    /// written serially they kept one core busy while the other waited.
    static func large(_ writer: FindingsJSONWriter) -> ChunkedArrayWriter {
        ChunkedArrayWriter(writer: writer, parallelFrom: 64, chunkSize: 16)
    }

    /// Writes `items` as a JSON array; `element` writes one at the depth given, and may keep the escapes
    /// of its strings in the cache (``RepeatedStringCache``), which lives as long as one chunk.
    func array<T: Sendable>(_ items: [T], depth: Int, to sink: any ReportSink,
                            _ element: @escaping @Sendable (T, Int, inout JSONBytes, inout RepeatedStringCache) -> Void) {
        array(items, depth: depth, to: sink, inPlace: { item, depth, out, cache in element(item.pointee, depth, &out, &cache) })
    }

    /// ``array(_:depth:to:_:)`` with each element read where it lies: passed by value, each of 150,000
    /// findings was copied out of the array (its dozen strings retained and released) before it was written.
    func array<T: Sendable>(_ items: [T], depth: Int, to sink: any ReportSink,
                            inPlace element: @escaping @Sendable (UnsafePointer<T>, Int, inout JSONBytes, inout RepeatedStringCache) -> Void) {
        array(count: items.count, depth: depth, to: sink, elements: { range, body in
            items.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }, inPlace: element)
    }

    /// A JSON array of `count` elements that `elements` provides a run at a time: it calls its body with
    /// the elements of the range asked for, which stay alive and unchanged until the body returns (made
    /// for the run, or read where they lie). Each run is one chunk of the parallel write, or, below
    /// ``parallelFrom``, the whole array.
    func array<T>(count: Int, depth: Int, to sink: any ReportSink,
                  elements: @escaping @Sendable (Range<Int>, (UnsafeBufferPointer<T>) -> Void) -> Void,
                  inPlace element: @escaping @Sendable (UnsafePointer<T>, Int, inout JSONBytes, inout RepeatedStringCache) -> Void) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let writer = self.writer
        guard count >= parallelFrom, cores > 1 else {
            var out = JSONBytes(capacity: min(Self.flushBytes * 2, count * 1_024 + 64))
            var cache = RepeatedStringCache()
            out.append(UInt8(ascii: "["))
            elements(0..<count) { buffer in
                for index in buffer.indices {
                    writer.separator(first: index == 0, depth: depth + 1, &out)
                    element(buffer.baseAddress! + index, depth + 1, &out, &cache)
                    if out.count >= Self.flushBytes {
                        out.withBytes { sink.write($0) }
                        out.removeAll()
                    }
                }
            }
            writer.close(UInt8(ascii: "]"), depth: depth, empty: count == 0, &out)
            out.withBytes { sink.write($0) }
            return
        }
        sink.write([UInt8(ascii: "[")])
        let chunkSize = self.chunkSize
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let ordered = OrderedChunkWriter(sink: sink, capacity: chunkSize * 1_536)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize
            let end = min(count, start + chunkSize)
            var bytes = ordered.buffer()
            var cache = RepeatedStringCache()
            elements(start..<end) { buffer in
                for index in buffer.indices {
                    writer.separator(first: start + index == 0, depth: depth + 1, &bytes)
                    element(buffer.baseAddress! + index, depth + 1, &bytes, &cache)
                }
            }
            ordered.submit(chunk, bytes)
        }
        var tail = JSONBytes(capacity: 64)
        writer.close(UInt8(ascii: "]"), depth: depth, empty: false, &tail)
        tail.withBytes { sink.write($0) }
    }
}
