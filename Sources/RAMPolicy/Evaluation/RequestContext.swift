/// The condition keys a request carries, each with one or more string values.
///
/// Keys are looked up case-insensitively (Alibaba spells `acs:PrincipalARN` and `acs:PrincipalArn`);
/// values stay strings and are typed by the operator that compares them, as RAM documents (each value
/// is parsed once, up front, into the types an operator may need).
public struct RequestContext: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        // What an evaluator reads to find a key and its values comes first (32 bytes): the first
        // entry's then shares a cache line with the array's header, and a scan touches fewer lines.
        /// `foldedKey.hashValue`, computed once so evaluators can bind keys without rehashing.
        public var keyHash: Int
        public var foldedKey: String
        public var typedValues: [ContextValue]
        public var key: String
        public var values: [String] { typedValues.map(\.text) }

        /// Runs `body` with the entry's values, read in place: `typedValues.withUnsafeBufferPointer` on an
        /// entry read through a pointer retained and released the array on every condition evaluated.
        /// The buffer is valid while `body` runs: the entry is borrowed through `entry` for that time.
        @inline(__always)
        static func withValues<R>(of entry: UnsafePointer<Entry>, _ body: (UnsafeBufferPointer<ContextValue>) -> R) -> R {
            if let base = entry.pointee.typedValues._baseAddressIfContiguous {
                return body(UnsafeBufferPointer(start: base, count: entry.pointee.typedValues.count))
            }
            return entry.pointee.typedValues.withUnsafeBufferPointer(body)
        }

        init(key: String, foldedKey: String, keyHash: Int, typedValues: [ContextValue]) {
            self.keyHash = keyHash
            self.foldedKey = foldedKey
            self.typedValues = typedValues
            self.key = key
        }
    }

    public private(set) var entries: [Entry] = []
    /// The number of entries (low 8 bits; 255: 255 or more) and one bit per entry, ``bit(forKeyHash:)``
    /// of its `keyHash` (high 56 bits). An evaluator sees that a key is absent without reading the
    /// entries, and finds the others without reading the array's header: with thousands of identities
    /// out of cache, each line read is a likely miss (an absent key cost a scan of every entry).
    private(set) var summary: UInt64 = 0

    /// The bit of ``summary`` that stands for a key with this hash.
    @inline(__always)
    static func bit(forKeyHash hash: Int) -> UInt64 { 1 << (8 + UInt64(truncatingIfNeeded: hash) % 56) }

    /// Records a new entry's key in ``summary``.
    private mutating func noteAppended(keyHash: Int) {
        summary = (summary | Self.bit(forKeyHash: keyHash)) & ~0xFF | UInt64(min(entries.count, 255))
    }

    /// Runs `body` with the entries of the request's context, read in place.
    ///
    /// The element address of a native array is computed from its reference, and the count is in
    /// ``summary``, so the array's header (a cache line of its own for most requests) is not read;
    /// `withUnsafeBufferPointer` reads it. The buffer is valid while `body` runs: the request is
    /// borrowed through `request` for that time and nothing mutates it.
    @inline(__always)
    static func withEntries<R>(of request: UnsafePointer<Request>, _ body: (UnsafeBufferPointer<Entry>) -> R) -> R {
        let n = Int(request.pointee.context.summary & 0xFF)
        if n < 255, let base = request.pointee.context.entries._baseAddressIfContiguous {
            return body(UnsafeBufferPointer(start: base, count: n))
        }
        return request.pointee.context.entries.withUnsafeBufferPointer(body)
    }

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
            noteAppended(keyHash: key.hash)
        }
    }

    /// Adds values to a key; giving the same key again makes it multi-valued.
    public mutating func add(_ key: String, values: [String]) {
        let folded = Glob.fold(key)
        let typed = values.map(ContextValue.init)
        if let i = entries.firstIndex(where: { $0.foldedKey == folded }) {
            entries[i].typedValues += typed
        } else {
            let hash = folded.hashValue
            entries.append(Entry(key: key, foldedKey: folded, keyHash: hash, typedValues: typed))
            noteAppended(keyHash: hash)
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
