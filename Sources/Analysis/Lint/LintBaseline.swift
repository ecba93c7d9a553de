import RAMPolicy

/// The findings a project has accepted for now, so that CI fails only on new ones.
///
/// Entries hold the rule id, file, JSON path and ``Finding/fingerprint`` — no messages, so a reworded
/// message does not invalidate a baseline, and no line numbers, so moving text does not either.
/// Matching uses rule, file and fingerprint with multiset semantics: a baseline holding the same
/// finding twice absorbs two occurrences, and a third is new.
public struct LintBaseline: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var code: String
        public var file: String
        public var path: String
        public var fingerprint: String

        public init(code: String, file: String, path: String, fingerprint: String) {
            self.code = code
            self.file = file
            self.path = path
            self.fingerprint = fingerprint
        }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.file, a.code, a.path, a.fingerprint) < (b.file, b.code, b.path, b.fingerprint)
        }

        var key: String { code + "\u{0}" + file + "\u{0}" + fingerprint }
    }

    /// The baseline format this code reads and writes.
    public static let formatVersion = 1

    /// Sorted by file, rule, path, fingerprint.
    public let entries: [Entry]

    public init(findings: [Finding]) {
        entries = findings.map { Entry(code: $0.code.id, file: $0.file, path: $0.path, fingerprint: $0.fingerprint) }.sorted()
    }

    public init(entries: [Entry]) {
        self.entries = entries.sorted()
    }

    /// Reads a baseline written by ``encode()``.
    public init(decoding text: String) throws(LintBaselineError) {
        let result = JSONParser().parse(text)
        if let error = result.error {
            throw LintBaselineError(message: "not valid JSON: \(error.message)", location: error.location, path: "")
        }
        guard let root = result.value, root.members != nil else {
            throw LintBaselineError(message: "a baseline is a JSON object", location: result.value?.span.start, path: "")
        }
        guard let version = root["version"], case .number(let n) = version.kind, n == String(Self.formatVersion) else {
            throw LintBaselineError(message: "\"version\" must be \(Self.formatVersion)", location: (root["version"] ?? root).span.start, path: "version")
        }
        guard let list = root["findings"], case .array(let items) = list.kind else {
            throw LintBaselineError(message: "\"findings\" must be an array", location: (root["findings"] ?? root).span.start, path: "findings")
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            let path = "findings[\(i)]"
            func field(_ name: String) throws(LintBaselineError) -> String {
                guard let v = item[name], let s = v.stringValue else {
                    throw LintBaselineError(message: "\"\(name)\" must be a string", location: (item[name] ?? item).span.start, path: "\(path).\(name)")
                }
                return s
            }
            entries.append(Entry(code: try field("code"), file: try field("file"), path: try field("path"),
                                 fingerprint: try field("fingerprint")))
        }
        self.init(entries: entries)
    }

    /// JSON with one entry per line in a stable order, so baselines diff cleanly in review.
    public func encode() -> String {
        var out = "{\n  \"version\": \(Self.formatVersion),\n  \"findings\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"code\": \(JSONText.quote(e.code)), \"file\": \(JSONText.quote(e.file)), "
            out += "\"path\": \(JSONText.quote(e.path)), \"fingerprint\": \(JSONText.quote(e.fingerprint))}"
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// Splits findings into new ones and those the baseline accepts. Order is preserved.
    public func filter(_ findings: [Finding]) -> (new: [Finding], baselined: [Finding]) {
        var remaining: [String: Int] = [:]
        for e in entries { remaining[e.key, default: 0] += 1 }
        var new: [Finding] = []
        var baselined: [Finding] = []
        for f in findings {
            let key = f.code.id + "\u{0}" + f.file + "\u{0}" + f.fingerprint
            if let n = remaining[key], n > 0 {
                remaining[key] = n - 1
                baselined.append(f)
            } else {
                new.append(f)
            }
        }
        return (new, baselined)
    }
}
