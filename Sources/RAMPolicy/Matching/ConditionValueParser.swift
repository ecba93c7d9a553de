/// Parsing of the typed values that conditions compare.
public enum ConditionValueParser {
    /// A decimal number (optionally signed, with fraction and exponent); no hex, no `inf`/`nan`.
    public static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ c in
            (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
        }) else { return nil }
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// `true`/`false`, case-insensitive.
    public static func bool(_ text: String) -> Bool? {
        switch Glob.fold(text) {
        case "true": true
        case "false": false
        default: nil
        }
    }
}
