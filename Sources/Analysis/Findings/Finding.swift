import RAMPolicy

/// One problem the linter found in one document, with its rule, place and a fingerprint for baselines.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    public var code: FindingCode
    /// This finding's severity: the code's default, raised for some instances (a shadowed statement
    /// whose conditions are rendered useless) or changed by configuration.
    public var severity: FindingSeverity
    public var message: String
    public var remedy: String
    public var file: String
    /// Where in the document; nil for the whole document (e.g. a size warning).
    public var span: SourceSpan?
    /// JSON path, e.g. `Statement[1].Action[0]`; empty for the whole document.
    public var path: String
    public var related: [RelatedLocation]
    /// Identifies the finding across edits that only move text; see ``Finding/fingerprint(code:file:path:snippet:)``.
    public var fingerprint: String

    public init(code: FindingCode, severity: FindingSeverity? = nil, message: String, remedy: String? = nil,
                file: String, span: SourceSpan?, path: String, related: [RelatedLocation] = [], fingerprint: String) {
        self.code = code
        self.severity = severity ?? code.severity
        self.message = message
        self.remedy = remedy ?? code.remedy
        self.file = file
        self.span = span
        self.path = path
        self.related = related
        self.fingerprint = fingerprint
    }

    /// Builds a finding and its fingerprint from the document text the span points into.
    public init(code: FindingCode, severity: FindingSeverity? = nil, message: String, remedy: String? = nil,
                file: String, text: String, span: SourceSpan?, path: String, related: [RelatedLocation] = []) {
        self.init(code: code, severity: severity, message: message, remedy: remedy, file: file, span: span, path: path,
                  related: related, fingerprint: Finding.fingerprint(code: code.id, file: file, path: path, text: text, span: span))
    }

    /// `file:line:column path: severity [Code] message`, the form compilers and editors understand.
    public var description: String {
        let position = span.map { ":\($0.start.line):\($0.start.column)" } ?? ""
        let where_ = path.isEmpty ? "" : " \(path)"
        return "\(file)\(position)\(where_): \(severity.rawValue) [\(code.id)] \(message)"
    }

    // MARK: Fingerprints

    /// A stable identity for a finding: FNV-1a (64 bit) over the rule id, the file, the JSON path with
    /// its array indices removed, and the source text the finding points at with whitespace removed,
    /// as 16 hex digits.
    ///
    /// Line and column numbers are left out so that inserting lines above a finding, re-indenting or
    /// reformatting a document does not turn a baselined finding into a "new" one; array indices are
    /// left out so that adding a statement or an action before it does not either (two findings that
    /// then coincide are the same problem written twice, and baselines count them). The hash is
    /// computed here rather than with `Hasher`, which is seeded per process.
    public static func fingerprint(code: String, file: String, path: String, snippet: [UInt8]) -> String {
        var h = fingerprintHash(code: code, file: file, path: path)
        h.combine(snippet)
        return h.hex
    }

    /// The hash of everything a fingerprint covers but the snippet.
    private static func fingerprintHash(code: String, file: String, path: String) -> FNV1a64 {
        var h = fingerprintHeader(code: code, file: file)
        h.combine(pathWithoutIndices: path)
        h.combine(separator: 0)
        return h
    }

    /// The hash of a fingerprint's rule id and file: the same for every finding of one rule in one
    /// document, so the linter hashes it once per rule and document (``fingerprint(header:path:text:span:)``).
    static func fingerprintHeader(code: String, file: String) -> FNV1a64 {
        var h = FNV1a64()
        h.combine(utf8: code)
        h.combine(separator: 0)
        h.combine(utf8: file)
        h.combine(separator: 0)
        return h
    }

    /// ``fingerprint(code:file:path:snippet:)`` of the snippet `span` points at in `text`, hashed straight
    /// from the text's bytes: every finding gets a fingerprint, and copying the snippet out (a whole
    /// statement, for coverage findings) first cost more than the rule that found it.
    static func fingerprint(code: String, file: String, path: String, text: String, span: SourceSpan?) -> String {
        fingerprint(header: fingerprintHeader(code: code, file: file), path: path, text: text, span: span)
    }

    /// ``fingerprint(code:file:path:text:span:)`` from the hash of the rule id and file
    /// (``fingerprintHeader(code:file:)``).
    static func fingerprint(header: FNV1a64, path: String, text: String, span: SourceSpan?) -> String {
        var pathHash = header
        pathHash.combine(pathWithoutIndices: path)
        pathHash.combine(separator: 0)
        return fingerprint(pathHash: pathHash, text: text, span: span)
    }

    /// ``fingerprint(header:path:text:span:)`` from the hash of everything but the snippet (the header,
    /// the path without indices and the separator after it).
    static func fingerprint(pathHash: FNV1a64, text: String, span: SourceSpan?) -> String {
        var pathHash = pathHash
        guard let span else { return pathHash.hex }
        let fast = text.utf8.withContiguousStorageIfAvailable { utf8 -> String in
            var h = pathHash
            let start = max(0, min(span.start.offset, utf8.count))
            let end = max(start, min(span.end.offset, utf8.count))
            for b in utf8[start..<end] where !FNV1a64.isWhitespace(b) {
                h.combine(byte: b)
            }
            return h.hex
        }
        if let fast { return fast }
        pathHash.combine(snippet(of: text, span: span))
        return pathHash.hex
    }

    /// The bytes of `text` inside `span` without whitespace (space, tab, CR, LF).
    static func snippet(of text: String, span: SourceSpan) -> [UInt8] {
        let utf8 = text.utf8
        let start = max(0, min(span.start.offset, utf8.count))
        let end = max(start, min(span.end.offset, utf8.count))
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(utf8.startIndex, offsetBy: end)
        for b in utf8[from..<to] where !FNV1a64.isWhitespace(b) {
            result.append(b)
        }
        return result
    }
}
