/// An error that stops a verb before it can produce a report: unreadable input or bad usage.
///
/// Shaped like SwiftNIO's extensible errors: a struct over a private enum, so cases can be added
/// without breaking callers. Every message says what to do.
public struct RamguardError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Base: Sendable, Hashable {
        case unreadable(path: String, reason: String)
        case unwritable(path: String, reason: String)
        case noPolicies(path: String)
        case usage(String)
        case badRequest(line: Int, column: Int, message: String)
    }

    private let base: Base

    private init(_ base: Base) { self.base = base }

    public static func unreadable(path: String, reason: String) -> RamguardError { .init(.unreadable(path: path, reason: reason)) }
    public static func unwritable(path: String, reason: String) -> RamguardError { .init(.unwritable(path: path, reason: reason)) }
    public static func noPolicies(path: String) -> RamguardError { .init(.noPolicies(path: path)) }
    public static func usage(_ message: String) -> RamguardError { .init(.usage(message)) }
    public static func badRequest(line: Int, column: Int, message: String) -> RamguardError {
        .init(.badRequest(line: line, column: column, message: message))
    }

    public var description: String {
        switch base {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .noPolicies(let path): "\(path) contains no *.json policy files; give a policy file or a directory that holds some"
        case .usage(let message): message
        case .badRequest(let line, let column, let message): "line \(line), column \(column): \(message)"
        }
    }
}
