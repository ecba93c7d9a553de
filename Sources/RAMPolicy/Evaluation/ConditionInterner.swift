/// Gives every condition key, and every distinct condition, one small integer id across all the
/// layers of an ``Authorizer``.
///
/// Key ids let an ``Evaluator`` find a request value by array index instead of by string comparison;
/// condition ids let it evaluate a condition that many statements repeat (`Bool acs:SecureTransport`)
/// once per request.
final class ConditionInterner {
    private struct Signature: Hashable {
        let op: String
        let key: String
        let values: [String]
    }

    private(set) var keys: [String] = []
    /// One compiled condition per id, for evaluating an id on a memo miss.
    private(set) var byID: [CompiledCondition] = []
    private var keyIDs: [String: Int32] = [:]
    private var conditionIDs: [Signature: Int32] = [:]
    /// The first condition, entered in the tables only when a second one comes: the first needs no
    /// comparison, and an interner made for one condition (``ConditionValueTest``, which `explain`
    /// builds for a condition whose cells it cannot read off its key's partition) then never builds its
    /// tables or signature.
    private var pending: (condition: Condition, foldedKey: String)?

    var conditionCount: Int { conditionIDs.count + (pending == nil ? 0 : 1) }

    /// Records the first compiled condition of each id.
    func register(_ c: CompiledCondition) {
        if Int(c.conditionID) == byID.count { byID.append(c) }
    }

    func ids(for c: Condition, foldedKey: String) -> (key: Int32, condition: Int32) {
        if keys.isEmpty {
            keys.append(foldedKey)
            pending = (c, foldedKey)
            return (0, 0)
        }
        if let first = pending {
            pending = nil
            keyIDs[first.foldedKey] = 0
            conditionIDs[Self.signature(first.condition, first.foldedKey)] = 0
        }
        let keyID: Int32
        if let k = keyIDs[foldedKey] {
            keyID = k
        } else {
            keyID = Int32(keys.count)
            keys.append(foldedKey)
            keyIDs[foldedKey] = keyID
        }
        let sig = Self.signature(c, foldedKey)
        if let id = conditionIDs[sig] { return (keyID, id) }
        let id = Int32(conditionIDs.count)
        conditionIDs[sig] = id
        return (keyID, id)
    }

    func keyID(_ folded: String) -> Int32? { pending?.foldedKey == folded ? 0 : keyIDs[folded] }

    private static func signature(_ c: Condition, _ foldedKey: String) -> Signature {
        Signature(op: c.op.name, key: foldedKey, values: c.values.map(\.value))
    }
}

/// An open-addressing table from folded key (by its precomputed hash) to key id.
struct KeyTable: Sendable {
    private let hashes: [Int]
    private let names: [String]
    private let ids: [Int32]
    private let mask: Int
    let count: Int

    init(keys: [String]) {
        count = keys.count
        var size = 8
        while size < keys.count * 2 { size <<= 1 }
        var hashes = [Int](repeating: 0, count: size)
        var names = [String](repeating: "", count: size)
        var ids = [Int32](repeating: -1, count: size)
        for (id, key) in keys.enumerated() {
            let h = key.hashValue
            var i = h & (size - 1)
            while ids[i] >= 0 { i = (i + 1) & (size - 1) }
            hashes[i] = h
            names[i] = key
            ids[i] = Int32(id)
        }
        self.hashes = hashes
        self.names = names
        self.ids = ids
        mask = size - 1
    }

    @inline(__always)
    func id(hash: Int, folded: String) -> Int32? {
        var i = hash & mask
        while true {
            let id = ids[i]
            if id < 0 { return nil }
            if hashes[i] == hash && names[i] == folded { return id }
            i = (i + 1) & mask
        }
    }
}

/// How evaluation asks whether a condition holds for the current request.
protocol ConditionOracle {
    mutating func holds(_ c: CompiledCondition) -> Bool
    /// The condition with this interned id (the fast path stores only ids).
    mutating func holds(id: Int32, in table: [CompiledCondition]) -> Bool
}

/// The uncached oracle: looks the key up by comparing strings.
struct ScanOracle: ConditionOracle {
    let context: RequestContext

    @inline(__always)
    mutating func holds(_ c: CompiledCondition) -> Bool {
        c.evaluate(context.entry(folded: c.foldedKey)?.typedValues)
    }

    @inline(__always)
    mutating func holds(id: Int32, in table: [CompiledCondition]) -> Bool {
        holds(table[Int(id)])
    }
}
