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
        var parts = ["vod-emulator:", timestamp(date), "RequestId=\(requestId)"]
        parts.append("AccessKeyId=\(accessKeyId.map(KeyMasking.mask) ?? "-")")
        if let scheme { parts.append("Scheme=\(scheme)") }
        if let workflowId { parts.append("WorkflowId=\(Self.sanitized(workflowId))") }
        parts.append("Result=\(result)")
        if let code { parts.append("Code=\(code)") }
        if let taskId { parts.append("TaskId=\(taskId)") }
        if let note { parts.append("Note=\(note)") }
        return parts.joined(separator: " ")
    }

    /// A value-type format style, built once: a new ISO8601DateFormatter per request was 18 % of the
    /// emulator's CPU in the submission benchmark.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private func timestamp(_ date: Date) -> String {
        Self.timestampStyle.format(date)
    }

    /// At most 64 printable ASCII characters; anything else becomes `?` (the value is client-supplied).
    static func sanitized(_ text: String) -> String {
        let cleaned = text.unicodeScalars.prefix(64).map { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F ? Character($0) : "?" }
        return String(cleaned) + (text.unicodeScalars.count > 64 ? "…" : "")
    }
}
