import Foundation
import RAMPolicy

/// Reads policy files from paths the user gives: a file, or a directory whose `*.json` files
/// (recursively, in a stable order) are all taken.
public struct PolicyLoader: Sendable {
    /// Files larger than this are refused before reading: a policy is at most 6,144 characters.
    public var maxFileBytes: Int

    public init(maxFileBytes: Int = 1 << 20) {
        self.maxFileBytes = maxFileBytes
    }

    /// Expands files and directories into the sorted list of policy files.
    public func expand(_ paths: [String]) throws(RamguardError) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                guard let walker = fm.enumerator(atPath: path) else {
                    throw .unreadable(path: path, reason: "the directory cannot be listed")
                }
                var found: [String] = []
                while let entry = walker.nextObject() as? String {
                    if entry.hasSuffix(".json") {
                        let full = (path as NSString).appendingPathComponent(entry)
                        var sub: ObjCBool = false
                        if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
                    }
                }
                guard !found.isEmpty else { throw .noPolicies(path: path) }
                files += found.sorted()
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Reads one file as UTF-8 text. Invalid UTF-8 is not an I/O error: the validator reports it with
    /// its position, so it is returned as the bytes' lossy decoding plus the offending offset.
    public func read(_ path: String) throws(RamguardError) -> LoadedFile {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maxFileBytes {
                throw RamguardError.unreadable(path: path, reason: "the file has \(size) bytes; policy files are limited to \(maxFileBytes) bytes")
            }
            data = try Data(contentsOf: url)
        } catch let error as RamguardError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) {
            return LoadedFile(path: path, text: text, invalidUTF8At: nil)
        }
        // Let the strict parser find where the bytes stop being UTF-8.
        let location = bytes.withUnsafeBufferPointer { JSONParser().parse(bytes: $0).error?.location } ?? .start
        return LoadedFile(path: path, text: String(decoding: bytes, as: UTF8.self), invalidUTF8At: location)
    }
}

/// A policy file's text, as read from disk.
public struct LoadedFile: Sendable {
    public var path: String
    public var text: String
    /// Where the first byte that is not UTF-8 is, when the file is not valid UTF-8.
    public var invalidUTF8At: SourceLocation?
}
