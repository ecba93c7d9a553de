/// The output buffer of the hand-written JSON writers: an append is a capacity check and a store.
///
/// `[UInt8].append` checks uniqueness and capacity, and may call into the runtime, on every call; the
/// writers append a byte or a short run at a time, a few hundred times per finding, and those checks were
/// most of what encoding a 150,000-finding report cost. Noncopyable, so its memory has exactly one owner;
/// ``Storage`` lends that memory to a pool of chunk buffers and back (``OrderedChunkWriter``).
struct JSONBytes: ~Copyable {
    /// The memory of a buffer between uses.
    struct Storage: @unchecked Sendable {
        // Owned by exactly one pool or buffer at a time (see `relinquish()`), never shared.
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
    }

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer over memory a pool kept, emptied.
    init(adopting storage: Storage) {
        base = storage.base
        capacity = storage.capacity
    }

    deinit { base.deallocate() }

    /// Gives the memory back to its owner-to-be without freeing it.
    consuming func relinquish() -> Storage {
        let storage = Storage(base: base, capacity: capacity)
        discard self
        return storage
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(minimum: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(minimum: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// `n` copies of `byte` (indentation).
    @inline(__always)
    mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(minimum: count + n) }
        (base + count).update(repeating: byte, count: n)
        count += n
    }

    /// Lets `body` write up to `maximum` bytes straight into the buffer; it returns how many it wrote.
    /// For writers that know a bound (an escaped string is at most six bytes per byte, plus quotes) and
    /// would otherwise check the capacity per byte.
    @inline(__always)
    mutating func write(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > capacity { grow(minimum: count + maximum) }
        let written = body(base + count)
        precondition(written >= 0 && written <= maximum, "a writer went past the space it asked for")
        count += written
    }

    mutating func removeAll() {
        count = 0
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes from offset `start` on (what the last write added).
    func suffix(from start: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// A copy of the bytes, for callers that need an array.
    var array: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    private mutating func grow(minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
