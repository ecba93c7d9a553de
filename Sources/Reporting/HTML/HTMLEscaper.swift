/// Escapes text for HTML element content and quoted attribute values.
///
/// Everything a report shows comes from policy files, which anyone may have written, so every string goes
/// through here: `&`, `<`, `>`, `"` and `'` become character references (safe in text and in single- or
/// double-quoted attributes, so `<script>` can never open an element). Characters a reader should not be
/// fooled by are made visible as `\u{hex}`: C0 and C1 controls other than TAB, LF and CR, DEL, the
/// non-characters U+FFFE/U+FFFF, and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) that can make source text display differently from what it is. Everything else,
/// CJK and emoji included, is kept as UTF-8 (the page declares `charset=utf-8`).
public enum HTMLEscaper {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isVisible(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                }
            }
        }
        return out
    }

    /// Whether `scalar` may appear as itself in the page.
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0x202A...0x202E, 0x2066...0x2069: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
