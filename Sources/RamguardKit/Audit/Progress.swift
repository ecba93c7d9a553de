import Foundation

/// A one-line progress indicator on standard error, for long audits on a terminal.
///
/// Only drawn when standard error is a terminal (never into CI logs or redirected files), redrawn at
/// most ten times a second, and erased when done so the report starts on a clean line.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var lastDraw = DispatchTime(uptimeNanoseconds: 0)
    private let enabled: Bool

    init(total: Int) {
        self.total = total
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    func note(_ text: String) {
        guard enabled else { return }
        StandardStreams.writeErr("\r\u{1B}[2Kramguard audit: \(text)…")
    }

    func advance() {
        guard enabled else { return }
        lock.lock()
        done += 1
        let now = DispatchTime.now()
        let draw = done == total || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000
        if draw { lastDraw = now }
        let count = done
        lock.unlock()
        if draw { StandardStreams.writeErr("\r\u{1B}[2Kramguard audit: \(count)/\(total) identities") }
    }

    func finish() {
        guard enabled else { return }
        StandardStreams.writeErr("\r\u{1B}[2K")
    }
}
