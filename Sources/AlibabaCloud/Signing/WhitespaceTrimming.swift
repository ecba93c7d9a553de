import Foundation

/// Trimming of header values and `Authorization` fields for signing and verification, with the result of
/// Foundation's `trimmingCharacters(in:)` but without bridging to `NSString` in the common case.
///
/// A value whose first and last bytes are printable ASCII other than the space cannot start or end with
/// any whitespace or newline character (Unicode's lie outside ASCII), so it is returned as is; anything
/// else goes through Foundation, unchanged. The bridge was a fifth of the emulator's CPU per request.
enum WhitespaceTrimming {
    static func trimmed(_ text: String, includingNewlines: Bool) -> String {
        trimmed(Substring(text), includingNewlines: includingNewlines)
    }

    static func trimmed(_ text: Substring, includingNewlines: Bool) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, isPrintableNonSpaceASCII(first), isPrintableNonSpaceASCII(last) {
            return String(text)
        }
        return text.trimmingCharacters(in: includingNewlines ? .whitespacesAndNewlines : .whitespaces)
    }

    private static func isPrintableNonSpaceASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
