import AlibabaCloud
import Foundation

/// One log line per request: request ID, masked AccessKey ID, scheme, workflow and outcome.
///
/// Never logged: the request target or query (a V1 query carries `Signature` and `SecurityToken`), header
/// values, error messages (a `SignatureDoesNotMatch` message echoes the string-to-sign, which for V1 STS
/// contains the token), secrets or tokens.
struct RequestLogEntry {
    var requestId: String
    var accessKeyId: String?
    var scheme: String?
    var workflowId: String?
    var result: String = "-"
    var code: String?
    var taskId: String?
    var note: String?

    func line(at date: Date) -> String {
        var line = "vod-emulator: "
        line.reserveCapacity(200)
        line += Self.timestamp(date)
        line += " RequestId="
        line += requestId
        line += " AccessKeyId="
        line += accessKeyId.map(KeyMasking.mask) ?? "-"
        if let scheme { line += " Scheme="; line += scheme }
        if let workflowId { line += " WorkflowId="; line += Self.sanitized(workflowId) }
        line += " Result="
        line += result
        if let code { line += " Code="; line += code }
        if let taskId { line += " TaskId="; line += taskId }
        if let note { line += " Note="; line += note }
        return line
    }

    /// UTC with milliseconds, `2026-11-29T08:00:00.123Z`, by arithmetic (``SigningTimestamp``) rather than a
    /// format style: formatting the time was a twentieth of the emulator's CPU per request.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let milliseconds = min(999, max(0, Int(((seconds - whole) * 1000).rounded(.down))))
        var text = SigningTimestamp.string(from: Date(timeIntervalSince1970: whole))
        text.removeLast()  // "Z"
        text += milliseconds < 10 ? ".00" : milliseconds < 100 ? ".0" : "."
        text += String(milliseconds)
        text += "Z"
        return text
    }

    /// At most 64 printable ASCII characters; anything else becomes `?` (the value is client-supplied).
    static func sanitized(_ text: String) -> String {
        if text.utf8.count <= 64, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return text }
        let cleaned = text.unicodeScalars.prefix(64).map { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F ? Character($0) : "?" }
        return String(cleaned) + (text.unicodeScalars.count > 64 ? "…" : "")
    }
}
