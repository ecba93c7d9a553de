/// Turns a policy file path from a report into a SARIF `artifactLocation`: a repository-relative URI
/// reference (with `/` separators and RFC 3986 percent-encoding) against `%SRCROOT%`, or an absolute
/// `file://` URI for a file outside the base directory.
///
/// Pure string work: the file system is never consulted, so the output depends only on the report and the
/// options. A relative path is taken as relative to the source root already (ramguard is usually run from the
/// repository root); `.` segments are dropped and `..` segments resolved where they can be.
struct SARIFArtifactURI {
    static let sourceRoot = "%SRCROOT%"

    /// The normalized absolute base directory, without a trailing `/`; nil when none (or a relative one) was given.
    let base: [String]?
    /// `base` as the prefix its files' paths start with: `/` and its segments, each followed by `/`.
    private let basePrefix: [UInt8]?

    init(baseDirectory: String?) {
        if let baseDirectory, baseDirectory.hasPrefix("/") {
            base = Self.normalize(baseDirectory)
        } else {
            base = nil
        }
        basePrefix = base.map { Array(("/" + $0.map { $0 + "/" }.joined()).utf8) }
    }

    /// The location of `file` (a path as it appears in the report).
    func location(_ file: String) -> SARIFLog.ArtifactLocation {
        plainLocation(file) ?? normalizedLocation(file)
    }

    /// The location of a plain path — every byte unreserved or `/`, no empty, `.` or `..` segment, as
    /// nearly every policy path is — without splitting it: normalizing and encoding change nothing in
    /// such a path, so its URI is the path itself, or its part below the base directory. Nil for any
    /// other path.
    ///
    /// A tree's report names 10,000 files, and splitting each into segments and joining them again took
    /// 30,000 instructions a path, on the one thread that prepares the SARIF run.
    func plainLocation(_ file: String) -> SARIFLog.ArtifactLocation? {
        let bytes = Array(file.utf8)
        guard Self.isPlain(bytes) else { return nil }
        guard bytes[0] == UInt8(ascii: "/") else { return .init(uri: file, uriBaseId: Self.sourceRoot) }
        if let basePrefix, bytes.count > basePrefix.count, bytes.starts(with: basePrefix) {
            return .init(uri: String(decoding: bytes[basePrefix.count...], as: UTF8.self), uriBaseId: Self.sourceRoot)
        }
        return .init(uri: "file://" + file, uriBaseId: nil)
    }

    /// Whether `path` is non-empty, has only unreserved bytes and `/`, and no empty, `.` or `..` segment.
    static func isPlain(_ path: [UInt8]) -> Bool {
        guard let last = path.last, last != UInt8(ascii: "/") else { return false }
        var segmentStart = true
        for (index, byte) in path.enumerated() {
            switch byte {
            case UInt8(ascii: "/"):
                // An empty segment (`//`); the leading `/` of an absolute path is the only one allowed.
                if segmentStart, index > 0 { return false }
                segmentStart = true
                continue
            case UInt8(ascii: "."):
                if segmentStart {
                    // `.` or `..` as a whole segment.
                    let rest = path[(index + 1)...].prefix { $0 != UInt8(ascii: "/") }
                    if rest.isEmpty || rest.elementsEqual([UInt8(ascii: ".")]) { return false }
                }
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                break
            default:
                return false
            }
            segmentStart = false
        }
        return true
    }

    /// The location of any path: split into normalized segments, each percent-encoded.
    func normalizedLocation(_ file: String) -> SARIFLog.ArtifactLocation {
        if file.hasPrefix("/") {
            let segments = Self.normalize(file)
            if let base, segments.count > base.count, Array(segments.prefix(base.count)) == base {
                return .init(uri: Self.encode(Array(segments.dropFirst(base.count))), uriBaseId: Self.sourceRoot)
            }
            return .init(uri: "file:///" + Self.encode(segments), uriBaseId: nil)
        }
        return .init(uri: Self.encode(Self.normalize(file)), uriBaseId: Self.sourceRoot)
    }

    /// The `originalUriBaseIds` entry for `%SRCROOT%`, when an absolute base directory was given.
    var sourceRootLocation: SARIFLog.ArtifactLocation? {
        base.map { .init(uri: "file:///" + Self.encode($0) + ($0.isEmpty ? "" : "/"), uriBaseId: nil) }
    }

    /// Path segments with empty and `.` segments removed and `..` resolved against earlier segments (kept
    /// when there is nothing left to go up from).
    static func normalize(_ path: String) -> [String] {
        var out: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if let last = out.last, last != ".." { out.removeLast() } else if !path.hasPrefix("/") { out.append("..") }
            default: out.append(String(segment))
            }
        }
        return out
    }

    /// Segments joined by `/`, each percent-encoded: every byte of its UTF-8 form except RFC 3986's unreserved
    /// characters (`A–Z a–z 0–9 - . _ ~`) becomes `%XX` (upper-case hex). Conservative on purpose: `:` in a
    /// first segment would otherwise read as a scheme, and `%`, `?`, `#` and spaces must never pass raw.
    ///
    /// Built as bytes: a tree's report names 10,000 files, and appending scalar by scalar to a `String`
    /// cost 50,000 instructions a path, on the one thread that prepares the SARIF run.
    static func encode(_ segments: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(segments.count) { $0 + $1.utf8.count })
        for (index, segment) in segments.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "/")) }
            append(segment, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ segment: String, to out: inout [UInt8]) {
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
