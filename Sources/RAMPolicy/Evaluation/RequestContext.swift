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

    /// Adds already-parsed values under a prepared key (the batch path caches keys across lines).
    public mutating func add(_ key: PreparedKey, values: [ContextValue]) {
        if let i = entries.firstIndex(where: { $0.foldedKey == key.folded }) {
            entries[i].typedValues += values
        } else {
            entries.append(Entry(key: key.key, foldedKey: key.folded, keyHash: key.hash, typedValues: values))
        }
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

/// A condition key with its folded form and hash computed once, for reuse across many requests.
public struct PreparedKey: Sendable, Hashable {
    public let key: String
    public let folded: String
    public let hash: Int
    /// The documented global key it names, if any (to check value types).
    public let global: GlobalConditionKey?
    public let isWellFormed: Bool

    public init(_ key: String) {
        self.key = key
        folded = Glob.fold(key)
        hash = folded.hashValue
        global = GlobalConditionKey.lookup(folded: folded)
        isWellFormed = ConditionKeyName.isWellFormed(key)
    }
}
