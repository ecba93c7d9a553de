#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of one policy document and the name users know it by (usually a path).
///
/// The text is kept so that reports can quote the statements that decided a request.
public struct PolicySource: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The lines `span` covers, for quoting in reports (at most `limit` lines).
    public func lines(covering span: SourceSpan, limit: Int = 12) -> [(number: Int, text: String)] {
        lines(covering: span, limit: limit) { number, bytes in (number, String(decoding: bytes, as: UTF8.self)) }
    }

    /// The lines `span` covers, each made by `make` straight from its line number and bytes (without the
    /// line end), at most `limit` of them.
    ///
    /// Reports quote the statements that decide every identity's access and the lines of every finding,
    /// so this walks the text's contiguous UTF-8 bytes a line at a time with `memchr`, not Characters or
    /// string indices (stepping a `String.UTF8View` index cost 20,000 instructions a statement), and
    /// hands each line's bytes to the caller, which builds its own line value without an intermediate
    /// array of tuples. It starts at the line of `span.start.offset` (a byte offset, as the parser records
    /// it) rather than at the top of the text; a span whose offset does not fit the text is found by
    /// counting lines. Inlinable so that each caller's `make` is specialised and inlined: called through a
    /// generic closure from another module, quoting an audit's statements cost twice as much.
    @inlinable
    public func lines<Line>(covering span: SourceSpan, limit: Int = 12,
                            _ make: (_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Line) -> [Line] {
        let quoted: [Line]? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var result: [Line] = []
            result.reserveCapacity(min(limit, max(1, span.end.line - span.start.line + 1)))
            Self.forEachLine(bytes, covering: span, limit: limit) { number, line in result.append(make(number, line)) }
            return result
        }
        if let quoted { return quoted }
        var copy = text
        copy.makeContiguousUTF8()
        return PolicySource(name: name, text: copy).lines(covering: span, limit: limit, make)
    }

    /// Calls `body` with the number and bytes (without `\n` or a `\r` before it) of each line `span`
    /// covers, at most `limit` of them. Line starts and ends lie on scalar boundaries (`\n`/`\r` are ASCII).
    @inlinable
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, covering span: SourceSpan, limit: Int,
                            _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = bytes.baseAddress, limit > 0 else { return }
        let count = bytes.count
        let newline = UInt8(ascii: "\n")
        var number = 1
        var lineStart = 0
        var taken = 0
        if span.start.line > 1, span.start.offset > 0, span.start.offset <= count {
            // Back from the offset to the start of its line.
            var at = span.start.offset
            while at > 0, base[at - 1] != newline { at -= 1 }
            if at > 0 {
                number = span.start.line
                lineStart = at
            }
        }
        func take(_ end: Int) {
            var end = end
            if end > lineStart, base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            body(number, UnsafeBufferPointer(start: base + lineStart, count: end - lineStart))
            taken += 1
        }
        while lineStart < count {
            if number > span.end.line || taken >= limit { return }
            guard let hit = memchr(base + lineStart, Int32(newline), count - lineStart) else { break }
            let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if number >= span.start.line { take(end) }
            number += 1
            lineStart = end + 1
        }
        if number >= span.start.line, number <= span.end.line, taken < limit { take(count) }
    }
}
