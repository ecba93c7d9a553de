import Dispatch

/// A report's findings, made on demand a run at a time, in report order.
///
/// A tree's lint has 150,000 findings. Made all at once into ``Report/findings`` before the report was
/// written, they took 80 MB of fresh memory — a quarter of the run's page faults — to be read once. An
/// encoder that takes a source (``JSONReportEncoder/encode(_:findings:to:)``) makes each chunk of findings
/// as it writes it, on the core that writes it, and reuses the memory for the next.
public protocol FindingSource: Sendable {
    /// How many findings there are.
    var count: Int { get }

    /// Initialises `destination`, uninitialised room for `range.count` findings, with the findings at
    /// `range` (a part of `0..<count`). May be called from several threads at once, for disjoint ranges.
    func makeFindings(_ range: Range<Int>, into destination: UnsafeMutablePointer<FindingInfo>)
}

extension FindingSource {
    /// Every finding, made on every core: for the encoders that read ``Report/findings``.
    public func allFindings() -> [FindingInfo] {
        let count = self.count
        let run = 1_024
        return [FindingInfo](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = FindingSlots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: (count + run - 1) / run) { index in
                let range = (index * run)..<min(count, (index + 1) * run)
                makeFindings(range, into: base.base! + range.lowerBound)
            }
            initialized = count
        }
    }
}

/// The result's storage, shared by workers that each initialise only their own range.
private struct FindingSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<FindingInfo>?
}
