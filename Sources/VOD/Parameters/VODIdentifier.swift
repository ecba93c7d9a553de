/// The shape of VOD resource IDs (video, workflow, template group …) as observed: 32 hexadecimal
/// characters, lowercase. See ``ParameterRule/workflowIdFormat`` for the sources.
public enum VODIdentifier: Sendable {
    /// The observed length of a VOD ID.
    public static let length = 32

    /// Whether `text` is exactly 32 hexadecimal characters (either case).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy(isHexDigit)
    }

    /// Whether `text` is exactly 32 *lowercase* hexadecimal characters, the canonical form.
    public static func isCanonical(_ text: String) -> Bool {
        isWellFormed(text) && !text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }
    }

    /// A bounded, printable rendering of a user-supplied value for messages: at most 48 characters,
    /// control characters escaped, so a pasted blob or a newline cannot garble a report.
    static func quoted(_ text: String) -> String {
        var out = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 48 {
                out += "…"
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return "\"" + out + "\""
    }

    /// What is wrong with a value that is not well formed, in a few words.
    static func problem(with text: String) -> String {
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            return "contains whitespace"
        }
        let count = text.count
        if count != length {
            return "has \(count) characters, not \(length)"
        }
        return "contains characters other than 0-9 and a-f"
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default:
            false
        }
    }
}
