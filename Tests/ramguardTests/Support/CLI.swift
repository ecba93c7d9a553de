import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the `ramguard` executable produced.
struct CLIResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var exitCode: Int32
    var stdoutData: Data
    var stderr: String

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

    /// Standard output parsed as one JSON object (the `--format json` report).
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: stdoutData)
        guard let object = value as? [String: Any] else {
            throw CLIError("standard output is JSON but not an object: \(stdout.prefix(200))")
        }
        return object
    }

    /// Standard output parsed as JSON lines (batch mode), one object per line.
    func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast(stdout.hasSuffix("\n") ? 1 : 0).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CLIError("not a JSON object line: \(line)")
            }
            return object
        }
    }

    var description: String {
        "ramguard \(arguments.joined(separator: " ")) → exit \(exitCode)\n--- stdout ---\n\(stdout.prefix(2_000))\n--- stderr ---\n\(stderr.prefix(2_000))"
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Finds and runs the `ramguard` executable built next to the test bundle.
enum CLI {
    /// The package root (the directory holding Package.swift), found from this file's path.
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// Directories that may hold the build products: the test runner's own directory (Linux: the
    /// `…PackageTests.xctest` executable sits in `.build/<config>/`), and the directory of the
    /// `.xctest` bundle (macOS).
    static var candidateDirectories: [URL] {
        var dirs: [URL] = []
        if let first = CommandLine.arguments.first, !first.isEmpty {
            let runner = URL(fileURLWithPath: first).resolvingSymlinksInPath()
            dirs.append(runner.deletingLastPathComponent())
        }
        dirs.append(Bundle.main.bundleURL)
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            dirs.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return dirs
    }

    /// `RAMGUARD_BIN` if set, otherwise `ramguard` in one of ``candidateDirectories``.
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["RAMGUARD_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        for dir in candidateDirectories {
            let url = dir.appendingPathComponent("ramguard")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: url.path) {
                return url
            }
        }
        return nil
    }()

    static func requireExecutable() throws -> URL {
        if let executable, !FileManager.default.isExecutableFile(atPath: executable.path) {
            throw CLIError("RAMGUARD_BIN=\(executable.path) is not an executable file")
        }
        guard let executable else {
            throw CLIError("""
                the ramguard executable was not found next to the test runner \
                (looked in \(candidateDirectories.map(\.path))); build it with \
                `swift build --build-tests` or set RAMGUARD_BIN
                """)
        }
        return executable
    }

    /// Runs `ramguard` with `arguments` from the package root. Output goes to temporary files, so a
    /// large report can never block the child on a full pipe.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    directory: URL = packageRoot) throws -> CLIResult {
        let executable = try requireExecutable()
        let scratch = try TemporaryDirectory()
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = scratch.url.appendingPathComponent("stdin")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(arguments: arguments, exitCode: process.terminationStatus,
                         stdoutData: try Data(contentsOf: outURL),
                         stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// `ramguard check <arguments>`.
    static func check(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> CLIResult {
        try run(["check"] + arguments, environment: environment, stdin: stdin)
    }

    #if canImport(Glibc)
    /// Runs `ramguard check` with standard output on a pseudo-terminal and returns what it wrote there.
    static func checkOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (exitCode: Int32, output: String) {
        let executable = try requireExecutable()
        let pty = try PseudoTerminalFunctions()
        let master = pty.openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, pty.grantpt(master) == 0, pty.unlockpt(master) == 0, let name = pty.ptsname(master) else {
            throw CLIError("cannot open a pseudo-terminal: errno \(errno)")
        }
        defer { close(master) }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CLIError("cannot open \(String(cString: name)): errno \(errno)") }

        let process = Process()
        process.executableURL = executable
        process.arguments = ["check"] + arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice

        // Drain the terminal while the child writes, so it never blocks on a full buffer.
        let collected = Collected()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                collected.append(buffer[0..<n])
            }
            collected.finish()
        }
        try process.run()
        reader.start()
        process.waitUntilExit()
        close(slave)
        collected.waitUntilFinished(timeout: 10)
        return (process.terminationStatus, String(decoding: collected.bytes, as: UTF8.self))
    }

    /// glibc's pseudo-terminal functions, which its headers only declare under _XOPEN_SOURCE (so the
    /// Glibc module does not export them): looked up at run time instead.
    struct PseudoTerminalFunctions {
        typealias FD = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let openpt: FD
        let grantpt: FD
        let unlockpt: FD
        let ptsname: Name

        init() throws {
            let handle = dlopen(nil, RTLD_NOW)
            func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
                guard let s = dlsym(handle, name) else { throw CLIError("\(name) is not available") }
                return s
            }
            openpt = unsafeBitCast(try symbol("posix_openpt"), to: FD.self)
            grantpt = unsafeBitCast(try symbol("grantpt"), to: FD.self)
            unlockpt = unsafeBitCast(try symbol("unlockpt"), to: FD.self)
            ptsname = unsafeBitCast(try symbol("ptsname"), to: Name.self)
        }
    }

    /// Bytes read by the terminal-draining thread.
    final class Collected: @unchecked Sendable {
        private let lock = NSCondition()
        private var data: [UInt8] = []
        private var done = false

        func append(_ chunk: ArraySlice<UInt8>) {
            lock.lock(); data += chunk; lock.unlock()
        }

        func finish() {
            lock.lock(); done = true; lock.broadcast(); lock.unlock()
        }

        func waitUntilFinished(timeout: TimeInterval) {
            let deadline = Date().addingTimeInterval(timeout)
            lock.lock()
            while !done && lock.wait(until: deadline) {}
            lock.unlock()
        }

        var bytes: [UInt8] {
            lock.lock(); defer { lock.unlock() }
            return data
        }
    }
    #endif
}

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ramguard-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Small accessors for the untyped JSON that JSONSerialization returns.
extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func array(_ key: String) -> [[String: Any]]? { self[key] as? [[String: Any]] }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func strings(_ key: String) -> [String]? { self[key] as? [String] }
}
