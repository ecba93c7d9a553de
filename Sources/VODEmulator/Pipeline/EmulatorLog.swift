import Foundation

/// Where log lines go: standard error by default, a closure in tests.
public struct EmulatorLog: Sendable {
    private let sink: @Sendable (String) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// One line per call to standard error, written unbuffered.
    public static let standardError = EmulatorLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Discards everything.
    public static let silent = EmulatorLog { _ in }

    public func write(_ line: String) { sink(line) }
}
