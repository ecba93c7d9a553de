#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the identities in the paths given to `audit`: "a directory per identity".
///
/// The rule, applied to each path:
/// - a file is one identity (named after the file);
/// - a directory that holds `*.json` files directly is one identity: every `*.json` below it is attached
///   to it (the same rule as `check --policy DIR`);
/// - any other directory is a folder of identities: each subdirectory is examined by the same rule.
///
/// Hidden entries (names starting with `.`) are skipped, so `.git` and `.ramguard.json` never become
/// policies. Listing uses `readdir` directly: on a tree of 10,000 files Foundation's enumerator costs more
/// than validating them.
public struct PolicyTree: Sendable {
    public init() {}

    public func identities(in paths: [String]) throws(RamguardError) -> [AuditIdentity] {
        var result: [AuditIdentity] = []
        for path in paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            switch Self.kind(of: trimmed) {
            case .missing:
                throw .unreadable(path: path, reason: "no such file or directory")
            case .file:
                result.append(AuditIdentity(name: trimmed, identityFiles: [trimmed]))
            case .directory:
                let before = result.count
                try collect(directory: trimmed, into: &result)
                if result.count == before { throw .noPolicies(path: path) }
            }
        }
        return result
    }

    /// Deeper than this is a symbolic-link loop, not a policy tree.
    static let maxDepth = 48

    private func collect(directory: String, into result: inout [AuditIdentity], depth: Int = 0) throws(RamguardError) {
        guard depth < Self.maxDepth else {
            throw .unreadable(path: directory, reason: "directories nest deeper than \(Self.maxDepth) levels here (a symbolic-link loop?)")
        }
        let listing = try Self.list(directory)
        if !listing.jsonFiles.isEmpty {
            var files: [String] = []
            try Self.allJSON(below: directory, listing: listing, into: &files, depth: depth)
            result.append(AuditIdentity(name: directory, identityFiles: files))
            return
        }
        guard depth == 0, listing.directories.count > 1 else {
            for sub in listing.directories {
                try collect(directory: directory + "/" + sub, into: &result, depth: depth + 1)
            }
            return
        }
        // The top folders' subtrees are walked on every core (see `allJSON(below:listing:into:depth:)`).
        let subtrees = ParallelWork.map(count: listing.directories.count) { index in
            Result { () throws(RamguardError) -> [AuditIdentity] in
                var found: [AuditIdentity] = []
                try collect(directory: directory + "/" + listing.directories[index], into: &found, depth: depth + 1)
                return found
            }
        }
        for subtree in subtrees { result += try subtree.get() }
    }

    /// Every `*.json` file below `directory`, sorted, as `PolicyLoader.expand` orders them.
    public static func allJSON(below directory: String) throws(RamguardError) -> [String] {
        var files: [String] = []
        try allJSON(below: directory, listing: list(directory), into: &files, depth: 0)
        return files
    }

    private static func allJSON(below directory: String, listing: Listing, into files: inout [String], depth: Int) throws(RamguardError) {
        guard depth < maxDepth else {
            throw .unreadable(path: directory, reason: "directories nest deeper than \(maxDepth) levels here (a symbolic-link loop?)")
        }
        // Files and subdirectories interleaved by name, so the order matches a sorted recursive walk.
        var entries = listing.jsonFiles.map { ($0, false) } + listing.directories.map { ($0, true) }
        entries.sort { $0.0 < $1.0 }
        guard depth == 0, listing.directories.count > 1 else {
            for (name, isDirectory) in entries {
                let full = directory + "/" + name
                if isDirectory {
                    try allJSON(below: full, listing: list(full), into: &files, depth: depth + 1)
                } else {
                    files.append(full)
                }
            }
            return
        }
        // The top directory's subtrees are walked on every core and joined in order: listing a tree of
        // 2,000 folders (10,000 files) took 30 ms on one core before any file was read. The first error
        // in walking order is the one thrown, as in a serial walk.
        let frozen = entries
        let parts = ParallelWork.map(count: frozen.count) { index in
            Result { () throws(RamguardError) -> [String] in
                let full = directory + "/" + frozen[index].0
                guard frozen[index].1 else { return [full] }
                var found: [String] = []
                try allJSON(below: full, listing: list(full), into: &found, depth: depth + 1)
                return found
            }
        }
        for part in parts { files += try part.get() }
    }

    enum Kind { case missing, file, directory }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    struct Listing {
        var jsonFiles: [String] = []
        var directories: [String] = []
    }

    static func list(_ directory: String) throws(RamguardError) -> Listing {
        guard let handle = opendir(directory) else {
            throw .unreadable(path: directory, reason: String(cString: strerror(errno)))
        }
        defer { closedir(handle) }
        var listing = Listing()
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                switch kind(of: directory + "/" + name) {
                case .directory: type = UInt8(DT_DIR)
                case .file: type = UInt8(DT_REG)
                case .missing: continue
                }
            }
            if type == UInt8(DT_DIR) {
                listing.directories.append(name)
            } else if name.hasSuffix(".json") {
                listing.jsonFiles.append(name)
            }
        }
        listing.jsonFiles.sort()
        listing.directories.sort()
        return listing
    }
}
