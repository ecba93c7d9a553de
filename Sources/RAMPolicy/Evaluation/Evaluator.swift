/// A per-thread evaluator with the caches that make batch decisions cheap.
///
/// It remembers, per action, which statements can match (the action plan); binds each request's
/// context keys to the authorizer's key ids (array lookups instead of string comparisons); and
/// evaluates each distinct condition at most once per request. Not `Sendable` on purpose: give each
/// thread its own.
public final class Evaluator {
    // The fields every decision reads come first, so they share the object's first cache line: the
    // authorizer stored before them (several hundred bytes) pushed them lines away from the header,
    // and with thousands of evaluators (shape (a)) every line is a likely miss.
    /// Behind a pointer: a `var` of a class is checked for exclusive access at run time on every
    /// decision; memory reached through an unsafe pointer is not.
    private let plans: UnsafeMutablePointer<ActionPlanCache>
    /// The authorizer's compiled conditions by id, unretained: `authorizer` keeps them alive, and
    /// taking a condition out of an array retains and releases it on every memo miss.
    private let conditionTable: UnsafeMutableBufferPointer<Unmanaged<CompiledCondition>>
    /// Per key id: the request entry holding it, valid when the matching epoch is the current one.
    private let slots: UnsafeMutableBufferPointer<Int32>
    private let slotEpochs: UnsafeMutableBufferPointer<UInt32>
    private let memo: UnsafeMutableBufferPointer<UInt32>
    private var epoch: UInt32 = 0
    public let authorizer: Authorizer

    public init(_ authorizer: Authorizer) {
        self.authorizer = authorizer
        slots = .allocate(capacity: max(1, authorizer.keyTable.count))
        slots.initialize(repeating: -1)
        slotEpochs = .allocate(capacity: max(1, authorizer.keyTable.count))
        slotEpochs.initialize(repeating: 0)
        memo = .allocate(capacity: max(1, authorizer.conditionCount))
        memo.initialize(repeating: 0)
        plans = .allocate(capacity: 1)
        plans.initialize(to: ActionPlanCache())
        conditionTable = .allocate(capacity: max(1, authorizer.conditions.count))
        for (i, c) in authorizer.conditions.enumerated() { conditionTable[i] = Unmanaged.passUnretained(c) }
    }

    deinit {
        slots.deallocate()
        slotEpochs.deallocate()
        memo.deallocate()
        plans.pointee.free()
        plans.deinitialize(count: 1)
        plans.deallocate()
        conditionTable.deallocate()
    }

    @inline(__always)
    private func plan(_ action: String) -> ActionPlan {
        if let p = action.utf8.withContiguousStorageIfAvailable({ cachedPlan(action, $0) }) { return p }
        var copy = action
        return copy.withUTF8 { cachedPlan(action, $0) }
    }

    @inline(__always)
    private func cachedPlan(_ action: String, _ bytes: UnsafeBufferPointer<UInt8>) -> ActionPlan {
        // An empty action may have no address; the cache reads no byte of it then.
        let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let h = ActionPlanCache.hash(base, bytes.count)
        if let p = plans.pointee.find(base, bytes.count, hash: h, string: action) { return p }
        let p = authorizer.plan(forAction: action)
        plans.pointee.insert(base, bytes.count, hash: h, string: action, plan: p)
        return p
    }

    /// Runs `body` with a fresh epoch: memoised conditions and resolved keys of the previous request
    /// become stale without clearing anything. Keys are resolved lazily, only when a condition needs one.
    @inline(__always)
    private func bound<R>(_ context: RequestContext, _ body: (inout BoundOracle) -> R) -> R {
        epoch &+= 1
        if epoch >= 1 << 31 {
            epoch = 1
            for i in memo.indices { memo[i] = 0 }
            for i in slotEpochs.indices { slotEpochs[i] = 0 }
        }
        return context.entries.withUnsafeBufferPointer { entries in
            var oracle = BoundOracle(entries: entries, slots: slots.baseAddress, slotEpochs: slotEpochs.baseAddress,
                                     memo: memo.baseAddress, epoch: epoch, conditions: conditionTable.baseAddress)
            return body(&oracle)
        }
    }

    public func decide(_ request: Request) -> Decision {
        let p = plan(request.action)
        return bound(request.context) { authorizer.decideWithProof(request, plan: p, proof: false, oracle: &$0).decision }
    }

    /// The decision and its proving statements, without a full trace.
    public func decideWithProof(_ request: Request) -> QuickDecision {
        let p = plan(request.action)
        return bound(request.context) { authorizer.decideWithProof(request, plan: p, proof: true, oracle: &$0) }
    }

    /// Condition keys the statements matching this action reference that the request lacks.
    public func missingKeys(_ request: Request) -> [String] {
        authorizer.missingKeys(request, plan: plan(request.action))
    }

    public func evaluate(_ request: Request) -> Evaluation {
        authorizer.evaluate(request, plan: plan(request.action))
    }
}

@available(*, unavailable)
extension Evaluator: Sendable {}

/// The cached oracle: request values found once per key and request, results memoised per condition id.
struct BoundOracle: ConditionOracle {
    /// The request's entries, read in place (valid while ``Evaluator``'s `bound` runs).
    let entries: UnsafeBufferPointer<RequestContext.Entry>
    let slots: UnsafeMutablePointer<Int32>?
    let slotEpochs: UnsafeMutablePointer<UInt32>?
    let memo: UnsafeMutablePointer<UInt32>?
    let epoch: UInt32
    /// The conditions by id, unretained (the evaluator's authorizer owns them).
    let conditions: UnsafePointer<Unmanaged<CompiledCondition>>?

    @inline(__always)
    func entryIndex(for c: CompiledCondition) -> Int {
        guard let slots, let slotEpochs, c.keyID >= 0 else { return -1 }
        let k = Int(c.keyID)
        if slotEpochs[k] == epoch { return Int(slots[k]) }
        var found = -1
        var i = 0
        while i < entries.count {
            if entries[i].keyHash == c.keyHash && entries[i].foldedKey == c.foldedKey {
                found = i
                break
            }
            i += 1
        }
        slots[k] = Int32(found)
        slotEpochs[k] = epoch
        return found
    }

    @inline(__always)
    mutating func holds(_ c: CompiledCondition) -> Bool {
        guard let memo, c.conditionID >= 0 else { return c.evaluate(nil) }
        let m = memo[Int(c.conditionID)]
        if m >> 1 == epoch { return m & 1 == 1 }
        let slot = entryIndex(for: c)
        let result = slot >= 0
            ? entries[slot].typedValues.withUnsafeBufferPointer { c.evaluate(values: $0) }
            : c.evaluate(nil)
        memo[Int(c.conditionID)] = epoch << 1 | (result ? 1 : 0)
        return result
    }

    @inline(__always)
    mutating func holds(id: Int32, in table: [CompiledCondition]) -> Bool {
        if let memo {
            let m = memo[Int(id)]
            if m >> 1 == epoch { return m & 1 == 1 }
        }
        if let conditions {
            return conditions[Int(id)]._withUnsafeGuaranteedRef { holds($0) }
        }
        return holds(table[Int(id)])
    }
}
