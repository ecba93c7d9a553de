import Dispatch
import Foundation
import RAMPolicy
import Reporting

/// Batch simulation: one JSON request per input line, one JSON decision per output line, in order.
///
/// Policies are compiled once; lines are decided in blocks spread over the machine's cores, each
/// worker with its own ``Evaluator`` (per-action plan cache) and caches keyed by bytes, and blocks are
/// written in input order. See ``Worker`` for the fast and slow paths of one line.
public struct BatchRunner: Sendable {
    /// Totals for the exit code: 0 when every request is allowed, 1 when any is denied, 2 when any line is invalid.
    public struct Summary: Sendable, Hashable {
        public var requests = 0
        public var allowed = 0
        public var denied = 0
        public var invalid = 0

        mutating func merge(_ o: Summary) {
            requests += o.requests
            allowed += o.allowed
            denied += o.denied
            invalid += o.invalid
        }
    }

    public var authorizer: Authorizer
    public var defaultAction: String
    public var defaultResource: String
    /// Value for `acs:CurrentTime` when a request does not carry it.
    public var now: String {
        didSet { nowValue = ContextValue(now) }
    }
    var nowValue: ContextValue
    public var workers: Int
    /// Kept for source compatibility; blocks are now cut by size (``blockBytes``).
    public var blockLines: Int
    /// Bytes of input per unit of work (cut at a line end).
    public var blockBytes: Int = 1 << 18

