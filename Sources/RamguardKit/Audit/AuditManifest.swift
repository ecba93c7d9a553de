import Foundation
import RAMPolicy

/// The manifest form of an audit: which policy files are attached to which identity, in which layer.
///
/// A directory per identity cannot say that a role is used through an STS session policy or that an
/// account sits under Resource Directory control policies; a manifest can:
///
/// ```json
/// {
///   "version": 1,
///   "controlPolicies": ["control/FullAliyunAccess.json"],
///   "identities": [
///     { "name": "ci-submitter", "policies": ["identities/vod-pipeline"],
///       "sessionPolicy": "session/vod-get-only.json", "controlPolicies": ["control/deny-vod-submit.json"] }
///   ]
/// }
/// ```
///
/// Paths are relative to the manifest's directory; a directory means every `*.json` below it. Top-level
/// `controlPolicies` apply to every identity, before the identity's own. Every problem is reported with
/// its line, column and JSON path.
public struct AuditManifest: Sendable {
    public var identities: [AuditIdentity]

    public static func load(_ path: String) throws(RamguardError) -> AuditManifest {
        let file = try PolicyLoader().read(path)
        if let at = file.invalidUTF8At {
            throw .unreadable(path: path, reason: "\(at): the manifest is not valid UTF-8")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(file.text, file: path, baseDirectory: base.isEmpty ? "." : base)
    }

    public static func parse(_ text: String, file: String, baseDirectory: String) throws(RamguardError) -> AuditManifest {
        let parsed = JSONParser().parse(text)
        if let error = parsed.error {
            throw .unreadable(path: file, reason: "\(error.location): \(error.message)")
        }
        if let duplicate = parsed.duplicateKeys.first {
            throw problem(file, duplicate.span.start, "", "the key \"\(duplicate.key)\" is written twice")
        }
        guard let root = parsed.value, let members = root.members else {
            throw problem(file, parsed.value?.span.start ?? .start, "", "expected a JSON object with \"identities\"")
        }
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") || baseDirectory == "." ? p : baseDirectory + "/" + p
        }
        func strings(_ value: JSONValue, _ path: String) throws(RamguardError) -> [String] {
            guard case .array(let items) = value.kind else {
                throw problem(file, value.span.start, path, "expected an array of paths, found \(value.typeName)")
            }
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard let s = item.stringValue, !s.isEmpty else {
                    throw problem(file, item.span.start, "\(path)[\(index)]", "expected a non-empty path string, found \(item.typeName)")
                }
                result.append(resolve(s))
            }
            return result
        }
        func expand(_ paths: [String], _ at: JSONValue, _ path: String) throws(RamguardError) -> [String] {
            var files: [String] = []
            for p in paths {
                switch PolicyTree.kind(of: p) {
                case .missing: throw problem(file, at.span.start, path, "\(p): no such file or directory")
                case .file: files.append(p)
                case .directory:
                    let found = try PolicyTree.allJSON(below: p)
                    if found.isEmpty { throw problem(file, at.span.start, path, "\(p) contains no *.json policy files") }
                    files += found
                }
            }
            return files
        }

        var globalControl: [String] = []
        var identityValues: JSONValue?
        for member in members {
            switch member.key {
            case "version":
                guard case .number(let n) = member.value.kind, n == "1" else {
                    throw problem(file, member.value.span.start, "version", "expected 1, the only manifest version")
                }
            case "controlPolicies":
                globalControl = try expand(strings(member.value, "controlPolicies"), member.value, "controlPolicies")
            case "identities":
                identityValues = member.value
            default:
                throw problem(file, member.keySpan.start, member.key,
                              "unknown member \"\(member.key)\"; expected version, controlPolicies, identities")
            }
        }
        guard let identityValues else {
            throw problem(file, root.span.start, "", "the manifest has no \"identities\" array")
        }
        guard case .array(let items) = identityValues.kind, !items.isEmpty else {
            throw problem(file, identityValues.span.start, "identities", "expected a non-empty array of identities")
        }
        var identities: [AuditIdentity] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            let at = "identities[\(index)]"
            guard let fields = item.members else {
                throw problem(file, item.span.start, at, "expected an object with name and policies, found \(item.typeName)")
            }
            var name: String?
            var policies: [String]?
            var session: String?
            var control: [String] = []
            for member in fields {
                let path = "\(at).\(member.key)"
                switch member.key {
                case "name":
                    guard let s = member.value.stringValue, !s.isEmpty else {
                        throw problem(file, member.value.span.start, path, "expected a non-empty string")
                    }
                    guard names.insert(s).inserted else {
                        throw problem(file, member.value.span.start, path, "the identity \"\(s)\" is listed twice")
                    }
                    name = s
                case "policies":
                    policies = try expand(strings(member.value, path), member.value, path)
                case "sessionPolicy":
                    guard let s = member.value.stringValue, !s.isEmpty else {
                        throw problem(file, member.value.span.start, path, "expected a path string")
                    }
                    let files = try expand([resolve(s)], member.value, path)
                    guard files.count == 1 else {
                        throw problem(file, member.value.span.start, path, "a session policy is one file, not a directory of \(files.count)")
                    }
                    session = files[0]
                case "controlPolicies":
                    control = try expand(strings(member.value, path), member.value, path)
                default:
                    throw problem(file, member.keySpan.start, path,
                                  "unknown member \"\(member.key)\"; expected name, policies, sessionPolicy, controlPolicies")
                }
            }
            guard let name else { throw problem(file, item.span.start, at, "the identity has no \"name\"") }
            guard let policies, !policies.isEmpty else {
                throw problem(file, item.span.start, at, "the identity \"\(name)\" has no \"policies\"")
            }
            identities.append(AuditIdentity(name: name, identityFiles: policies, sessionFile: session,
                                            controlFiles: globalControl + control))
        }
        return AuditManifest(identities: identities)
    }

    private static func problem(_ file: String, _ at: SourceLocation, _ path: String, _ message: String) -> RamguardError {
        .unreadable(path: file, reason: "\(at.line):\(at.column)\(path.isEmpty ? "" : " \(path)"): \(message)")
    }
}
