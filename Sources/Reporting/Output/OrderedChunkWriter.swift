import Foundation

/// Hands chunks encoded on several cores to a ``ReportSink`` in index order, without making an encoder
/// wait for the chunks before its own.
///
/// Whoever finishes the next chunk due becomes the writer: it writes that chunk and every later one
/// already waiting, outside the lock, while the other cores go on encoding. Buffers are recycled, so while
/// writing keeps up with encoding a report of any size needs only a few chunks' worth of memory (fresh
/// pages cost a page fault each, and on a virtual machine page faults were a third of a large lint's time).
final class OrderedChunkWriter: @unchecked Sendable {
    // All mutable state is guarded by `lock`; the sink is written only by the thread holding the writer
    // role (`writing`), which the lock hands over, so sink calls never overlap. Each `Storage` is owned
    // by exactly one of: a buffer being filled, `waiting`, `spare`.
    private let lock = NSLock()
    private let sink: any ReportSink
    private var waiting: [Int: (storage: JSONBytes.Storage, count: Int)] = [:]
    private var next = 0
    private var writing = false
    private var spare: [JSONBytes.Storage] = []
    private let capacity: Int

    /// - Parameter capacity: the bytes a new buffer reserves (about one chunk).
    init(sink: any ReportSink, capacity: Int) {
        self.sink = sink
        self.capacity = capacity
    }

    deinit {
        for storage in spare { storage.base.deallocate() }
        for (storage, _) in waiting.values { storage.base.deallocate() }
    }

    /// An empty buffer with room for about a chunk: a recycled one when there is one.
    func buffer() -> JSONBytes {
        lock.lock()
        let recycled = spare.popLast()
        lock.unlock()
        if let recycled { return JSONBytes(adopting: recycled) }
        return JSONBytes(capacity: capacity)
    }

    /// Chunk `index` is finished; it is written once every chunk before it has been.
    func submit(_ index: Int, _ bytes: consuming JSONBytes) {
        let count = bytes.count
        let storage = bytes.relinquish()
        lock.lock()
        waiting[index] = (storage, count)
        guard !writing else {
            lock.unlock()
            return
        }
        writing = true
        while let chunk = waiting.removeValue(forKey: next) {
            next += 1
            lock.unlock()
            sink.write(UnsafeRawBufferPointer(start: chunk.storage.base, count: chunk.count))
            lock.lock()
            spare.append(chunk.storage)
        }
        writing = false
        lock.unlock()
    }
}
