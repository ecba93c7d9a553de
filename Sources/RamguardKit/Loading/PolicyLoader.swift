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
    @inline(never)  // one call per file, with system calls: inlining gains nothing, and profiles show it whole
    public func read(_ path: String) throws(RamguardError) -> LoadedFile {
        // POSIX calls rather than FileManager + Data: `audit` reads tens of thousands of small files, and
        // the attribute dictionary and bridging cost more than the validation of the file itself.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory, not a policy file") }
        let size = Int(info.st_size)
        if size > maxFileBytes {
            throw .unreadable(path: path, reason: "the file has \(size) bytes; policy files are limited to \(maxFileBytes) bytes")
        }
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0, let text = Self.readText(fd, size: size) {
            return LoadedFile(path: path, text: text, invalidUTF8At: nil)
        }
        // The general path (read errors, a file that grew, text that may not be UTF-8, special files),
        // from the start again.
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0, lseek(fd, 0, SEEK_SET) != 0 {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew after fstat: read on, still bounded by the size limit.
                guard bytes.count <= maxFileBytes else {
                    throw .unreadable(path: path, reason: "the file has more than \(maxFileBytes) bytes; policy files are limited to \(maxFileBytes) bytes")
                }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in Foundation.read(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        if let text = String(validating: bytes, as: UTF8.self) {
            return LoadedFile(path: path, text: text, invalidUTF8At: nil)
        }
        // Let the strict parser find where the bytes stop being UTF-8.
        let location = bytes.withUnsafeBufferPointer { JSONParser().parse(bytes: $0).error?.location } ?? .start
        return LoadedFile(path: path, text: String(decoding: bytes, as: UTF8.self), invalidUTF8At: location)
    }
}

extension PolicyLoader {
    /// A regular file of `size` bytes read straight into a `String`'s storage, which checks it is UTF-8
    /// in place: reading into an array, checking, then copying into a `String` cost two large
    /// allocations, a zero fill and a copy per file, and an extra grow-and-fill to see the end of the
    /// file. Nil when that cannot be trusted, for the general path to read again: a read error, a file
    /// longer than `size` (it grew), or text the `String` may have repaired (bytes that are not UTF-8
    /// become U+FFFD, which is written with the byte 0xEF; a text without that byte was taken as is).
    static func readText(_ fd: Int32, size: Int) -> String? {
        var complete = true
        var filled = 0
        // One byte more than the size, so that the end of the file shows as a short read.
        let text = String(unsafeUninitializedCapacity: size + 1) { buffer in
            let limit = min(buffer.count, size + 1)
            guard let base = buffer.baseAddress else {
                complete = false
                return 0
            }
            while filled < limit {
                let n = Foundation.read(fd, base + filled, limit - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    complete = false
                    return 0
                }
                if n == 0 { break }
                filled += n
            }
            if filled > size {
                complete = false
                return 0
            }
            return filled
        }
        guard complete, text.utf8.count == filled else { return nil }
        let repaired = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0xEF, bytes.count) != nil } ?? false
        } ?? true
        return repaired ? nil : text
    }
}

/// A policy file's text, as read from disk.
public struct LoadedFile: Sendable {
    public var path: String
    public var text: String
    /// Where the first byte that is not UTF-8 is, when the file is not valid UTF-8.
    public var invalidUTF8At: SourceLocation?
}
