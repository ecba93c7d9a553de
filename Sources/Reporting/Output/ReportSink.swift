/// Where an encoder writes a report, piece by piece.
///
/// A lint or audit of 10,000 policies is a 200 MB report. Built whole in memory it was copied three times
/// (chunks, the joined array, the spliced document) and every copy touched fresh pages — the kernel's page
/// faults cost more than encoding. Encoders that take a sink write each finished piece and reuse the
/// buffer, so memory stays at a few chunks whatever the report's size.
///
/// Calls never overlap: encoders that work on several cores hand their chunks to the sink in order
/// through ``OrderedChunkWriter``. A sink that fails remembers the failure and ignores later writes; its
/// owner checks after the report is written (see ``ReportSinkFailure``).
public protocol ReportSink: AnyObject, Sendable {
    func write(_ bytes: UnsafeRawBufferPointer)
}

extension ReportSink {
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    public func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { write($0) }
    }
}

/// A sink that keeps the bytes: the report as one array, for tests and for callers that need the bytes.
///
/// `@unchecked Sendable`: writes never overlap (see ``ReportSink``), and the ordered writer hands the
/// sink from thread to thread under a lock, which orders the accesses.
public final class ReportBytes: ReportSink, @unchecked Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
    }
}
