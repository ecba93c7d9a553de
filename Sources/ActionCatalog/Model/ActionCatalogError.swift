import RAMPolicy

/// Why a catalogue file could not be read: the JSON is malformed or does not have the catalogue's shape.
///
/// Carries the position and JSON path of the offending value so that whoever edits a catalogue (or
/// the script that generates it) can go straight to the problem.
public struct ActionCatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the catalogue text, when known.
    public var location: SourceLocation?
    /// The JSON path, e.g. `actions[3].accessLevel`; empty for the document itself.
    public var path: String

    public init(message: String, location: SourceLocation? = nil, path: String = "") {
        self.message = message
        self.location = location
        self.path = path
    }

    /// `line:column path: message`.
    public var description: String {
        var s = ""
        if let location { s += "\(location) " }
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }
}
