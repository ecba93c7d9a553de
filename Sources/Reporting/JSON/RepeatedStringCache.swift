/// The JSON a chunk has already written for a string (or a whole array), found by the identity of its
/// value.
///
/// Every finding of one rule carries the same code, title, help text and remedy, every finding of one
/// file the same path, and findings on one line share their quoted line: in a 150,000-finding report
/// those repeats are a third of the bytes, and escaping them byte by byte again each time cost more than
/// copying the first escape. A string is matched by its two words of representation (a long string's
/// storage address and length with its flags; a short string's bytes themselves), an array by its
/// storage's address and count: two values that match are equal, and the check is two integer compares.
///
/// Only values that stay alive for the cache's whole life may be looked up (fields of the elements of
/// the array being written): a freed value's address could be reused by a different one.
///
/// The table is direct-mapped (a slot per hash of the key; a newer value replaces an older one in its
/// slot), and the escapes are kept one after another in one buffer: a small table searched in order
/// was emptied by the paths of the files a chunk goes through, so the help texts were escaped again.
/// Noncopyable, so the buffer has one owner and is freed with the cache.
struct RepeatedStringCache: ~Copyable {
    /// Slots in the table (a power of two). A chunk's hot keys are every rule's code, title, help text and
    /// remedy, its files' paths and its quoted lines, about a hundred: with 64 slots, which of them shared a
    /// slot depended on where the linker put the rules' texts, and one build escaped a fifth more text
    /// than another (callgrind on 1,000 stress files: `escaped` 35.7 M in one build, 44.1 M in the next,
    /// 33.5 M with 512 slots). 512 entries are 20 kB, made once per chunk.
    static let capacity = 512

    private struct Entry {
        var first: UInt64 = 0
        var second: UInt64 = 0
        /// 0 for an empty slot, 1 for a string, 2 for an array.
        var kind: UInt64 = 0
        var start = 0
        var length = 0
    }

    private let entries: UnsafeMutablePointer<Entry>
    /// The escapes, one after another (an entry's replaced escape stays until the cache goes).
    /// Room for a chunk's distinct snippets without growing (a grown buffer is copied), kept under the
    /// size the allocator maps pages for.
    private var stored = JSONBytes(capacity: 120_000)

    init() {
        entries = .allocate(capacity: Self.capacity)
        entries.initialize(repeating: Entry(), count: Self.capacity)
    }

    deinit { entries.deallocate() }

    @inline(__always)
    private static func slot(_ first: UInt64, _ second: UInt64) -> Int {
        let mixed = (first ^ (first >> 17)) &+ (second >> 4) ^ (second >> 11)
        return Int(truncatingIfNeeded: mixed) & (capacity - 1)
    }

    /// Appends the JSON remembered for a key, if any.
    @inline(__always)
    private func copy(_ first: UInt64, _ second: UInt64, kind: UInt64, _ out: inout JSONBytes) -> Bool {
        let entry = entries[Self.slot(first, second)]
        guard entry.first == first, entry.second == second, entry.kind == kind else { return false }
        stored.withBytes { bytes in
            out.append(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self).advanced(by: entry.start),
                                           count: entry.length))
        }
        return true
    }

    /// Remembers the bytes `out` gained since `start` as the JSON of a key.
    private mutating func remember(_ first: UInt64, _ second: UInt64, kind: UInt64, from start: Int, _ out: borrowing JSONBytes) {
        let at = stored.count
        let length = out.count - start
        out.withBytes { bytes in
            stored.append(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self).advanced(by: start), count: length))
        }
        entries[Self.slot(first, second)] = Entry(first: first, second: second, kind: kind, start: at, length: length)
    }

    /// Appends `value` as a JSON string: a copy of its escape when it was written before, otherwise the
    /// escape `writer` makes, remembered for next time.
    @inline(__always)
    mutating func string(_ value: String, _ writer: FindingsJSONWriter, _ out: inout JSONBytes) {
        withUnsafePointer(to: value) { string(at: $0, writer, &out) }
    }

    /// ``string(_:_:_:)`` of the string at `field`, read in place (``BorrowedField``): a string found in
    /// the cache is not even looked at, only its two words of representation.
    @inline(__always)
    mutating func string(at field: UnsafePointer<String>, _ writer: FindingsJSONWriter, _ out: inout JSONBytes) {
        // A string's representation: two words that identify its text as long as it is alive.
        let (first, second) = BorrowedField.identity(field)
        if copy(first, second, kind: 1, &out) { return }
        let start = out.count
        writer.string(at: field, &out)
        remember(first, second, kind: 1, from: start, out)
    }

    /// Appends the JSON of a non-empty array whose layout depends only on its elements (and on the depth,
    /// the same for every use of one cache): a copy when the same array storage was written before,
    /// otherwise what `write` appends, remembered for next time.
    mutating func array<T>(_ items: UnsafeBufferPointer<T>, _ out: inout JSONBytes, _ write: (inout JSONBytes) -> Void) {
        guard let address = items.baseAddress, !items.isEmpty else {
            write(&out)
            return
        }
        let first = UInt64(UInt(bitPattern: address)), second = UInt64(items.count)
        if copy(first, second, kind: 2, &out) { return }
        let start = out.count
        write(&out)
        remember(first, second, kind: 2, from: start, out)
    }
}
