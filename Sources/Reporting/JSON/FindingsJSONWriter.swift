/// Writes a report's `findings` array byte for byte as Foundation's `JSONEncoder` (sorted keys, slashes
/// unescaped, pretty or compact) would, at a fraction of the cost.
///
/// A lint or audit over a tree of 10,000 policies can carry 100,000 findings; through `Codable` they took
/// longer to encode than the whole tree took to lint. `JSONReportEncoder` encodes everything else with
/// Foundation and splices this array in at its sorted place. A test holds the two encodings identical
/// on findings with every optional, escape and empty list, so the schema and the output cannot drift.
/// Plain functions over an `inout` buffer: no class, so no dynamic exclusivity checks per byte.
struct FindingsJSONWriter: Sendable {
    let pretty: Bool

    /// The value of `"findings"` (the array), for a key at nesting depth `depth`.
    func writeArray(_ findings: [FindingInfo], depth: Int, to sink: any ReportSink) {
        ChunkedArrayWriter(writer: self).array(findings, depth: depth, to: sink, inPlace: { finding, depth, out, cache in
            write(finding, depth: depth, &out, &cache)
        })
    }

    /// ``writeArray(_:depth:to:)`` of findings made a chunk at a time by `source`, each chunk on the core
    /// that writes it, its memory reused for the next (see ``FindingSource``).
    func writeArray(_ source: any FindingSource, depth: Int, to sink: any ReportSink) {
        ChunkedArrayWriter(writer: self).array(count: source.count, depth: depth, to: sink, elements: { range, body in
            withUnsafeTemporaryAllocation(of: FindingInfo.self, capacity: range.count) { buffer in
                let base = buffer.baseAddress!
                source.makeFindings(range, into: base)
                body(UnsafeBufferPointer(start: base, count: range.count))
                base.deinitialize(count: range.count)
            }
        }, inPlace: { finding, depth, out, cache in
            write(finding, depth: depth, &out, &cache)
        })
    }

    /// The value of `"audit"` (the array of identities), for a key at nesting depth `depth`.
    func writeAudit(_ identities: [IdentityAuditInfo], depth: Int, to sink: any ReportSink) {
        ChunkedArrayWriter.large(self).array(identities, depth: depth, to: sink) { identity, depth, out, cache in
            out.append(UInt8(ascii: "{"))
            var first = true
            let d = depth + 1
            key("checks", &first, d, &out)
            array(identity.checks, depth: d, &out) { check, depth, out in
                out.append(UInt8(ascii: "{"))
                var first = true
                let d = depth + 1
                key("action", &first, d, &out); string(check.action, &out)
                if let v = check.expected { key("expected", &first, d, &out); string(v, &out) }
                if let v = check.passed { key("passed", &first, d, &out); bool(v, &out) }
                key("resource", &first, d, &out); string(check.resource, &out)
                key("statements", &first, d, &out)
                array(check.statements, depth: d, &out) { ref, depth, out in statement(ref, depth: depth, &out, &cache) }
                key("summary", &first, d, &out); string(check.summary, &out)
                key("verdict", &first, d, &out); string(check.verdict, &out)
                close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
            }
            key("identity", &first, d, &out); string(identity.identity, &out)
            key("policies", &first, d, &out)
            array(identity.policies, depth: d, &out) { policy, depth, out in self.policy(policy, depth: depth, &out) }
            close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
        }
    }

    /// The value of `"policies"` (one entry per file read: 10,000 for a large tree), for a key at nesting
    /// depth `depth`.
    func writePolicies(_ policies: [PolicyInfo], depth: Int, to sink: any ReportSink) {
        ChunkedArrayWriter(writer: self).array(policies, depth: depth, to: sink) { policy, depth, out, _ in
            self.policy(policy, depth: depth, &out)
        }
    }

