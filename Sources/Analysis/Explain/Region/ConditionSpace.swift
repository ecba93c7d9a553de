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
    /// The slot (in `order`) of each key as written: a statement's conditions find their space
    /// without folding or hashing the key again.
    private let spellings: SpellingIndex
    /// By slot: the key's space, nil when it is undecidable.
    private let slotSpaces: [KeySpace?]

    init(statements: [StatementMatch]) {
        self.init(groups: [statements])
    }

    /// The space of every layer's statements, without first joining them into one array.
    init(layers: [(layer: PolicyLayer, statements: [StatementMatch])]) {
        self.init(groups: layers.map(\.statements))
    }

    private init(groups: [[StatementMatch]]) {
        // Per key, in order of first appearance: its folded form, first spelling and conditions. A
        // spelling seen before finds its slot without being folded; a new one is folded once.
        var order: [String] = []
        var first: [String] = []
        var byKey: [[Condition]] = []
        var spellings = SpellingIndex()
        var respelled: [String] = []
        for statements in groups {
            for m in statements {
                m.statement.conditions.withUnsafeBufferPointer { conditions in
                    for c in conditions.indices {
                        let spelling = conditions[c].key.value
                        if let slot = spellings.slot(of: spelling) {
                            byKey[slot].append(conditions[c])
                            continue
                        }
                        let f = Glob.fold(spelling)
                        if let slot = order.firstIndex(of: f) {
                            // A spelling not seen before differs from the first one.
                            if !respelled.contains(f) { respelled.append(f) }
                            spellings.insert(spelling, slot: slot)
                            byKey[slot].append(conditions[c])
                        } else {
                            spellings.insert(spelling, slot: order.count)
                            order.append(f)
                            first.append(spelling)
                            byKey.append([conditions[c]])
                        }
                    }
                }
            }
        }
        var spaces: [String: KeySpace] = Dictionary(minimumCapacity: order.count)
        var slotSpaces: [KeySpace?] = []
        slotSpaces.reserveCapacity(order.count)
        var undecidable: [UndecidableKey] = []
        for (slot, f) in order.enumerated() {
            do throws(UndecidableKey) {
                let space = try KeySpace(key: first[slot], folded: f, conditions: byKey[slot])
                spaces[f] = space
                slotSpaces.append(space)
            } catch {
                undecidable.append(error)
                slotSpaces.append(nil)
            }
        }
        self.spellings = spellings
        self.slotSpaces = slotSpaces
        self.spaces = spaces
        self.order = order
        self.undecidable = undecidable
        self.respelled = respelled
    }

    /// The space of a key as written (nil if it is undecidable).
    private func space(of spelling: String) -> KeySpace? {
        if let slot = spellings.slot(of: spelling) { return slotSpaces[slot] }
        return spaces[Glob.fold(spelling)]
    }

    /// The requests under which every condition of the statement holds (nil if a key is undecidable).
    func box(_ m: StatementMatch) -> Box? {
        var entries: [Box.Entry] = []
        for c in m.statement.conditions {
            guard let space = space(of: c.key.value) else { return nil }
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

    /// The box's constraints, key by key in `order`.
    func constraints(_ b: Box) -> [Constraint] {
        var out: [Constraint] = []
        forEachConstraint(of: b) { out.append(Constraint(space: $0, $1)) }
        return out
    }

    /// The words of ``constraints(_:)`` (each one's ``Constraint/description``) without the value
    /// sets: all a summary reads, and all an audit's verdict needs of them.
    func descriptions(_ b: Box) -> [String] {
        var out: [String] = []
        forEachConstraint(of: b) { out.append(Constraint.describe($0, $1)) }
        return out
    }

    /// Each key the box constrains, in `order`, with its space.
    private func forEachConstraint(of b: Box, _ body: (KeySpace, KeyConstraint) -> Void) {
        guard !b.entries.isEmpty else { return }
        for case let space? in slotSpaces {
            if let c = b[space.folded] { body(space, c) }
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
