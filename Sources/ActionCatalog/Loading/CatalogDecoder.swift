import RAMPolicy

/// Reads the catalogue JSON from RAMPolicy's located JSON tree, so that every error names the line,
/// column and path of the value at fault (Foundation's decoders forget positions).
enum CatalogDecoder {
    struct Decoded {
        var version: String
        var apiVersion: String
        var service: String
        var actions: [CatalogAction]
        var historical: [CatalogAction]
        var regions: [String]
        var sources: [CatalogSource]
    }

    /// The only catalogue file format this code reads.
    static let format = 1

    static func decode(_ root: JSONValue) throws(ActionCatalogError) -> Decoded {
        let top = try object(root, path: "")
        if let f = top["format"] {
            guard case .number(let n) = f.kind, n == String(format) else {
                throw fault("unsupported catalogue format (this ramguard reads format \(format))", f, "format")
            }
        }
        let service = try string(top, "service", path: "")
        let version = try string(top, "version", path: "")
        let apiVersion = try string(top, "apiVersion", path: "")
        let regions = try array(top, "regions", path: "").enumerated().map { (i, v) throws(ActionCatalogError) in
            guard let s = v.stringValue, !s.isEmpty else { throw fault("a region must be a non-empty string", v, "regions[\(i)]") }
            return s
        }
        var sources: [CatalogSource] = []
        if top["sources"] != nil {
            for (i, v) in try array(top, "sources", path: "").enumerated() {
                let p = "sources[\(i)]"
                let o = try object(v, path: p)
                sources.append(CatalogSource(
                    repository: try string(o, "repository", path: p), path: try string(o, "path", path: p),
                    commit: try string(o, "commit", path: p), date: try string(o, "date", path: p)))
            }
        }
        var seen: [String: String] = [:]
        let actions = try actionList(top, "actions", service: service, allowed: [.current, .legacy], seen: &seen)
        let historical = top["historical"] == nil
            ? [] : try actionList(top, "historical", service: service, allowed: [.historical], seen: &seen)
        return Decoded(version: version, apiVersion: apiVersion, service: service, actions: actions,
                       historical: historical, regions: regions, sources: sources)
    }

    static func actionList(_ top: JSONValue, _ key: String, service: String, allowed: Set<CatalogAction.Status>,
                           seen: inout [String: String]) throws(ActionCatalogError) -> [CatalogAction] {
        var result: [CatalogAction] = []
        for (i, v) in try array(top, key, path: "").enumerated() {
            let p = "\(key)[\(i)]"
            let o = try object(v, path: p)
            let name = try string(o, "name", path: p)
            let api = try string(o, "api", path: p)
            guard name == "\(service):\(api)" else {
                throw fault("the name \"\(name)\" is not \"\(service):\(api)\" (RAM actions are <service>:<Api>)", o["name"] ?? o, "\(p).name")
            }
            let folded = Glob.fold(name)
            if let first = seen[folded] {
                throw fault("\"\(name)\" is listed twice (first at \(first); names are compared case-insensitively)", o, p)
            }
            seen[folded] = p
            let levelText = try string(o, "accessLevel", path: p)
            guard let level = AccessLevel(rawValue: levelText) else {
                throw fault("unknown access level \"\(levelText)\"; use one of \(AccessLevel.allCases.map(\.rawValue).joined(separator: ", "))",
                            o["accessLevel"] ?? o, "\(p).accessLevel")
            }
            guard let verifiedValue = o["levelVerified"], case .bool(let verified) = verifiedValue.kind else {
                throw fault("\"levelVerified\" must be true or false", o["levelVerified"] ?? o, "\(p).levelVerified")
            }
            let resourceType = try string(o, "resourceType", path: p)
            let statusText = try string(o, "status", path: p)
            guard let status = CatalogAction.Status(rawValue: statusText), allowed.contains(status) else {
                let expected = allowed.map(\.rawValue).sorted().joined(separator: " or ")
                throw fault("status \"\(statusText)\" does not belong in \"\(key)\" (expected \(expected))", o["status"] ?? o, "\(p).status")
            }
            result.append(CatalogAction(name: name, api: api, accessLevel: level, levelVerified: verified,
                                        resourceType: resourceType, status: status))
        }
        return result
    }

    static func object(_ v: JSONValue, path: String) throws(ActionCatalogError) -> JSONValue {
        guard case .object = v.kind else {
            throw fault("expected an object, found \(v.typeName)", v, path)
        }
        return v
    }

    static func array(_ o: JSONValue, _ key: String, path: String) throws(ActionCatalogError) -> [JSONValue] {
        let p = path.isEmpty ? key : "\(path).\(key)"
        guard let v = o[key] else { throw fault("the member \"\(key)\" is missing", o, path) }
        guard case .array(let a) = v.kind else { throw fault("\"\(key)\" must be an array, found \(v.typeName)", v, p) }
        return a
    }

    static func string(_ o: JSONValue, _ key: String, path: String) throws(ActionCatalogError) -> String {
        let p = path.isEmpty ? key : "\(path).\(key)"
        guard let v = o[key] else { throw fault("the member \"\(key)\" is missing", o, path) }
        guard let s = v.stringValue, !s.isEmpty else { throw fault("\"\(key)\" must be a non-empty string, found \(v.typeName)", v, p) }
        return s
    }

    static func fault(_ message: String, _ at: JSONValue, _ path: String) -> ActionCatalogError {
        ActionCatalogError(message: message, location: at.span.start, path: path)
    }
}
