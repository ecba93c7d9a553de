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

    init(baseDirectory: String?) {
        if let baseDirectory, baseDirectory.hasPrefix("/") {
            base = Self.normalize(baseDirectory)
        } else {
            base = nil
        }
    }

    /// The location of `file` (a path as it appears in the report).
    func location(_ file: String) -> SARIFLog.ArtifactLocation {
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
    static func encode(_ segments: [String]) -> String {
        segments.map(encode(segment:)).joined(separator: "/")
    }

    static func encode(segment: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
