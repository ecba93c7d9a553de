/// A parsed credentials INI file (`~/.alibabacloud/credentials[.ini]`), keeping line numbers so a
/// problem can be reported as `file:line`.
///
/// Follows what the Python SDK's `configparser` accepts: `[section]` headers, `key = value` or
/// `key: value`, full-line comments starting with `#` or `;`, keys lowercased, and — the SDK's own twist —
/// anything after a `#` in a value dropped. Like `configparser` in its default strict mode, a key outside
/// a section, a repeated section and a repeated key are errors rather than silently resolved.
struct INIFile: Sendable {
    struct Entry: Sendable {
        var value: String
        var line: Int
    }

    struct Section: Sendable {
        var name: String
        var line: Int
        var entries: [String: Entry]
    }

    var sections: [Section]

    func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    struct SyntaxError: Error, Sendable {
        var message: String
        var line: Int
        var key: String?
    }

    /// Keys the SDKs define. Only these are named in error messages: anything else may be a pasted
    /// secret that happened to contain `=` or `:`.
    static let knownKeys: Set<String> = [
        "type", "access_key_id", "access_key_secret", "security_token", "role_name", "role_arn", "role_session_name",
        "policy", "oidc_provider_arn", "oidc_token_file_path", "public_key_id", "private_key_file", "enable",
        "region_id", "sts_region", "external_id", "duration_seconds", "enable_vpc",
    ]

    static func displayName(forKey key: String) -> String? {
        knownKeys.contains(key) ? key : nil
    }

    static func parse(_ text: String) throws(SyntaxError) -> INIFile {
        var sections: [Section] = []
        var lineNumber = 0
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for rawLine in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw SyntaxError(message: "a section header must end with ']'", line: lineNumber)
                }
                let name = line.dropFirst().dropLast().trimmingWhitespace()
                guard !name.isEmpty else { throw SyntaxError(message: "the section name is empty", line: lineNumber) }
                if let first = sections.first(where: { $0.name == name }) {
                    throw SyntaxError(
                        message: "section [\(name)] is repeated (first on line \(first.line)); merge the two",
                        line: lineNumber
                    )
                }
                sections.append(Section(name: String(name), line: lineNumber, entries: [:]))
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw SyntaxError(
                    message: "expected 'key = value', a [section] header or a comment",
                    line: lineNumber
                )
            }
            let key = line[..<separator].trimmingWhitespace().lowercased()
            guard !key.isEmpty else { throw SyntaxError(message: "the key before '=' is empty", line: lineNumber) }
            guard !sections.isEmpty else {
                throw SyntaxError(
                    message: "\(displayName(forKey: key).map { "'\($0)'" } ?? "a key") comes before any [section]"
                        + " header; add e.g. [default] above it",
                    line: lineNumber,
                    key: displayName(forKey: key)
                )
            }
            var value = line[line.index(after: separator)...]
            if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
            let lastIndex = sections.count - 1
            if let first = sections[lastIndex].entries[key] {
                throw SyntaxError(
                    message: "\(displayName(forKey: key).map { "'\($0)'" } ?? "a key") is set twice in"
                        + " [\(sections[lastIndex].name)] (first on line \(first.line))",
                    line: lineNumber,
                    key: displayName(forKey: key)
                )
            }
            sections[lastIndex].entries[key] = Entry(value: String(value.trimmingWhitespace()), line: lineNumber)
        }
        return INIFile(sections: sections)
    }
}

extension StringProtocol {
    /// Trims spaces, tabs and a trailing `\r` (files edited on Windows).
    func trimmingWhitespace() -> Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return Substring(slice)
    }
}
