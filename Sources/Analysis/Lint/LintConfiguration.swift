import RAMPolicy

/// A project's lint settings, read from `.ramguard.json`: which findings are accepted (with a reason)
/// and which rules get another severity.
///
/// ```json
/// {
///   "version": 1,
///   "suppress": [
///     {"code": "ServiceWildcard", "reason": "VOD admins are meant to have vod:*"},
///     {"files": "policies/legacy/**", "reason": "frozen; replaced in Q3"},
///     {"file": "policies/a.json", "line": 7, "code": "ShadowedStatement", "reason": "kept for readability"}
///   ],
///   "severity": {"ServiceWildcard": "warning"}
/// }
/// ```
///
/// The file is parsed with RAMPolicy's located JSON parser and checked strictly — unknown members,
/// unknown rule ids, bad globs, a missing reason are errors with line, column and JSON path — because a
/// suppression that silently matches nothing (or everything) defeats the point of linting. Engine
/// errors cannot be given a lower severity: an invalid policy stays an error.
public struct LintConfiguration: Sendable, Hashable {
    /// The configuration format this code reads.
    public static let formatVersion = 1

    public var suppressions: [LintSuppression]
    /// Rule id → severity replacing the rule's default.
    public var severityOverrides: [String: FindingSeverity]

    /// A configuration that changes nothing.
    public init(suppressions: [LintSuppression] = [], severityOverrides: [String: FindingSeverity] = [:]) {
        self.suppressions = suppressions
        self.severityOverrides = severityOverrides
    }

    /// Parses the text of a configuration file; `file` names it in errors.
    public init(text: String, file: String = ".ramguard.json") throws(LintConfigurationError) {
        var reader = ConfigurationReader(file: file)
        self = try reader.read(text)
    }

    /// Splits findings into those that stay and those a suppression accepts (with its reason), and
    /// applies severity overrides to both. Order is preserved.
    public func apply(to findings: [Finding]) -> (kept: [Finding], suppressed: [(Finding, String)]) {
        var kept: [Finding] = []
        var suppressed: [(Finding, String)] = []
        for var f in findings {
            if let severity = severityOverrides[f.code.id] { f.severity = severity }
            if let s = suppressions.first(where: { $0.matches(f) }) {
                suppressed.append((f, s.reason))
            } else {
                kept.append(f)
            }
        }
        return (kept, suppressed)
    }
}

/// Reads a configuration from its located JSON tree.
private struct ConfigurationReader {
    let file: String

    func fail(_ message: String, _ value: JSONValue?, _ path: String) -> LintConfigurationError {
        LintConfigurationError(message: message, file: file, location: value?.span.start, path: path)
    }

    func fail(_ message: String, key member: JSONMember, _ path: String) -> LintConfigurationError {
        LintConfigurationError(message: message, file: file, location: member.keySpan.start, path: path)
    }

    mutating func read(_ text: String) throws(LintConfigurationError) -> LintConfiguration {
        let result = JSONParser().parse(text)
        if let error = result.error {
            throw LintConfigurationError(message: "not valid JSON: \(error.message)", file: file, location: error.location, path: "")
        }
        if let d = result.duplicateKeys.first {
            throw LintConfigurationError(message: "the key \"\(d.key)\" is written twice (first at \(d.firstSpan.start))",
                                         file: file, location: d.span.start, path: "")
        }
        guard let root = result.value, let members = root.members else {
            throw fail("a lint configuration is a JSON object", result.value, "")
        }
        var suppressions: [LintSuppression] = []
        var overrides: [String: FindingSeverity] = [:]
        var sawVersion = false
        for m in members {
            switch m.key {
            case "version":
                guard case .number(let n) = m.value.kind, n == String(LintConfiguration.formatVersion) else {
                    throw fail("\"version\" must be \(LintConfiguration.formatVersion)", m.value, "version")
                }
                sawVersion = true
            case "suppress":
                guard case .array(let entries) = m.value.kind else {
                    throw fail("\"suppress\" must be an array of suppressions, found \(m.value.typeName)", m.value, "suppress")
                }
                for (i, e) in entries.enumerated() {
                    suppressions.append(try suppression(e, path: "suppress[\(i)]"))
                }
            case "severity":
                guard let entries = m.value.members else {
                    throw fail("\"severity\" must map rule ids to severities, found \(m.value.typeName)", m.value, "severity")
                }
                for e in entries {
                    let path = "severity.\(e.key)"
                    let code = try knownCode(e.key, at: e.value, path: path, keyMember: e)
                    guard let s = e.value.stringValue, let severity = FindingSeverity(rawValue: s) else {
                        throw fail("the severity must be one of \(FindingSeverity.allCases.map(\.rawValue).joined(separator: ", "))", e.value, path)
                    }
                    if code.isEngineCode && code.severity == .error {
                        throw fail("\(code.id) is a validation error of the policy engine (RAM rejects such documents); its severity cannot be changed, only suppressed",
                                   e.value, path)
                    }
                    overrides[code.id] = severity
                }
            default:
                throw fail(key: m, "\"\(m.key)\" is not a configuration member; use version, suppress, severity", m.key)
            }
        }
        guard sawVersion else {
            throw fail("the configuration has no \"version\"; write \"version\": \(LintConfiguration.formatVersion)", root, "")
        }
        return LintConfiguration(suppressions: suppressions, severityOverrides: overrides)
    }

