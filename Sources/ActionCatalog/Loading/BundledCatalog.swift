import Foundation

/// Finds and reads a catalogue shipped in the module's resource bundle.
///
/// SwiftPM's generated `Bundle.module` calls `fatalError` when the bundle is missing (for example a
/// `ramguard` binary copied without its `ramguard_ActionCatalog.resources` directory). A missing
/// catalogue must degrade linting, not crash the tool, so this looks in the same places the generated
/// accessor does — beside the main executable, then in the build tree — and reports what it tried.
/// The build tree is found from this file's `#filePath`, which points at the package sources that the
/// resource bundle is copied from.
enum BundledCatalog {
    static let bundleName = "ramguard_ActionCatalog"

    static func load(resource: String, service: String, sourceFile: String = #filePath) -> ActionCatalog {
        var tried: [String] = []
        for url in candidateFiles(resource: resource, sourceFile: sourceFile) {
            tried.append(url.path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return .empty(service: service, loadError: "cannot read \(url.path)")
            }
            do {
                return try ActionCatalog(decoding: data)
            } catch {
                return .empty(service: service, loadError: "\(url.path): \(error)")
            }
        }
        return .empty(service: service,
                      loadError: "the \(service) action catalogue (\(resource).json) was not found; looked in " + tried.joined(separator: ", "))
    }

    static func candidateFiles(resource: String, sourceFile: String) -> [URL] {
        var bundles: [URL] = []
        let main = Bundle.main
        for base in [main.bundleURL, main.resourceURL, main.executableURL?.deletingLastPathComponent()].compactMap({ $0 }) {
            bundles.append(base.appendingPathComponent("\(bundleName).resources"))
            bundles.append(base.appendingPathComponent("\(bundleName).bundle"))
            bundles.append(base.appendingPathComponent("\(bundleName).bundle/Contents/Resources"))
        }
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            if let r = bundle.resourceURL { bundles.append(r.appendingPathComponent("\(bundleName).bundle")) }
        }
        var files = bundles.map { $0.appendingPathComponent("Resources/\(resource).json") }
        // Sources/ActionCatalog/Loading/BundledCatalog.swift → Sources/ActionCatalog/Resources/<resource>.json
        let module = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
        files.append(module.appendingPathComponent("Resources/\(resource).json"))
        var seen = Set<String>()
        return files.filter { seen.insert($0.path).inserted }
    }
}
