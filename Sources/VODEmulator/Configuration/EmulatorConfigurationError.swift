/// Why an emulator configuration was rejected: every problem found, each with its JSON path and, when
/// it came from a file, its line and column.
///
/// Messages never contain an AccessKey secret or security token, only the path of the field.
public struct EmulatorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The JSON path of the offending value, e.g. `identities[0].policies[1]`; empty for the document.
        public var path: String
        public var line: Int?
        public var column: Int?
        public var message: String

        public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.path = path
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            var location = ""
            if let line, let column { location = "\(line):\(column): " }
            let at = path.isEmpty ? "" : "\(path): "
            return location + at + message
        }
    }

    /// The configuration file's path (or a label for an in-memory configuration).
    public var file: String
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    /// `invalid emulator configuration FILE (N problems):` then one `FILE:line:col: path: message` line each.
    public var description: String {
        let count = problems.count
        var text = "invalid emulator configuration \(file) (\(count) problem\(count == 1 ? "" : "s")):"
        for problem in problems {
            var location = file
            if let line = problem.line, let column = problem.column { location += ":\(line):\(column)" }
            let at = problem.path.isEmpty ? "" : " \(problem.path):"
            text += "\n  \(location):\(at) \(problem.message)"
        }
        return text
    }
}
