/// The condition keys a request carries, each with one or more string values.
///
/// Keys are looked up case-insensitively (Alibaba spells `acs:PrincipalARN` and `acs:PrincipalArn`);
/// values stay strings and are typed by the operator that compares them, as RAM documents (each value
/// is parsed once, up front, into the types an operator may need).
public struct RequestContext: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var foldedKey: String
        /// `foldedKey.hashValue`, computed once so evaluators can bind keys without rehashing.
        public var keyHash: Int
        public var typedValues: [ContextValue]
        public var values: [String] { typedValues.map(\.text) }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public init(_ pairs: [(String, [String])]) {
        for (k, v) in pairs { add(k, values: v) }
    }

    /// Adds values to a key; giving the same key again makes it multi-valued.
    public mutating func add(_ key: String, values: [String]) {
        let folded = Glob.fold(key)
        let typed = values.map(ContextValue.init)
        if let i = entries.firstIndex(where: { $0.foldedKey == folded }) {
            entries[i].typedValues += typed
        } else {
            entries.append(Entry(key: key, foldedKey: folded, keyHash: folded.hashValue, typedValues: typed))
        }
    }

    public mutating func add(_ key: String, value: String) { add(key, values: [value]) }

    /// Sets a key only when the request does not already carry it.
    @discardableResult
    public mutating func setDefault(_ key: String, value: String) -> Bool {
        guard entry(folded: Glob.fold(key)) == nil else { return false }
        add(key, value: value)
        return true
    }

    @inline(__always)
    public func entry(folded key: String) -> Entry? {
        for e in entries where e.foldedKey == key { return e }
        return nil
    }

    public func values(for key: String) -> [String]? { entry(folded: Glob.fold(key))?.values }
}
