import RAMPolicy

/// What the rules need to know about one resource entry.
///
/// A value: its only derived object, a glob for a non-ASCII wildcard entry, is rare enough to build
/// when a comparison needs it, and an object per resource entry cost an allocation and a release
/// for every resource of every statement.
struct ResourceFacts {
    let located: Located<String>
    /// Only wildcards: matches every resource (and the `*` of All-Resources actions).
    let isAll: Bool
    let wild: Bool
    /// The entry is ASCII (nearly every ARN), so comparisons can work on bytes.
    let ascii: Bool

    init(_ located: Located<String>) {
        self.located = located
        // The entry's own bytes when it has them (native strings do): iterating the UTF-8 view cost
        // several times the scan for every resource of every statement.
        let flags = located.value.utf8.withContiguousStorageIfAvailable { Self.scan($0) }
            ?? Array(located.value.utf8).withUnsafeBufferPointer { Self.scan($0) }
        wild = flags.wild
        ascii = flags.ascii
        isAll = flags.allWild && flags.star
    }

    /// Whether the bytes have a wildcard (and a `*`), are only wildcards, and are ASCII.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (wild: Bool, star: Bool, allWild: Bool, ascii: Bool) {
        var wild = false
        var star = false
        var allWild = true
        var ascii = true
        for c in bytes {
            if c >= 0x80 { ascii = false }
            if c == UInt8(ascii: "*") {
                wild = true
                star = true
            } else if c == UInt8(ascii: "?") {
                wild = true
            } else {
                allWild = false
            }
        }
        return (wild, star, allWild, ascii)
    }

    /// True when every resource this entry names is certainly also named by `other` (case-sensitive,
    /// which is at most as broad as the engine's matching, so the answer stays sound).
    func isCovered(by other: ResourceFacts) -> Bool {
        if other.isAll || other.located.value == located.value { return true }
        guard other.wild else { return false }
        if ascii && other.ascii {
            return wild ? GlobInclusion.covers(ascii: other.located.value, located.value)
                : ASCIIGlob.matches(other.located.value, located.value)
        }
        if !wild { return Glob(other.located.value, caseInsensitive: false).matches(located.value) }
        return GlobInclusion.covers(other.located.value, located.value)
    }
}
