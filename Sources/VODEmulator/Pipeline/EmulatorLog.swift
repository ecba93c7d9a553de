import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where log lines go: standard error by default, a closure in tests.
public struct EmulatorLog: Sendable {
    private let sink: @Sendable (String) -> Void

    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// One line per call to standard error, written unbuffered with one `write(2)` (a line is never split
    /// between calls unless the system splits it); a closed or full standard error loses the line, it does
    /// not stop the emulator.
    public static let standardError = EmulatorLog { line in
        var text = line
        text.append("\n")
        text.withUTF8 { bytes in
            guard var pointer = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                #if canImport(Glibc)
                let written = Glibc.write(2, pointer, left)
                #else
                let written = Darwin.write(2, pointer, left)
                #endif
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                pointer += written
                left -= written
            }
        }
    }

    /// Discards everything.
    public static let silent = EmulatorLog { _ in }

    public func write(_ line: String) { sink(line) }
}
