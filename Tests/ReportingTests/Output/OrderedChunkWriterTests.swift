import Dispatch
import Foundation
@testable import Reporting
import Testing

/// Chunks finished on several cores, in any order, reach the sink in index order, each exactly once,
/// and sink calls never overlap.
@Suite struct OrderedChunkWriterTests {
    /// Records every write and fails the test if two ever overlap.
    final class RecordingSink: ReportSink, @unchecked Sendable {
        private let lock = NSLock()
        private var busy = false
        private(set) var bytes: [UInt8] = []
        private(set) var overlapped = false

        func write(_ raw: UnsafeRawBufferPointer) {
            lock.lock()
            if busy { overlapped = true }
            busy = true
            lock.unlock()
            // Stay inside the write a little, so an overlapping call would be caught.
            usleep(UInt32.random(in: 0...200))
            bytes.append(contentsOf: raw)
            lock.lock()
            busy = false
            lock.unlock()
        }
    }

    @Test func chunksArriveInOrderWhateverOrderTheyFinish() {
        let sink = RecordingSink()
        let ordered = OrderedChunkWriter(sink: sink, capacity: 64)
        let count = 300
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var buffer = ordered.buffer()
            #expect(buffer.count == 0)
            // Later chunks often finish first.
            usleep(UInt32.random(in: 0...400) + UInt32((count - index) % 7) * 50)
            buffer.append(Array("<\(index)>".utf8))
            ordered.submit(index, buffer)
        }
        let expected = (0..<count).map { "<\($0)>" }.joined()
        #expect(String(decoding: sink.bytes, as: UTF8.self) == expected)
        #expect(!sink.overlapped)
    }

    @Test func aStreamedReportIsTheReturnedReport() {
        var report = Report(tool: AnalysisSamples.tool, generatedAt: AnalysisSamples.time, command: "lint", decision: "Pass")
        report.findings = (0..<(ChunkedArrayWriter.minimumParallelCount * 2 + 3)).map { i in
            FindingInfo(code: "C\(i % 5)", severity: "warning", title: "t", help: "h", message: "finding \(i)", remedy: "r",
                        file: "f\(i / 9).json", line: i + 1, column: 1, path: "Statement[\(i)]", fingerprint: String(i, radix: 16))
        }
        for pretty in [true, false] {
            let sink = RecordingSink()
            JSONReportEncoder(pretty: pretty).encode(report, to: sink)
            #expect(sink.bytes == JSONReportEncoder(pretty: pretty).foundationEncode(report) + [0x0A])
            #expect(!sink.overlapped)
            let sarif = RecordingSink()
            let encoder = SARIFReportEncoder(options: .init(pretty: pretty))
            encoder.encode(report, to: sarif)
            #expect(sarif.bytes == encoder.referenceEncode(report))
        }
    }
}
