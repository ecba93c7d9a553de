/// Decides, soundly, whether every string one `*`/`?` pattern matches is also matched by another.
///
/// Coverage rules ("this statement's actions are all granted by that one") must never claim a cover
/// that does not hold. The check aligns the covered pattern with the covering one, where a `*` of the
/// covered pattern may only be absorbed by a `*` of the covering one and a `?` only by `?` or `*`;
/// any alignment found holds for every string the covered pattern matches. It can miss exotic
/// inclusions (which only makes the linter quieter), never invent one. O(n·m) time, one row of
/// memory, no allocation for ASCII patterns (all actions and nearly all ARNs).
enum GlobInclusion {
    /// True when `covering` matches every string `covered` matches. Both are compared as written
    /// (callers fold case first where matching is case-insensitive).
    static func covers(_ covering: String, _ covered: String) -> Bool {
        let ascii = covering.utf8.allSatisfy { $0 < 0x80 } && covered.utf8.allSatisfy { $0 < 0x80 }
        if ascii { return covers(ascii: covering, covered) }
        let ts = Array(covering.unicodeScalars.map(\.value))
        let rs = Array(covered.unicodeScalars.map(\.value))
        return ts.withUnsafeBufferPointer { tb in
            rs.withUnsafeBufferPointer { rb in align(tb, rb, star: UInt32(UInt8(ascii: "*")), one: UInt32(UInt8(ascii: "?"))) }
        }
    }

    /// ``covers(_:_:)`` for two patterns the caller knows to be ASCII.
    static func covers(ascii covering: String, _ covered: String) -> Bool {
        var t = covering
        var r = covered
        return t.withUTF8 { tb in
            r.withUTF8 { rb in
                if let answer = literalOrPrefix(tb, rb) { return answer }
                guard literalEndsAgree(tb, rb) else { return false }
                return align(tb, rb, star: UInt8(ascii: "*"), one: UInt8(ascii: "?"))
            }
        }
    }

    /// A necessary condition for an alignment, checked before building one: the covering pattern's
    /// text before its first wildcard and after its last can only be matched by the same text at the
    /// start and the end of the covered pattern (a literal absorbs only itself). Most ARN patterns
    /// that do not cover each other differ there, and the table is O(n·m).
    static func literalEndsAgree(_ t: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>) -> Bool {
        var head = 0
        while head < t.count, t[head] != UInt8(ascii: "*"), t[head] != UInt8(ascii: "?") { head += 1 }
        guard head < t.count else { return t.elementsEqual(r) }
        var tail = 0
        while tail < t.count - head, t[t.count - 1 - tail] != UInt8(ascii: "*"), t[t.count - 1 - tail] != UInt8(ascii: "?") { tail += 1 }
        guard r.count >= head, r.count >= tail else { return false }
        for i in 0..<head where t[i] != r[i] { return false }
        for i in 0..<tail where t[t.count - 1 - i] != r[r.count - 1 - i] { return false }
        return true
    }

    /// The two shapes most covering patterns have, answered without the alignment table — with exactly
    /// its answer (a test compares them): a literal covers only the same literal (a `*` or `?` of the
    /// covered pattern could only be absorbed by a wildcard), and `prefix*` with a literal prefix covers
    /// exactly the patterns that start with that prefix (the trailing `*` absorbs any rest). Nil for any
    /// other shape.
    static func literalOrPrefix(_ t: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>) -> Bool? {
        var wildcard = -1
        for (i, c) in t.enumerated() where c == UInt8(ascii: "*") || c == UInt8(ascii: "?") {
            wildcard = i
            break
        }
        if wildcard < 0 { return t.elementsEqual(r) }
        guard wildcard == t.count - 1, t[wildcard] == UInt8(ascii: "*") else { return nil }
        return r.count >= wildcard && t[..<wildcard].elementsEqual(r[..<wildcard])
    }

    /// `row[j]`: the covering prefix read so far aligns with `r[0..<j]`.
    static func align<T: Equatable>(_ t: UnsafeBufferPointer<T>, _ r: UnsafeBufferPointer<T>, star: T, one: T) -> Bool {
        if t.isEmpty { return r.isEmpty }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: r.count + 1) { row in
            row.initialize(repeating: false)
            row[0] = true
            for p in t {
                // Left to right, `diagonal` holds the previous row's value at j - 1.
                var diagonal = row[0]
                row[0] = p == star && row[0]
                var j = 1
                while j <= r.count {
                    let above = row[j]
                    let s = r[j - 1]
                    if p == star {
                        row[j] = above || row[j - 1]
                    } else if p == one {
                        row[j] = diagonal && s != star
                    } else {
                        row[j] = diagonal && s == p
                    }
                    diagonal = above
                    j += 1
                }
            }
            return row[r.count]
        }
    }
}
