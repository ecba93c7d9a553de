import Foundation

/// How the provider chain reads files, so tests can point it at temporary directories or at in-memory
/// contents instead of the real home directory.
public struct CredentialFileReader: Sendable {
    private let read: @Sendable (String) throws -> [UInt8]?

    /// - Parameter read: returns the file's bytes, `nil` if there is no file at the path, and throws if
    ///   a file exists but cannot be read (permissions, a directory).
    public init(_ read: @escaping @Sendable (String) throws -> [UInt8]?) {
        self.read = read
    }

    /// Reads `path`; see ``init(_:)`` for the meaning of `nil` and of a thrown error.
    public func contents(atPath path: String) throws -> [UInt8]? {
        try read(path)
    }

    /// The local file system.
    public static let local = CredentialFileReader { path in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            throw CredentialFileReadError(message: "it is a directory, not a file")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CredentialFileReadError(message: "it cannot be read (check its permissions)")
        }
    }

    /// Fixed contents keyed by path; every other path does not exist.
    public static func inMemory(_ files: [String: String]) -> CredentialFileReader {
        CredentialFileReader { path in files[path].map { Array($0.utf8) } }
    }
}
