import ArgumentParser
import Foundation
import RamguardKit

/// `ramguard submit`, `preflight` and `emulator` run in the `ramguard-cloud` executable next to this one.
///
/// Only the verbs that talk HTTP need an HTTP stack (now SwiftNIO and BoringSSL; when it
/// was URLSession, linking it loaded libcurl and about thirty more libraries at every start and a `check`
/// took twice as long to start). So this executable does not link it, and hands those verbs over with
/// `exec` — same process, arguments, environment, standard streams, signals and exit code, so scripts see
/// no difference.
enum CloudHandOff {
    static let executableName = "ramguard-cloud"

    static func exec(_ verb: String, _ arguments: [String]) throws(RamguardError) -> Never {
        guard let path = location() else {
            throw .usage("ramguard \(verb) runs in the \(executableName) executable, which is not next to ramguard; build it with `swift build --product \(executableName)` (or build every product)")
        }
        let argv = [path, verb] + arguments
        var pointers = argv.map { strdup($0) } + [nil]
        execv(path, &pointers)
        let reason = String(cString: strerror(errno))
        for pointer in pointers { free(pointer) }
        throw .unreadable(path: path, reason: "cannot run it: \(reason)")
    }

    /// `ramguard-cloud` in the directory of the running executable (symbolic links resolved).
    static func location() -> String? {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : (Bundle.main.executablePath ?? CommandLine.arguments[0])
        let candidate = (executable as NSString).deletingLastPathComponent + "/" + executableName
        return access(candidate, X_OK) == 0 ? candidate : nil
    }
}

/// `ramguard submit`, handed to `ramguard-cloud submit` (`--help` included).
struct SubmitHandOff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Preflight, then call ApsaraVideo VOD SubmitWorkflowJob, guarded (`ramguard submit --help` for the options).",
        helpNames: [])

    @Argument(parsing: .captureForPassthrough, help: .hidden)
    var arguments: [String] = []

    func run() throws { try CloudHandOff.exec("submit", arguments) }
}

/// `ramguard preflight`, handed to `ramguard-cloud preflight` (`--help` included).
struct PreflightHandOff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Run the checks submit runs before SubmitWorkflowJob, and send nothing (`ramguard preflight --help` for the options).",
        helpNames: [])

    @Argument(parsing: .captureForPassthrough, help: .hidden)
    var arguments: [String] = []

    func run() throws { try CloudHandOff.exec("preflight", arguments) }
}

/// `ramguard emulator`, handed to `ramguard-cloud emulator` (`--help` included).
struct EmulatorHandOff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local ApsaraVideo VOD SubmitWorkflowJob endpoint on loopback (`ramguard emulator --help` for the options).",
        helpNames: [])

    @Argument(parsing: .captureForPassthrough, help: .hidden)
    var arguments: [String] = []

    func run() throws { try CloudHandOff.exec("emulator", arguments) }
}