    func fail(key member: JSONMember, _ message: String, _ path: String) -> LintConfigurationError {
        fail(message, key: member, path)
    }

    func knownCode(_ id: String, at value: JSONValue, path: String, keyMember: JSONMember? = nil) throws(LintConfigurationError) -> FindingCode {
        if let code = FindingCode.named(id) { return code }
        var message = "\"\(id)\" is not a rule id"
        if let near = FindingCode.all.first(where: { Glob.fold($0.id) == Glob.fold(id) }) {
            message += "; did you mean \"\(near.id)\"? (ids are case-sensitive)"
        }
        if let keyMember { throw fail(message, key: keyMember, path) }
        throw fail(message, value, path)
    }

    func suppression(_ value: JSONValue, path: String) throws(LintConfigurationError) -> LintSuppression {
        guard let members = value.members else {
            throw fail("a suppression is an object with \"reason\" and at least one of code, files, file", value, path)
        }
        var code: FindingCode?
        var files: FileGlob?
        var file: String?
        var line: Int?
        var reason: String?
        var lineValue: JSONValue?
        for m in members {
            let p = "\(path).\(m.key)"
            switch m.key {
            case "code":
                guard let id = m.value.stringValue else { throw fail("\"code\" must be a rule id string", m.value, p) }
                code = try knownCode(id, at: m.value, path: p)
            case "files":
                guard let pattern = m.value.stringValue else { throw fail("\"files\" must be a path pattern string", m.value, p) }
                if let problem = FileGlob.problem(with: pattern) { throw fail("bad file pattern \"\(pattern)\": \(problem)", m.value, p) }
                files = FileGlob(pattern)
            case "file":
                guard let f = m.value.stringValue, !f.isEmpty else { throw fail("\"file\" must be a non-empty path", m.value, p) }
                file = f
            case "line":
                guard case .number(let n) = m.value.kind, let v = Int(n), v >= 1 else {
                    throw fail("\"line\" must be a whole number from 1", m.value, p)
                }
                line = v
                lineValue = m.value
            case "reason":
                guard let r = m.value.stringValue else { throw fail("\"reason\" must be a string", m.value, p) }
                guard r.contains(where: { !$0.isWhitespace }) else { throw fail("\"reason\" is empty; say why the findings are acceptable", m.value, p) }
                reason = r
            default:
                throw fail("\"\(m.key)\" is not a suppression member; use code, files, file, line, reason", key: m, p)
            }
        }
        guard let reason else {
            throw fail("the suppression has no \"reason\"; every suppression must say why the findings are acceptable", value, path)
        }
        if files != nil && file != nil {
            throw fail("give either \"files\" (a pattern) or \"file\" (one path), not both", value, path)
        }
        if line != nil && file == nil {
            throw fail("\"line\" needs \"file\"", lineValue, "\(path).line")
        }
        let scope: LintSuppression.Scope
        if let files {
            scope = .files(files)
        } else if let file {
            scope = .file(file, line: line)
        } else if code != nil {
            scope = .everywhere
        } else {
            throw fail("the suppression names neither \"code\", \"files\" nor \"file\"; it would hide every finding", value, path)
        }
        return LintSuppression(code: code, scope: scope, reason: reason, span: value.span, path: path)
    }
}
