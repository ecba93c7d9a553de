/// Reads a `String` or array field of a value that lies in memory someone else keeps alive, without a
/// retain and a release of its storage.
///
/// The writers read each of a report's 150,000 findings where it lies in the array being written. Passed
/// on to a helper as a value, each of a finding's dozen strings was retained and released around the
/// call, because the compiler cannot prove the memory it was read from stays unchanged meanwhile: an
/// atomic increment and decrement on a cache line that nothing else touches, for every string, a third
/// of what writing a finding cost (and for the rule texts every finding shares, a line both cores
/// fought over).
///
/// Here the storage is only borrowed for as long as it takes to note where its bytes are, and the caller
/// reads them after the borrow ended. That is sound only while the value the field belongs to stays
/// alive and unchanged for the whole use, as the elements of an array being encoded do: a native
/// string's bytes, and an array's elements, sit in storage the value owns, which neither moves nor is
/// freed while the value is alive; a literal's bytes are static. A string that may be small (its bytes
/// inside the value itself, which the standard library copies out for the borrow) is copied to the
/// caller's stack first.
enum BorrowedField {
    /// The most bytes of a small string (kept inside the `String` value itself, on 64-bit platforms).
    static let smallCapacity = 15

    /// Calls `body` with the UTF-8 bytes of the string at `field`.
    ///
    /// - Precondition: the string at `field` stays alive and unchanged until `body` returns.
    @inline(__always)
    static func withUTF8<R>(_ field: UnsafePointer<String>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var small: (UInt64, UInt64) = (0, 0)
        let found = field.pointee.utf8.withContiguousStorageIfAvailable { bytes -> (UnsafePointer<UInt8>?, Int) in
            guard bytes.count > smallCapacity else {
                if let start = bytes.baseAddress {
                    withUnsafeMutableBytes(of: &small) { $0.baseAddress!.copyMemory(from: start, byteCount: bytes.count) }
                }
                return (nil, bytes.count)
            }
            return (bytes.baseAddress, bytes.count)
        }
        guard let found else {
            // Not stored contiguously (a bridged string, in principle): a copy of its bytes.
            var copy = field.pointee
            return copy.withUTF8(body)
        }
        if let start = found.0 { return body(UnsafeBufferPointer(start: start, count: found.1)) }
        return withUnsafeBytes(of: &small) { raw in
            body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: found.1))
        }
    }

    /// The elements of the array at `field`.
    ///
    /// - Precondition: the array at `field` stays alive and unchanged while the result is used.
    @inline(__always)
    static func elements<T>(_ field: UnsafePointer<[T]>) -> UnsafeBufferPointer<T> {
        field.pointee.withUnsafeBufferPointer { $0 }
    }

    /// The two words of the string at `field` (see ``RepeatedStringCache``), read without a retain.
    @inline(__always)
    static func identity(_ field: UnsafePointer<String>) -> (UInt64, UInt64) {
        UnsafeRawPointer(field).load(as: (UInt64, UInt64).self)
    }
}
