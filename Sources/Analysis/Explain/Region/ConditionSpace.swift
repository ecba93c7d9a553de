import RAMPolicy

/// The key spaces of every condition key that a set of statements tests, and the translation of
/// statements into boxes and of boxes back into constraints and example contexts.
struct ConditionSpace: Sendable {
    /// By folded key.
    let spaces: [String: KeySpace]
    /// Folded keys in the order they first appear (the order constraints are listed in).
    let order: [String]
    /// Keys the analysis cannot cut into cells, with why.
    let undecidable: [UndecidableKey]
    /// Keys written with different spellings (looked up case-insensitively, assumption U15).
    let respelled: [String]
    /// The space of each key as written (every spelling): a statement's conditions find their space
    /// without folding the key again.
    private let bySpelling: [String: KeySpace]

    init(statements: [StatementMatch]) {
        // Per key, in order of first appearance: its folded form, first spelling and conditions, found
        // by one lookup per condition (three dictionaries were three lookups and three growths).
        var order: [String] = []
        var first: [String] = []
        var byKey: [[Condition]] = []
        var slots: [String: Int] = [:]
        var respelled: [String] = []
        for m in statements {
            for c in m.statement.conditions {
                let f = Glob.fold(c.key.value)
                if let slot = slots[f] {
                    if first[slot] != c.key.value, !respelled.contains(f) { respelled.append(f) }
                    byKey[slot].append(c)
                } else {
                    slots[f] = order.count
                    order.append(f)
                    first.append(c.key.value)
                    byKey.append([c])
                }
            }
        }
        var spaces: [String: KeySpace] = Dictionary(minimumCapacity: order.count)
        var undecidable: [UndecidableKey] = []
        var bySpelling: [String: KeySpace] = Dictionary(minimumCapacity: order.count)
        for (slot, f) in order.enumerated() {
            do throws(UndecidableKey) {
                let space = try KeySpace(key: first[slot], conditions: byKey[slot])
                spaces[f] = space
                for c in byKey[slot] { bySpelling[c.key.value] = space }
            } catch {
                undecidable.append(error)
            }
        }
        self.bySpelling = bySpelling
        self.spaces = spaces
        self.order = order
        self.undecidable = undecidable
        self.respelled = respelled
    }

    /// The requests under which every condition of the statement holds (nil if a key is undecidable).
    func box(_ m: StatementMatch) -> Box? {
        var entries: [Box.Entry] = []
        for c in m.statement.conditions {
            guard let space = bySpelling[c.key.value] ?? spaces[Glob.fold(c.key.value)] else { return nil }
            let k = space.constraint(c)
            // The space's own folded key: every box of the space shares its storage.
            let (i, found) = Box.position(of: space.folded, in: entries)
            if found {
                entries[i].constraint = entries[i].constraint.intersection(k)
            } else if i == entries.count {
                entries.append(Box.Entry(key: space.folded, constraint: k))
            } else {
                entries.insert(Box.Entry(key: space.folded, constraint: k), at: i)
            }
        }
        return Box(sorted: entries)
    }

    func constraints(_ b: Box) -> [Constraint] {
        order.compactMap { f in
            guard let c = b[f], let space = spaces[f] else { return nil }
            return Constraint(space: space, c)
        }
    }

    /// A context inside the box: a value for every key it constrains (when the key may be carried).
    func sample(_ b: Box) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for f in order {
            guard let c = b[f], let space = spaces[f], let values = c.sample(space.witness) else { continue }
            out[space.key] = values
        }
        return out
    }

    /// Whether a request context falls in the box, computed on cells.
    func contains(_ b: Box, _ context: RequestContext) -> Bool {
        for e in b.entries {
            let (f, c) = (e.key, e.constraint)
            guard let space = spaces[f] else { return false }
            let cells = context.entry(folded: f).map { $0.typedValues.map(space.cell(of:)) }
            if !c.isSatisfied(byCells: cells) { return false }
        }
        return true
    }
}