    public init(authorizer: Authorizer, defaultAction: String = "vod:SubmitWorkflowJob", defaultResource: String = "*",
                now: String, workers: Int = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)), blockLines: Int = 32_768) {
        self.authorizer = authorizer
        self.defaultAction = defaultAction
        self.defaultResource = defaultResource
        self.now = now
        self.nowValue = ContextValue(now)
        self.workers = workers
        self.blockLines = blockLines
    }

    /// Decides every line of `input` and hands output chunks to `write` in input order.
    public func run(input: [UInt8], write: ([UInt8]) -> Void) -> Summary {
        input.withUnsafeBufferPointer { buffer in
            run(bytes: buffer) { chunk in write(Array(chunk)) }
        }
    }

    /// Decides every line of `bytes` and hands output chunks to `write` in input order.
    ///
    /// The input is cut into chunks of about ``blockBytes`` at line ends; the line number each chunk
    /// starts at comes from a parallel count of line ends. Workers then take chunks in order, each
    /// decides its chunk's lines into its own buffer, and whichever worker finishes the chunk that is
    /// next in order writes it (and any finished chunks after it), so writing overlaps deciding.
    /// `write` is called from the workers' threads, never concurrently, always in input order.
    public func run(bytes input: UnsafeBufferPointer<UInt8>, write: (UnsafeBufferPointer<UInt8>) -> Void) -> Summary {
        guard let base = input.baseAddress, input.count > 0 else { return Summary() }
        let total = input.count
        let chunkBytes = max(4096, blockBytes)

        // Chunk boundaries, each just after a line end.
        var bounds = [0]
        var pos = chunkBytes
        while pos < total {
            guard let hit = memchr(base + pos, 0x0A, total - pos) else { break }
            let next = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            if next >= total { break }
            bounds.append(next)
            pos = next + chunkBytes
        }
        bounds.append(total)
        let chunks = bounds.count - 1
        let parts = max(1, min(workers, chunks))

        // The line number of each chunk's first line: 1 + line ends before it.
        var firstLines = [Int](repeating: 0, count: chunks)
        if chunks > 1 {
            bounds.withUnsafeBufferPointer { bounds in
                firstLines.withUnsafeMutableBufferPointer { counts in
                    let counts = DisjointSlots(counts)
                    let bounds = SharedBytes(UnsafeRawPointer(bounds.baseAddress!))
                    let input = SharedBytes(UnsafeRawPointer(base))
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let b = bounds.pointer.assumingMemoryBound(to: Int.self)
                        var k = part
                        while k < chunks - 1 {
                            counts.buffer[k + 1] = Self.countLineEnds(input.pointer + b[k], b[k + 1] - b[k])
                            k += parts
                        }
                    }
                }
            }
        }
        var line = 1
        for k in 0..<chunks {
            line += firstLines[k]
            firstLines[k] = line
        }

        let pipeline = Pipeline(maxAhead: parts * 4)
        withoutActuallyEscaping(write) { write in
            let sink = UncheckedSendable(write)
            let input = SharedBytes(UnsafeRawPointer(base))
            let bounds = bounds
            let firstLines = firstLines
            DispatchQueue.concurrentPerform(iterations: parts) { _ in
                let base = input.pointer.assumingMemoryBound(to: UInt8.self)
                var worker = Worker(runner: self)
                while let (k, buffer) = pipeline.claim(chunks: chunks) {
                    let lo = bounds[k]
                    let hi = bounds[k + 1]
                    var out = buffer ?? ByteBuffer(capacity: (hi - lo) * 2 + 1024)
                    var line = firstLines[k]
                    var s = lo
                    while s < hi {
                        let used = worker.decideFast(line: line, p: base + s, n: hi - s, out: &out)
                        if used >= 0 {
                            line += 1
                            s += used
                            continue
                        }
                        var e = hi
                        if let hit = memchr(base + s, 0x0A, hi - s) {
                            e = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                        }
                        var end = e
                        while end > s, base[end - 1] == 0x0D { end -= 1 }
                        worker.decide(line: line, p: base + s, n: end - s, out: &out)
                        line += 1
                        s = e + 1
                    }
                    pipeline.finish(chunk: k, output: out, write: sink.value)
                }
                pipeline.add(worker.summary)
                worker.free()
            }
        }
        return pipeline.summary
    }

    /// The number of line ends in `n` bytes.
    static func countLineEnds(_ p: UnsafeRawPointer, _ n: Int) -> Int {
        var count = 0
        var q = p
        let end = p + n
        while q < end, let hit = memchr(q, 0x0A, end - q) {
            count += 1
            q = UnsafeRawPointer(hit) + 1
        }
        return count
    }

    /// Hands out chunks in order and writes finished ones in order; bounds how far deciding may run
    /// ahead of writing (a slow reader of standard output must not make the output pile up in memory).
    final class Pipeline: @unchecked Sendable {
        private let condition = NSCondition()
        private let maxAhead: Int
        private var nextChunk = 0
        private var nextWrite = 0
        private var finished: [Int: ByteBuffer] = [:]
        private var writing = false
        private var total = Summary()

        init(maxAhead: Int) {
            self.maxAhead = maxAhead
        }

        /// Written buffers, emptied, for the next chunks (reused memory is not faulted in again).
        private var spare: [ByteBuffer] = []

        /// The next chunk to decide and a spare output buffer if there is one, or nil when no chunk is left.
        func claim(chunks: Int) -> (Int, ByteBuffer?)? {
            condition.lock()
            defer { condition.unlock() }
            // The chunk `nextWrite` is being decided by a running worker, which will write it and wake us.
            while nextChunk < chunks && nextChunk >= nextWrite + maxAhead { condition.wait() }
            guard nextChunk < chunks else { return nil }
            nextChunk += 1
            return (nextChunk - 1, spare.popLast())
        }

        /// Stores a decided chunk; unless another worker is writing, writes every chunk now in order.
        func finish(chunk: Int, output: ByteBuffer, write: (UnsafeBufferPointer<UInt8>) -> Void) {
            condition.lock()
            finished[chunk] = output
            if writing {
                condition.unlock()
                return
            }
            writing = true
            while var out = finished.removeValue(forKey: nextWrite) {
                condition.unlock()
                if out.count > 0 { write(out.bytes) }
                out.removeAll()
                condition.lock()
                spare.append(out)
                nextWrite += 1
                condition.broadcast()
            }
            writing = false
            condition.unlock()
        }

        deinit {
            for b in spare { b.free() }
            for (_, b) in finished { b.free() }
        }

        func add(_ s: Summary) {
            condition.lock()
            total.merge(s)
            condition.unlock()
        }

        var summary: Summary {
            condition.lock()
            defer { condition.unlock() }
            return total
        }
    }
}

/// A pointer to bytes that every worker only reads while `run` waits for them.
struct SharedBytes: @unchecked Sendable {
    let pointer: UnsafeRawPointer

    init(_ pointer: UnsafeRawPointer) {
        self.pointer = pointer
    }
}

/// A value used by one thread at a time, handed between threads under a lock.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T

    init(_ value: T) {
        self.value = value
    }
}

/// A buffer shared by `concurrentPerform` workers that each touch only their own, disjoint elements
/// (or only read), which is what makes sending it across threads sound.
struct DisjointSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>

    init(_ buffer: UnsafeMutableBufferPointer<T>) {
        self.buffer = buffer
    }
}
