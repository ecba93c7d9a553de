import Foundation
import Testing
@testable import VODEmulator

/// The journal line written by hand is byte for byte what `JSONEncoder` (sorted keys, slashes unescaped)
/// writes, for plain values and for values that need escaping (which take the encoder's path).
@Suite struct JournalLineTests {
    static let awkward = ["", "plain-id_0.9~", "a/b", "quote\"d", "back\\slash", "tab\there", "line\nbreak", "nul\u{0}", "bell\u{7}",
                          "del\u{7F}", "caf\u{E9}", "emoji \u{1F600}", "sep\u{2028}", "<&>", "\u{1F}"]

    static func job(mediaId: String?, fault: String?, workflowId: String = "34d577eade633860bdf1237a2b1f8c9e") -> RecordedJob {
        RecordedJob(taskId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", requestId: "A01C8FF4-C106-4431-8F97-3DADB7C1D2E3",
                    workflowId: workflowId, mediaId: mediaId, accessKeyId: "LTAI****Id", signatureScheme: "ACS3-HMAC-SHA256",
                    acceptedAt: "2026-11-29T08:00:00Z", injectedFault: fault)
    }

    @Test("plain jobs, with and without the optional fields")
    func plain() throws {
        for job in [Self.job(mediaId: nil, fault: nil), Self.job(mediaId: "m-1", fault: nil), Self.job(mediaId: nil, fault: "internalError"),
                    Self.job(mediaId: "m/2", fault: "dropAfterProcessing")] {
            #expect(try JournalLine.encode(job) == JournalLine.encoderLine(job))
        }
        let line = try JournalLine.encode(Self.job(mediaId: nil, fault: nil))
        #expect(String(decoding: line, as: UTF8.self).hasPrefix(#"{"AcceptedAt":"2026-11-29T08:00:00Z","AccessKeyId":"LTAI****Id","RequestId""#))
        #expect(line.last == UInt8(ascii: "\n"))
    }

    @Test("values that need escaping come out as the encoder writes them", arguments: awkward)
    func awkwardValues(_ value: String) throws {
        let job = Self.job(mediaId: value, fault: nil, workflowId: value)
        let line = try JournalLine.encode(job)
        #expect(line == (try JournalLine.encoderLine(job)))
        let decoded = try JSONDecoder().decode(RecordedJob.self, from: Data(line.dropLast()))
        #expect(decoded == job)
    }
}
