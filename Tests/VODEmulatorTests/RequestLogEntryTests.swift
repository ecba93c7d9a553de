import Foundation
import Testing
@testable import VODEmulator

/// The request log line: its timestamp (by arithmetic) matches Foundation's ISO 8601 style with
/// milliseconds, and client-supplied values are masked or sanitised.
@Suite struct RequestLogEntryTests {
    @Test("timestamps read as Foundation's ISO 8601 format style with fractional seconds",
          arguments: [0, 1, 784_111_777.5, 1_764_403_200.001, 1_764_403_200.123_4, 1_764_403_259.999_9, 4_102_444_799.25, 951_782_400.05])
    func timestamp(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
        let written = RequestLogEntry.timestamp(date)
        #expect(written.count == expected.count)
        #expect(written.prefix(20) == expected.prefix(20), "\(written) vs \(expected)")
        // The millisecond digits may differ by one where Foundation rounds and this truncates.
        let a = Int(written.dropFirst(20).prefix(3)) ?? -1
        let b = Int(expected.dropFirst(20).prefix(3)) ?? -1
        #expect(abs(a - b) <= 1, "\(written) vs \(expected)")
    }

    @Test("a line: masked key, sanitised workflow, every field in order")
    func line() {
        var entry = RequestLogEntry(requestId: "R-1")
        entry.accessKeyId = "LTAI-NOT-A-REAL-KEY-Id"
        entry.scheme = "ACS3-HMAC-SHA256"
        entry.workflowId = "bad id\n"
        entry.result = "200"
        entry.taskId = "t"
        let line = entry.line(at: Date(timeIntervalSince1970: 0))
        #expect(line == "vod-emulator: 1970-01-01T00:00:00.000Z RequestId=R-1 AccessKeyId=LTAI****Id Scheme=ACS3-HMAC-SHA256 WorkflowId=bad?id? Result=200 TaskId=t")
        #expect(KeyMasking.mask("short") == "****")
        #expect(KeyMasking.mask("LTAI\u{1F600}abcdefghij") == "LTAI****ij")
    }
}
