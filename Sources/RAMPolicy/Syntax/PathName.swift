/// The names ``PolicyPath`` stores as one-byte codes: the elements, principal types, operators (with
/// and without `IfExists`) and documented global keys that valid policies are made of.
///
/// Every action, resource and condition value carries its path, and the validator copies paths often;
/// with three `String`s a copy cost several reference-count calls (a fifth of validation). With codes,
/// a path of a valid policy is plain data, except for condition keys outside the table.
enum PathName {
    /// Code 0 means "no name at this level" and 255 "a name outside the table"; a name's code is its
    /// index here plus one.
    static let names: [String] = {
        var names = ["Version", "Statement", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition",
                     "Principal", "Sid", "RAM", "Service", "Federated"]
        for op in ConditionOperator.documentedNames { names += [op, op + "IfExists"] }
        names += GlobalConditionKey.all.filter { !$0.isPrefix }.map(\.name)
        precondition(names.count < 254)
        return names
    }()

    static let none: UInt8 = 0
    static let other: UInt8 = 255
    static let version: UInt8 = 1
    static let statement: UInt8 = 2
    static let effect: UInt8 = 3
    static let action: UInt8 = 4
    static let notAction: UInt8 = 5
    static let resource: UInt8 = 6
    static let notResource: UInt8 = 7
    static let condition: UInt8 = 8
    static let principal: UInt8 = 9
    static let sid: UInt8 = 10

    /// The operator each code names, if any (for the validator: one lookup finds both).
    static let operators: [ConditionOperator?] = {
        var ops = [ConditionOperator?](repeating: nil, count: 256)
        for (i, name) in names.enumerated() { ops[i + 1] = ConditionOperator(name: name) }
        return ops
    }()

    /// An open-addressing table of the names by ``ByteHash`` (codes; 0 = empty), with their bytes.
    private struct Table {
        var slots: [UInt8]
        var mask: Int
        var bytes: [[UInt8]]
    }

    private static let table: Table = {
        var slots = [UInt8](repeating: 0, count: 256)
        let bytes = names.map { Array($0.utf8) }
        for (i, b) in bytes.enumerated() {
            var s = Int(truncatingIfNeeded: b.withUnsafeBufferPointer { ByteHash.hash($0.baseAddress!, $0.count) }) & 255
            while slots[s] != 0 { s = (s + 1) & 255 }
            slots[s] = UInt8(i + 1)
        }
        return Table(slots: slots, mask: 255, bytes: bytes)
    }()

    /// The code of the name written with exactly these bytes, or ``other``. The names are ASCII, so
    /// a text equal to one as a `String` has its bytes.
    static func code(_ written: UnsafeBufferPointer<UInt8>) -> UInt8 {
        guard let p = written.baseAddress, written.count > 0, written.count <= 40 else { return other }
        let t = table
        var s = Int(truncatingIfNeeded: ByteHash.hash(p, written.count)) & t.mask
        while true {
            let c = t.slots[s]
            if c == 0 { return other }
            let b = t.bytes[Int(c) - 1]
            if b.count == written.count && b.withUnsafeBufferPointer({ ByteHash.equal($0.baseAddress!, p, written.count) }) {
                return c
            }
            s = (s + 1) & t.mask
        }
    }

    static func code(_ text: String) -> UInt8 {
        if let c = text.utf8.withContiguousStorageIfAvailable({ code($0) }) { return c }
        return Array(text.utf8).withUnsafeBufferPointer { code($0) }
    }

    static func text(_ code: UInt8) -> String { names[Int(code) - 1] }
}
