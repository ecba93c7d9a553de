/// Splitting on an ASCII separator byte, over the contiguous UTF-8 of a string.
///
/// `String.split(separator: Character)` walks grapheme clusters and the generic split of a `UTF8View` walks
/// indices; for the short, hot strings of signing and verification (`SignedHeaders`, `Authorization`
/// fields, queries) both cost more than the hashing. An ASCII byte is never part of a multi-byte sequence,
/// so the pieces are whole, valid strings.
public enum ASCIISplit: Sendable {
    /// The non-empty pieces of `text` between `separator` bytes (like `split(separator:)` with empty
    /// pieces omitted), as new strings.
    public static func pieces(of text: some StringProtocol, separator: UInt8) -> [String] {
        var text = String(text)
        return text.withUTF8 { bytes in
            var result: [String] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != separator { end += 1 }
                if end > start {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                }
                start = end + 1
            }
            return result
        }
    }
}
