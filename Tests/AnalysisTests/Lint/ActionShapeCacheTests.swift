import ActionCatalog
@testable import Analysis
import Testing

/// The per-thread table of action shapes: one shape per text and catalogue context, kept for the
/// contexts used last, and never handed to another thread.
@Suite("Lint: action shape cache")
struct ActionShapeCacheTests {
    @Test func oneShapePerTextAndContext() {
        let cache = ActionShapeCache()
        let vod = CatalogContext(.vod)
        let unloaded = CatalogContext(.empty(service: "vod", loadError: "not loaded"))
        let text = "vod:GetPlayInfo"
        let hash = TextIndex.hash(text)
        var made = 0
        func shape(_ context: CatalogContext) -> ActionShape {
            if let known = cache.shape(of: text, hash: hash, context: ObjectIdentifier(context)) { return known }
            made += 1
            let shape = ActionShape(text, context: context)
            cache.add(shape, of: text, hash: hash, context: context)
            return shape
        }
        let a = shape(vod)
        #expect(shape(vod) === a, "asked again: the same shape")
        let b = shape(unloaded)
        #expect(b !== a, "another context: its own shape")
        #expect(a.decidable && a.catalogSet != nil)
        #expect(!b.decidable && b.catalogSet == nil, "made with its own context, not the first one")
        #expect(shape(vod) === a, "the first context's table is kept")
        #expect(made == 2)
        #expect(cache.count(for: vod) == 1)
    }

    @Test func keepsTheContextsUsedLast() {
        let cache = ActionShapeCache()
        let contexts = (0...ActionShapeCache.contextLimit).map { _ in CatalogContext(.vod) }
        let text = "vod:*", hash = TextIndex.hash("vod:*")
        for context in contexts {
            #expect(cache.shape(of: text, hash: hash, context: ObjectIdentifier(context)) == nil)
            cache.add(ActionShape(text, context: context), of: text, hash: hash, context: context)
        }
        #expect(cache.count(for: contexts[0]) == 0, "the one used longest ago is dropped")
        #expect(cache.shape(of: text, hash: hash, context: ObjectIdentifier(contexts[0])) == nil)
        for context in contexts.dropFirst() {
            #expect(cache.count(for: context) == 1)
            #expect(cache.shape(of: text, hash: hash, context: ObjectIdentifier(context)) != nil)
        }
    }

    @Test func startsOverPastTheLimit() {
        let cache = ActionShapeCache()
        let context = CatalogContext(.vod)
        let id = ObjectIdentifier(context)
        for i in 0..<ActionShapeCache.limit {
            let text = "ecs:Action\(i)"
            cache.add(ActionShape(text, context: context), of: text, hash: TextIndex.hash(text), context: context)
        }
        #expect(cache.count(for: context) == ActionShapeCache.limit)
        #expect(cache.shape(of: "ecs:Action7", hash: TextIndex.hash("ecs:Action7"), context: id)?.text == "ecs:Action7")
        let text = "ecs:OneMore"
        cache.add(ActionShape(text, context: context), of: text, hash: TextIndex.hash(text), context: context)
        #expect(cache.count(for: context) == 1)
        #expect(cache.shape(of: "ecs:Action7", hash: TextIndex.hash("ecs:Action7"), context: id) == nil)
        #expect(cache.shape(of: text, hash: TextIndex.hash(text), context: id)?.text == text)
    }

    @Test func eachThreadMakesItsOwnShapes() {
        let context = CatalogContext(.vod)
        let text = "vod:Get*"
        let mine = context.shape(of: text, hash: TextIndex.hash(text))
        #expect(context.shape(of: text, hash: TextIndex.hash(text)) === mine)
        let other = onNewThread { context.shape(of: text, hash: TextIndex.hash(text)) }
        #expect(other !== mine)
        #expect(other.folded == mine.folded && other.catalogBits == mine.catalogBits && other.currentCount == mine.currentCount)
    }
}
