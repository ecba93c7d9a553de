internal import CLibXML2

/// One-time libxml2 initialisation for this module.
enum LibXML2Setup {
    /// `xmlInitParser()` must not race; a `static let` initialiser runs exactly once, thread-safely.
    /// `xmlCleanupParser()` is never called: other code in the process may be using libxml2.
    private static let initialized: Void = { xmlInitParser() }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// `text` with every scalar XML 1.0 cannot carry (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
    /// U+FFFE, U+FFFF) replaced by a visible `\u{hex}`; libxml2 would otherwise write them raw and make the
    /// document unreadable.
    static func escapeNonXMLCharacters(_ text: String) -> String {
        func allowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
        guard text.unicodeScalars.contains(where: { !allowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if allowed(scalar) {
                result.append(scalar)
            } else {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            }
        }
        return String(result)
    }
}
