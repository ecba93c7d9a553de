/// How the emulator shows AccessKey IDs in logs, job records and messages: never whole.
///
/// Same shape as the AlibabaCloud module's redaction (`LTAI-NOT-A-REAL-KEY-Id` → `LTAI****Id`): four
/// leading and two trailing characters, short IDs hidden entirely. The ID may come from an unauthenticated
/// request, so anything but printable ASCII is replaced by `?` before it reaches a log line.
enum KeyMasking {
    static func mask(_ accessKeyId: String) -> String {
        let utf8 = accessKeyId.utf8
        if utf8.allSatisfy({ $0 >= 0x21 && $0 < 0x7F }) {
            // Printable ASCII (every real ID): one byte per character, nothing to replace.
            guard utf8.count >= 10 else { return "****" }
            return String(Substring(utf8.prefix(4))) + "****" + String(Substring(utf8.suffix(2)))
        }
        let characters = Array(accessKeyId.unicodeScalars.map { $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F ? Character($0) : "?" })
        guard characters.count >= 10 else { return "****" }
        return String(characters.prefix(4)) + "****" + String(characters.suffix(2))
    }
}
