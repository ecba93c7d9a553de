import Foundation

/// Removes secrets from text a server sent back (or any text about to be shown, logged or journalled).
///
/// Alibaba Cloud's gateway echoes its whole string-to-sign in `SignatureDoesNotMatch` and
/// `IncompleteSignature` messages (reference §0.8, §5.3). For RPC V1 that string contains every
/// parameter — including `SecurityToken` for STS credentials — twice percent-encoded; for V3 it is the
/// algorithm plus a hash. A proxy or a misbehaving server could echo anything else. The scrubber therefore:
///
/// 1. cuts every echoed string-to-sign (`… string to sign is: …` up to the end of that line or field);
/// 2. replaces every *known* secret — AccessKey secret, security token, signatures of the attempts —
///    in its raw, percent-encoded, twice percent-encoded and form-encoded (`+`) spellings;
/// 3. replaces the values of `Signature=`, `SecurityToken=`, `AccessKeySecret=`, `Authorization:`,
///    `x-acs-security-token:` and `Signature=` inside an `ACS3-HMAC-SHA256` header, in any case, even when
///    the value is not a known one.
///
/// Short known values (under 8 characters) are not replaced as plain substrings — a one-letter secret in
/// a test would blank out half the text — but the patterns of step 3 still apply to them.
public struct SecretScrubber: Sendable, Hashable {
    /// What replaces a secret.
    public static let placeholder = "<redacted>"
    /// What replaces an echoed string-to-sign.
    public static let stringToSignPlaceholder = "<string-to-sign removed>"

    private var needles: [String]

    /// - Parameter secrets: values that must never appear (secret, token, signatures, …). Empty and very
    ///   short values are ignored as plain substrings.
    public init(secrets: [String] = []) {
        var needles = Set<String>()
        for secret in secrets where secret.count >= 8 {
            needles.insert(secret)
            let once = PercentEncoding.encode(secret)
            needles.insert(once)
            needles.insert(PercentEncoding.encode(once))
            needles.insert(once.replacingOccurrences(of: "%20", with: "+"))
            needles.insert(once.lowercased())
        }
        // Longest first, so a value is replaced before any of its substrings.
        self.needles = needles.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// A scrubber for `credential` (its secret and token).
    public init(credential: Credential, additionalSecrets: [String] = []) {
        self.init(secrets: [credential.accessKeySecret] + [credential.securityToken].compactMap { $0 } + additionalSecrets)
    }

    /// The same scrubber that also removes `more`.
    public func adding(_ more: [String]) -> SecretScrubber {
        var copy = SecretScrubber(secrets: more)
        copy.needles = (Set(copy.needles).union(needles)).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        return copy
    }

    /// `text` without secrets.
    public func scrub(_ text: String) -> String {
        var result = Self.removeStringToSign(text)
        for needle in needles where result.contains(needle) {
            result = result.replacingOccurrences(of: needle, with: Self.placeholder)
        }
        return Self.redactPatterns(result)
    }

    /// Whether `text` contains no known secret (after scrubbing this is always true; for tests and asserts).
    public func isClean(_ text: String) -> Bool {
        !needles.contains { text.contains($0) }
    }

    // MARK: Patterns

    /// Cuts `string to sign is` (any case, optional `:`) and what follows, up to a line end, a quote or
    /// the end of the text.
    static func removeStringToSign(_ text: String) -> String {
        var result = text
        var searchStart = result.startIndex
        while let marker = result.range(of: "string to sign is", options: [.caseInsensitive], range: searchStart..<result.endIndex) {
            var valueStart = marker.upperBound
            while valueStart < result.endIndex, result[valueStart] == ":" || result[valueStart] == " " {
                valueStart = result.index(after: valueStart)
            }
            var valueEnd = valueStart
            while valueEnd < result.endIndex, !"\"\n<".contains(result[valueEnd]) {
                valueEnd = result.index(after: valueEnd)
            }
            let replacement = "string to sign is: " + stringToSignPlaceholder
            result.replaceSubrange(marker.lowerBound..<valueEnd, with: replacement)
            searchStart = result.index(marker.lowerBound, offsetBy: replacement.count)
        }
        return result
    }

    /// Names whose value (after `=` or `:`) is always a secret.
    private static let secretKeys = [
        "signature", "securitytoken", "accesskeysecret", "x-acs-security-token", "authorization",
        "access_key_secret", "sts_token", "security_token",
    ]

    /// Replaces `NAME=value` / `NAME: value` / `"NAME":"value"` for the ``secretKeys`` (case-insensitive).
    /// The value ends at `&`, whitespace, a quote, `,`, `;`, `<` or the end of the text; for
    /// `Authorization` it runs to the end of the line, since the header value contains spaces.
    static func redactPatterns(_ text: String) -> String {
        let lowered = text.lowercased()
        guard secretKeys.contains(where: { lowered.contains($0) }) else { return text }
        var output = ""
        output.reserveCapacity(text.count)
        let characters = Array(text)
        let lowerCharacters = characters.map { $0.isASCII ? Character($0.lowercased()) : $0 }
        var index = 0
        outer: while index < characters.count {
            for key in secretKeys {
                let keyCharacters = Array(key)
                guard index + keyCharacters.count <= characters.count,
                      Array(lowerCharacters[index..<(index + keyCharacters.count)]) == keyCharacters
                else { continue }
                // Must start at a word boundary, so `xSignature` or `MySignatureVersion` are left alone.
                if index > 0, isNameCharacter(lowerCharacters[index - 1]) { continue }
                var cursor = index + keyCharacters.count
                if cursor < characters.count, isNameCharacter(lowerCharacters[cursor]) { continue }
                // Optional closing quote of a JSON key, spaces, then `=` or `:`, spaces, optional opening quote.
                if cursor < characters.count, characters[cursor] == "\"" { cursor += 1 }
                while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
                guard cursor < characters.count, characters[cursor] == "=" || characters[cursor] == ":" else { continue }
                cursor += 1
                while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
                var quoted = false
                if cursor < characters.count, characters[cursor] == "\"" {
                    quoted = true
                    cursor += 1
                }
                var end = cursor
                let toLineEnd = key == "authorization" && !quoted
                while end < characters.count {
                    let c = characters[end]
                    if quoted { if c == "\"" { break } }
                    else if toLineEnd { if c == "\n" || c == "\r" || c == "<" { break } }
                    else if c == "&" || c == " " || c == "\"" || c == "," || c == ";" || c == "<" || c == "\n" || c == "\r" || c == "\t" { break }
                    end += 1
                }
                guard end > cursor else { continue }
                output += String(characters[index..<cursor])
                output += placeholder
                index = end
                continue outer
            }
            output.append(characters[index])
            index += 1
        }
        return output
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-"
    }
}
