/// The ``ActionShape`` of every action text the calling thread has linted, per catalogue context: one
/// cache per thread (``perThread``), so a lookup takes no lock and the shapes a thread hands out are
/// counted by that thread alone.
///
/// A lookup is one hash over the text (``TextIndex``); computing a shape is a scan, a fold, a catalogue
/// lookup and a service-code search. A `[String: ActionShape]` cost four times the lookup here (a
/// seeded SipHash, and copying the shape out of its storage). One table shared by the worker threads
/// took a lock per action pattern of every document, and every reference count on a shared shape
/// afterwards (each entry and statement of every document holds one) moved the shape's cache line
/// between the cores, which cost more than making the hundred-odd shapes of a tree once per thread.
///
/// Shapes depend on the catalogue context (``CatalogContext``), so the cache keeps a table per context,
/// the most recent first, and at most ``contextLimit`` of them (tests make many linters); a table
/// holds its context, so no other context can take its address while it is kept. A table starts over
/// once it holds ``limit`` texts, which bounds its memory on hostile input.
final class ActionShapeCache {
    /// The shapes of one context's texts, numbered as its index numbers the texts.
    private struct Table {
        /// Kept so that ``id`` names this context for as long as the table exists.
        let context: CatalogContext
        let id: ObjectIdentifier
        var index = TextIndex(expected: 1_024)
        var shapes: [ActionShape] = []

        init(_ context: CatalogContext) {
            self.context = context
            id = ObjectIdentifier(context)
        }
    }

    /// The tables, the one used last first. Unchecked exclusivity: the cache belongs to one thread and
    /// no access re-enters it, and the runtime's checks were a fifth of a lookup.
    @exclusivity(unchecked) private var tables: [Table] = []
    static let limit = 8_192
    static let contextLimit = 4

    /// The calling thread's cache.
    static let perThread = PerThread { ActionShapeCache() }

    /// How many texts the table of `context` holds (0 without one), for tests.
    func count(for context: CatalogContext) -> Int {
        tables.first { $0.id == ObjectIdentifier(context) }?.index.count ?? 0
    }

    /// The shape of `text` (whose ``TextIndex/hash(_:)`` is `hash`) for the context `context` names, if
    /// this cache has one.
    ///
    /// The context goes by its identity only: passing the object (which every thread shares) had its
    /// reference counted twice per lookup, a cache line moving between the cores each time. A table
    /// holds its context, so an identity that finds a table is that table's context.
    func shape(of text: String, hash: UInt64, context: ObjectIdentifier) -> ActionShape? {
        guard !tables.isEmpty, tables[0].id == context else { return slowShape(of: text, hash: hash, context: context) }
        guard let number = tables[0].index.find(text, hash: hash) else { return nil }
        return tables[0].shapes[number]
    }

    /// ``shape(of:hash:context:)`` when the context is not the one used last.
    @inline(never)
    private func slowShape(of text: String, hash: UInt64, context: ObjectIdentifier) -> ActionShape? {
        guard let k = tables.firstIndex(where: { $0.id == context }) else { return nil }
        tables.insert(tables.remove(at: k), at: 0)
        guard let number = tables[0].index.find(text, hash: hash) else { return nil }
        return tables[0].shapes[number]
    }

    /// Keeps `shape` as the shape of `text` (whose ``TextIndex/hash(_:)`` is `hash`) for `context`,
    /// which ``shape(of:hash:context:)`` did not find.
    @inline(never)
    func add(_ shape: ActionShape, of text: String, hash: UInt64, context: CatalogContext) {
        let id = ObjectIdentifier(context)
        if let k = tables.firstIndex(where: { $0.id == id }) {
            tables.insert(tables.remove(at: k), at: 0)
        } else {
            // The one used longest ago goes: the others keep their order behind the new one.
            if tables.count >= Self.contextLimit { tables.removeLast() }
            tables.insert(Table(context), at: 0)
        }
        if tables[0].index.count >= Self.limit {
            tables[0].index = TextIndex(expected: 1_024)
            tables[0].shapes.removeAll(keepingCapacity: true)
        }
        let (number, inserted) = tables[0].index.insert(text, hash: hash)
        if inserted { tables[0].shapes.append(shape) } else { tables[0].shapes[number] = shape }
    }
}
