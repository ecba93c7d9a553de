import Foundation

/// The §7.4 table of the RAM policy language reference, read independently of `scripts/refresh-catalog`
/// so that the bundled catalogue is checked against the authority, not against its own generator.
enum ReferenceTable {
    struct Row: Hashable {
        var name: String
        var level: String
        var verified: Bool
    }

    /// The package root, from this file's path (Tests/ActionCatalogTests/Support/ReferenceTable.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let referenceURL = packageRoot.appendingPathComponent("../shared/reference/ram-policy-language.md").standardizedFileURL

    static var exists: Bool { FileManager.default.fileExists(atPath: referenceURL.path) }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: referenceURL, encoding: .utf8)
        guard let start = text.range(of: "### 7.4 VOD action catalog") else { return [] }
        var rows: [Row] = []
        for line in text[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("| `vod:") else { continue }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let cell = cells[2]
            let verified = cell.hasPrefix("**")
            let level = cell.trimmingCharacters(in: CharacterSet(charactersIn: "*()"))
            rows.append(Row(name: name, level: level, verified: verified))
        }
        return rows
    }

    /// Region ids of Sources/VOD/Endpoints/VODEndpoints.swift (`VODRegion(id: "…"`).
    static func vodRegionIDs() throws -> [String] {
        let url = packageRoot.appendingPathComponent("Sources/VOD/Endpoints/VODEndpoints.swift")
        let text = try String(contentsOf: url, encoding: .utf8)
        var ids: [String] = []
        var rest = Substring(text)
        while let r = rest.range(of: "VODRegion(id: \"") {
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return ids
    }
}