    private func policy(_ policy: PolicyInfo, depth: Int, _ out: inout JSONBytes) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        key("characters", &first, d, &out); int(policy.characters, &out)
        key("file", &first, d, &out); string(policy.file, &out)
        key("layer", &first, d, &out); string(policy.layer, &out)
        key("statementCount", &first, d, &out); int(policy.statementCount, &out)
        key("valid", &first, d, &out); bool(policy.valid, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    private func statement(_ ref: StatementRef, depth: Int, _ out: inout JSONBytes, _ cache: inout RepeatedStringCache) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        key("effect", &first, d, &out); string(ref.effect, &out)
        key("file", &first, d, &out); cache.string(ref.file, self, &out)
        key("index", &first, d, &out); int(ref.index, &out)
        key("layer", &first, d, &out); string(ref.layer, &out)
        key("location", &first, d, &out)
        out.append(UInt8(ascii: "{"))
        var inner = true
        let l = ref.location
        key("column", &inner, d + 1, &out); int(l.column, &out)
        if let v = l.endColumn { key("endColumn", &inner, d + 1, &out); int(v, &out) }
        if let v = l.endLine { key("endLine", &inner, d + 1, &out); int(v, &out) }
        key("file", &inner, d + 1, &out); cache.string(l.file, self, &out)
        key("line", &inner, d + 1, &out); int(l.line, &out)
        key("path", &inner, d + 1, &out); string(l.path, &out)
        close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
        if let v = ref.sid { key("sid", &first, d, &out); string(v, &out) }
        key("source", &first, d, &out)
        array(ref.source, depth: d, &out) { line, depth, out in sourceLine(line, depth: depth, &out) }
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    /// One finding, read where it lies in the array (see ``ChunkedArrayWriter/array(_:depth:to:inPlace:)``),
    /// its strings and arrays too (``BorrowedField``): the array outlives the write and is not changed.
    private func write(_ f: UnsafePointer<FindingInfo>, depth: Int, _ out: inout JSONBytes, _ cache: inout RepeatedStringCache) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        key("code", &first, d, &out); cache.string(at: f.pointer(to: \.code)!, self, &out)
        if let v = f.pointee.column { key("column", &first, d, &out); int(v, &out) }
        if let v = f.pointee.endColumn { key("endColumn", &first, d, &out); int(v, &out) }
        if let v = f.pointee.endLine { key("endLine", &first, d, &out); int(v, &out) }
        key("file", &first, d, &out); cache.string(at: f.pointer(to: \.file)!, self, &out)
        key("fingerprint", &first, d, &out); string(at: f.pointer(to: \.fingerprint)!, &out)
        key("help", &first, d, &out); cache.string(at: f.pointer(to: \.help)!, self, &out)
        if let v = f.pointee.line { key("line", &first, d, &out); int(v, &out) }
        key("message", &first, d, &out); string(at: f.pointer(to: \.message)!, &out)
        key("path", &first, d, &out); string(at: f.pointer(to: \.path)!, &out)
        key("related", &first, d, &out)
        out.append(UInt8(ascii: "["))
        let related = BorrowedField.elements(f.pointer(to: \.related)!)
        for index in related.indices {
            separator(first: index == 0, depth: d + 1, &out)
            self.related(related.baseAddress! + index, depth: d + 1, &out, &cache)
        }
        close(UInt8(ascii: "]"), depth: d, empty: related.isEmpty, &out)
        key("remedy", &first, d, &out); cache.string(at: f.pointer(to: \.remedy)!, self, &out)
        key("severity", &first, d, &out); cache.string(at: f.pointer(to: \.severity)!, self, &out)
        key("snippet", &first, d, &out)
        // Findings on one line share their quoted line (one array): written once per chunk.
        let snippet = BorrowedField.elements(f.pointer(to: \.snippet)!)
        cache.array(snippet, &out) { out in
            out.append(UInt8(ascii: "["))
            for index in snippet.indices {
                separator(first: index == 0, depth: d + 1, &out)
                sourceLine(snippet.baseAddress! + index, depth: d + 1, &out)
            }
            close(UInt8(ascii: "]"), depth: d, empty: snippet.isEmpty, &out)
        }
        // Only suppressed findings carry this (a few, if any): read as a value.
        if let s = f.pointee.suppressed {
            key("suppressed", &first, d, &out)
            out.append(UInt8(ascii: "{"))
            var inner = true
            key("kind", &inner, d + 1, &out); string(s.kind, &out)
            key("reason", &inner, d + 1, &out); string(s.reason, &out)
            close(UInt8(ascii: "}"), depth: d, empty: inner, &out)
        }
        key("title", &first, d, &out); cache.string(at: f.pointer(to: \.title)!, self, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    private func related(_ r: UnsafePointer<RelatedLocationInfo>, depth: Int, _ out: inout JSONBytes, _ cache: inout RepeatedStringCache) {
        out.append(UInt8(ascii: "{"))
        var first = true
        let d = depth + 1
        if let v = r.pointee.column { key("column", &first, d, &out); int(v, &out) }
        if let v = r.pointee.endColumn { key("endColumn", &first, d, &out); int(v, &out) }
        if let v = r.pointee.endLine { key("endLine", &first, d, &out); int(v, &out) }
        key("file", &first, d, &out); cache.string(at: r.pointer(to: \.file)!, self, &out)
        if let v = r.pointee.line { key("line", &first, d, &out); int(v, &out) }
        key("message", &first, d, &out); string(at: r.pointer(to: \.message)!, &out)
        key("path", &first, d, &out); string(at: r.pointer(to: \.path)!, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    /// `{"line" : n, "text" : "…"}` at `depth`.
    private func sourceLine(_ line: SourceLine, depth: Int, _ out: inout JSONBytes) {
        withUnsafePointer(to: line) { sourceLine($0, depth: depth, &out) }
    }

    /// ``sourceLine(_:depth:_:)`` of the line at `line`, read in place.
    private func sourceLine(_ line: UnsafePointer<SourceLine>, depth: Int, _ out: inout JSONBytes) {
        out.append(UInt8(ascii: "{"))
        var first = true
        key("line", &first, depth + 1, &out); int(line.pointee.line, &out)
        key("text", &first, depth + 1, &out); string(at: line.pointer(to: \.text)!, &out)
        close(UInt8(ascii: "}"), depth: depth, empty: first, &out)
    }

    // MARK: - Layout, as Foundation's JSONWriter lays it out

    /// `,` (unless first), the line break and indentation, and `"name" : `, in one write: a finding has
    /// seventeen keys, and appending them piece by piece was a third of its cost.
    @inline(__always)
    func key(_ name: StaticString, _ first: inout Bool, _ depth: Int, _ out: inout JSONBytes) {
        let wasFirst = first
        first = false
        let count = name.utf8CodeUnitCount
        let source = name.utf8Start
        out.write(maximum: Self.separatorSpace(depth) + count + 5) { dst in
            var o = separator(first: wasFirst, depth: depth, dst)
            dst[o] = UInt8(ascii: "\"")
            (dst + o + 1).update(from: source, count: count)
            o += count + 1
            dst[o] = UInt8(ascii: "\"")
            if pretty {
                dst[o + 1] = 0x20
                dst[o + 2] = UInt8(ascii: ":")
                dst[o + 3] = 0x20
                return o + 4
            }
            dst[o + 1] = UInt8(ascii: ":")
            return o + 2
        }
    }

    func array<T>(_ items: [T], depth: Int, _ out: inout JSONBytes, _ element: (T, Int, inout JSONBytes) -> Void) {
        out.append(UInt8(ascii: "["))
        for index in items.indices {
            separator(first: index == 0, depth: depth + 1, &out)
            element(items[index], depth + 1, &out)
        }
        close(UInt8(ascii: "]"), depth: depth, empty: items.isEmpty, &out)
    }

    func separator(first: Bool, depth: Int, _ out: inout JSONBytes) {
        out.write(maximum: Self.separatorSpace(depth)) { separator(first: first, depth: depth, $0) }
    }

    /// The room a separator may use: indentation is stored eight spaces at a time, so up to seven bytes
    /// past its end are written over.
    @inline(__always)
    static func separatorSpace(_ depth: Int) -> Int { depth * 2 + 10 }

    /// Writes the separator at `dst`; returns its length.
    @inline(__always)
    private func separator(first: Bool, depth: Int, _ dst: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if !first {
            dst[0] = UInt8(ascii: ",")
            o = 1
        }
        guard pretty else { return o }
        dst[o] = 0x0A
        o += 1
        let width = depth * 2
        var k = 0
        while k < width {
            UnsafeMutableRawPointer(dst + o + k).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            k += 8
        }
        return o + width
    }

    func close(_ bracket: UInt8, depth: Int, empty: Bool, _ out: inout JSONBytes) {
        if pretty {
            // Foundation writes an empty container as an opening bracket, a blank line, and the closing one.
            out.append(0x0A)
            if empty { out.append(0x0A) }
            indent(depth, &out)
        }
        out.append(bracket)
    }

    /// Two spaces per level.
    @inline(__always)
    func indent(_ depth: Int, _ out: inout JSONBytes) {
        out.append(repeating: 0x20, count: depth * 2)
    }

    func bool(_ value: Bool, _ out: inout JSONBytes) {
        if value { out.append("true") } else { out.append("false") }
    }

    /// Digits straight into the buffer: a finding carries up to a dozen numbers, and a stack buffer copied
    /// into the output cost four times the digits themselves.
    @inline(__always)
    func int(_ value: Int, _ out: inout JSONBytes) {
        if value >= 0, value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // At most 19 digits and a sign (Int.min).
        out.write(maximum: 20) { dst in
            var magnitude = value.magnitude
            var digits = 0
            var probe = magnitude
            repeat {
                digits += 1
                probe /= 10
            } while probe > 0
            var at = digits
            if value < 0 {
                dst[0] = UInt8(ascii: "-")
                at += 1
            }
            let end = at
            repeat {
                at -= 1
                dst[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            return end
        }
    }

    func string(_ value: String, _ out: inout JSONBytes) {
        withUnsafePointer(to: value) { string(at: $0, &out) }
    }

    /// ``string(_:_:)`` of the string at `field`, read in place (see ``BorrowedField``).
    @inline(__always)
    func string(at field: UnsafePointer<String>, _ out: inout JSONBytes) {
        BorrowedField.withUTF8(field) { escaped($0, &out) }
    }

    /// `bytes` (UTF-8) as a JSON string, quotes included.
    private func escaped(_ bytes: UnsafeBufferPointer<UInt8>, _ out: inout JSONBytes) {
        let count = bytes.count
        // Room for the worst case (every byte a six-byte `\u00XX`) and the quotes, plus the slack of one
        // whole-word store (see below), so the loop writes without a capacity check per byte.
        out.write(maximum: count * 6 + 2 + 8) { dst in
            var o = 0
            dst[o] = UInt8(ascii: "\"")
            o += 1
            if let base = bytes.baseAddress {
                var index = 0
                // Eight bytes at a time: a word that needs no escape is copied whole; in one that does,
                // each byte to escape is found from the word's exact flags (quoted policy source has a
                // quote every few bytes, so going back to the byte loop at each one cost most of the time).
                // A word is stored whole at the current output position, and after each escape the rest
                // of it is stored again, shifted: a store may run up to seven bytes past the text written,
                // which the room asked for covers (at least six bytes per unread byte, plus eight).
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    var flags = Self.escapeFlags(word)
                    UnsafeMutableRawPointer(dst + o).storeBytes(of: word, as: UInt64.self)
                    index += 8
                    if flags == 0 {
                        o += 8
                        continue
                    }
                    var placed = 0
                    repeat {
                        let hit = flags.trailingZeroBitCount >> 3
                        o += hit - placed
                        o += Self.escape(UInt8(truncatingIfNeeded: word >> UInt64(hit << 3)), dst + o)
                        placed = hit + 1
                        flags &= flags &- 1
                        if placed < 8 {
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: word >> UInt64(placed << 3), as: UInt64.self)
                        }
                    } while flags != 0
                    o += 8 - placed
                }
                while index < count {
                    let b = base[index]
                    if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                        o += Self.escape(b, dst + o)
                    } else {
                        dst[o] = b
                        o += 1
                    }
                    index += 1
                }
            }
            dst[o] = UInt8(ascii: "\"")
            return o + 1
        }
    }

    /// The high bit of each byte of `word` that needs an escape (a control character, a quote or a
    /// backslash); zero when none does. Exact for every byte (each byte is tested without a carry into
    /// the next), so all the escapes of a word are found from one computation.
    @inline(__always)
    static func escapeFlags(_ word: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Below 0x20: the high bit is clear, and adding 0x60 to the low seven bits does not set it.
        let below20 = ~(((word & low7) &+ 0x6060_6060_6060_6060) | word)
        // Zero after the XOR: no bit set in the byte, which adding 0x7F to its low seven bits would show.
        let quotes = word ^ 0x2222_2222_2222_2222
        let isQuote = ~(((quotes & low7) &+ low7) | quotes)
        let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
        let isBackslash = ~(((backslashes & low7) &+ low7) | backslashes)
        return (below20 | isQuote | isBackslash) & ~low7
    }

    /// Writes the escape of `b` (a quote, a backslash or a control character) at `dst`, as Foundation
    /// writes it; returns its length.
    @inline(__always)
    private static func escape(_ b: UInt8, _ dst: UnsafeMutablePointer<UInt8>) -> Int {
        dst[0] = UInt8(ascii: "\\")
        switch b {
        case UInt8(ascii: "\""): dst[1] = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): dst[1] = UInt8(ascii: "\\")
        case 0x0A: dst[1] = UInt8(ascii: "n")
        case 0x0D: dst[1] = UInt8(ascii: "r")
        case 0x09: dst[1] = UInt8(ascii: "t")
        case 0x08: dst[1] = UInt8(ascii: "b")
        case 0x0C: dst[1] = UInt8(ascii: "f")
        default:
            dst[1] = UInt8(ascii: "u")
            dst[2] = UInt8(ascii: "0")
            dst[3] = UInt8(ascii: "0")
            dst[4] = hexDigit(b >> 4)
            dst[5] = hexDigit(b & 0xF)
            return 6
        }
        return 2
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}
