/// The escaped JSON of long strings a chunk has already written, found by the identity of their storage.
///
/// Every finding of one rule carries the same help text, title and remedy, and every finding of one file
/// the same path: in a 150,000-finding report those repeats are a quarter of the bytes, and escaping them
/// byte by byte again each time cost more than copying the first escape. Strings are matched by their
/// storage's address and length, not compared: two strings with one storage are equal, and the check is
/// two integer compares.
///
/// Only strings that stay alive for the cache's whole life may be looked up (fields of the elements of
/// the array being written): a freed string's address could be reused by a different one of the same
/// length. Strings too short to have heap storage (15 bytes) are never cached.
struct RepeatedStringCache {
    /// Strings shorter than this are escaped afresh: the lookup would cost what the escape does.
    static let minimumLength = 32
    /// Entries kept; the oldest is replaced first. Findings of a file alternate between a few rules.
    static let capacity = 16

    private var addresses: [UnsafeRawPointer?]
    private var counts: [Int]
    private var escaped: [[UInt8]]
    private var next = 0

    init() {
        addresses = Array(repeating: nil, count: Self.capacity)
        counts = Array(repeating: 0, count: Self.capacity)
        escaped = Array(repeating: [], count: Self.capacity)
    }

    /// Appends `value` as a JSON string: a copy of its escape when it was written before, otherwise the
    /// escape `writer` makes, remembered for next time.
    mutating func string(_ value: String, _ writer: FindingsJSONWriter, _ out: inout JSONBytes) {
        let utf8 = value.utf8
        guard utf8.count >= Self.minimumLength,
              let address = utf8.withContiguousStorageIfAvailable({ UnsafeRawPointer($0.baseAddress) }) ?? nil else {
            writer.string(value, &out)
            return
        }
        let count = utf8.count
        for slot in 0..<Self.capacity where addresses[slot] == address && counts[slot] == count {
            escaped[slot].withUnsafeBufferPointer { out.append($0) }
            return
        }
        let start = out.count
        writer.string(value, &out)
        let slot = next
        next = (next + 1) % Self.capacity
        addresses[slot] = address
        counts[slot] = count
        escaped[slot] = out.suffix(from: start)
    }
}
