import Foundation

/// The journal's line for a job: exactly what `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes for a ``RecordedJob``, plus the newline.
///
/// Written by hand when every value is plain printable ASCII (no `"` or `\`, which would need escapes) —
/// the IDs, masked key, scheme and timestamp the emulator makes always are; a line that needs escaping
/// (an odd `MediaId`) goes through `JSONEncoder` itself. Creating and running an encoder per job was a
/// twentieth of the emulator's CPU per request. A test compares both forms.
enum JournalLine {
    static func encode(_ job: RecordedJob) throws -> [UInt8] {
        // Keys in the encoder's sorted order; `nil` values are left out, as the synthesized `Codable` does.
        let fields: [(String, String?)] = [
            ("AcceptedAt", job.acceptedAt),
            ("AccessKeyId", job.accessKeyId),
            ("InjectedFault", job.injectedFault),
            ("MediaId", job.mediaId),
            ("RequestId", job.requestId),
            ("SignatureScheme", job.signatureScheme),
            ("TaskId", job.taskId),
            ("WorkflowId", job.workflowId),
        ]
        var line: [UInt8] = []
        line.reserveCapacity(320)
        line.append(UInt8(ascii: "{"))
        var first = true
        for (name, value) in fields {
            guard let value else { continue }
            guard value.utf8.allSatisfy(isPlain) else { return try encoderLine(job) }
            if !first { line.append(UInt8(ascii: ",")) }
            first = false
            line.append(UInt8(ascii: "\""))
            line.append(contentsOf: name.utf8)
            line.append(contentsOf: "\":\"".utf8)
            line.append(contentsOf: value.utf8)
            line.append(UInt8(ascii: "\""))
        }
        line.append(UInt8(ascii: "}"))
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The general form, through `JSONEncoder`.
    static func encoderLine(_ job: RecordedJob) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(job)) + [UInt8(ascii: "\n")]
    }

    /// Printable ASCII that JSON writes as is (`/` too, with `.withoutEscapingSlashes`).
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }
}
