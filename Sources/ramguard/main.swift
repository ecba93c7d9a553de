import ArgumentParser
import Foundation
import RamguardKit

// A custom entry point so that every failure maps to ramguard's documented exit codes
// (ArgumentParser's own usage errors would otherwise exit 64).
do {
    var command = try Ramguard.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
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
