import ArgumentParser
import Foundation
import RamguardKit

// A custom entry point so that every failure maps to ramguard's documented exit codes
// (ArgumentParser's own usage errors would otherwise exit 64).
/// Calls the `async` requirement explicitly: on an existential, `run()` would resolve to the
/// synchronous `ParsableCommand.run()`, which only prints help.
func runAsync<C: AsyncParsableCommand>(_ command: inout C) async throws {
    try await command.run()
}

do {
    var command = try Ramguard.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
    } else {
        try command.run()
    }
} catch let error as RamguardError {
    StandardStreams.writeErr("ramguard: error: \(error)\n")
    exit(2)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Ramguard.exitCode(for: error)
    let message = Ramguard.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    if !message.isEmpty { StandardStreams.writeErr(message + "\n") }
    exit(2)
}
