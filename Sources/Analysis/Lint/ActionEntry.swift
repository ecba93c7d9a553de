import RAMPolicy

/// One action entry of a statement: where it is written, and the facts of its pattern (shared by every
/// entry of the document that writes the same text).
struct ActionEntry {
    let located: Located<String>
    let facts: ActionFacts

    init(_ located: Located<String>, facts: ActionFacts) {
        self.located = located
        self.facts = facts
    }
}
