import Foundation

/// Validates JSON documents against a JSON Schema with Python's `jsonschema` package (any draft: the
/// validator class follows the schema's `$schema`). An independent implementation, so it can catch what our
/// encoders get wrong. When `python3` or `jsonschema` is missing the tests that need it say so and pass
/// without validating (``isAvailable``); `apt-get install python3-jsonschema` or `pip install jsonschema` enables them.
enum PythonJSONSchema {
    static let isAvailable: Bool = {
        (try? run(["-c", "import jsonschema"]))?.status == 0
    }()

    static let unavailableMessage = "python3 with the jsonschema package is not installed: schema validation skipped (apt-get install python3-jsonschema)"

    /// The package root, found from this file's path (Tests/ReportingTests/Support/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let script = #"""
        import json, sys
        from jsonschema.validators import validator_for
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        cls = validator_for(schema)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
            errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
            if errors:
                print("FAIL\t%s" % " | ".join("/%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message.replace("\n", " ")[:300]) for e in errors[:10]))
            else:
                print("OK")
        """#

    /// For each document: nil when valid, else the problems.
    static func validate(_ documents: [[UInt8]], schema: URL) throws -> [String?] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ramguard-jsonschema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let url = directory.appendingPathComponent("doc-\(index).json")
            try Data(document).write(to: url)
            paths.append(url.path)
        }
        let result = try run(["-c", script, schema.path] + paths)
        guard result.status == 0 else {
            throw ValidationFailure(message: "python3 exited with \(result.status): \(result.stderr)")
        }
        let lines = result.stdout.split(separator: "\n").map(String.init)
        guard lines.count == documents.count else {
            throw ValidationFailure(message: "python3 reported \(lines.count) results for \(documents.count) documents: \(result.stdout) \(result.stderr)")
        }
        return lines.map { $0 == "OK" ? nil : String($0.dropFirst(5)) }
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
