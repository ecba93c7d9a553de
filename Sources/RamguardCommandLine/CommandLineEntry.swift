import ArgumentParser
import Foundation
import RamguardKit

/// The entry point both executables share, so that every failure maps to ramguard's documented exit
/// codes (ArgumentParser's own usage errors would otherwise exit 64).
public enum CommandLineEntry {
    public static func run<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) async -> Never {
        MemoryTuning.apply()
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await runAsync(&asyncCommand)
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as RamguardError {
            StandardStreams.writeErr("ramguard: error: \(error)\n")
            exit(2)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = root.exitCode(for: error)
            let message = root.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            if !message.isEmpty { StandardStreams.writeErr(message + "\n") }
            exit(2)
        }
    }

    /// Ends the process with `code` while `value` is still alive.
    ///
    /// A lint or audit of a large tree holds hundreds of thousands of findings; releasing them one by one
    /// after the report is out costs the main thread a tenth of the run and changes nothing, because the
    /// system reclaims the memory at exit. Reports are written with POSIX calls, so nothing is buffered.
    public static func exitNow<T>(_ code: Int32, keeping value: T) -> Never {
        withExtendedLifetime(value) { Foundation.exit(code) }
    }

    /// Calls the `async` requirement explicitly: on an existential, `run()` would resolve to the
    /// synchronous `ParsableCommand.run()`, which only prints help.
    private static func runAsync<C: AsyncParsableCommand>(_ command: inout C) async throws {
        try await command.run()
    }
}

extension ReportFormat: ExpressibleByArgument {}
