/// An ``Evaluator``'s mutable state in one allocation: the plan cache, then one slot per condition key
/// id, then one per condition id.
///
/// With one evaluator per identity and thousands of identities (shape (a) of the benchmarks), none of
/// it is in cache when an identity's requests arrive; as five blocks (plan cache, key slots, key epochs,
/// memo, condition table) a decision touched up to five cold lines before it compared anything. Here the
/// plan cache header and a small identity's key and condition slots share one or two lines, and a
/// condition's memo sits next to its pointer.
///
/// A plain pointer holder, owned by its evaluator (which calls ``free()`` once, from `deinit`).
struct EvaluatorTables {
    /// The request entry holding a key (-1: absent), valid while `epoch` is the current request's; and
    /// where the key was found last (requests of one caller list their keys in the same order, so the
    /// entry there is tried before scanning: one entry read instead of all those before it).
    struct KeySlot {
        var entry: Int32
        var epoch: UInt32
        var hint: Int32
    }

    /// A compiled condition, unretained (the evaluator's authorizer keeps it alive: taking it out of an
    /// array retained and released it on every memo miss), and its result for the current request:
    /// `epoch << 1 | result`.
    struct ConditionSlot {
        let condition: Unmanaged<CompiledCondition>
        var memo: UInt32
    }

    let plans: UnsafeMutablePointer<ActionPlanCache>
    let keys: UnsafeMutablePointer<KeySlot>
    let conditions: UnsafeMutablePointer<ConditionSlot>
    let keyCount: Int
    let conditionCount: Int

    private static func align(_ n: Int, _ a: Int) -> Int { (n + a - 1) / a * a }

    /// Offsets of the key and condition slots in the block.
    private static func layout(keyCount: Int) -> (keys: Int, conditions: Int) {
        let keys = align(MemoryLayout<ActionPlanCache>.stride, MemoryLayout<KeySlot>.alignment)
        let conditions = align(keys + keyCount * MemoryLayout<KeySlot>.stride, MemoryLayout<ConditionSlot>.alignment)
        return (keys, conditions)
    }

    init(keyCount: Int, conditions table: [CompiledCondition]) {
        self.keyCount = keyCount
        conditionCount = table.count
        let (k, c) = Self.layout(keyCount: keyCount)
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: c + max(1, table.count) * MemoryLayout<ConditionSlot>.stride, alignment: 64)
        plans = raw.bindMemory(to: ActionPlanCache.self, capacity: 1)
        plans.initialize(to: ActionPlanCache())
        keys = (raw + k).bindMemory(to: KeySlot.self, capacity: keyCount)
        keys.initialize(repeating: KeySlot(entry: -1, epoch: 0, hint: 0), count: keyCount)
        conditions = (raw + c).bindMemory(to: ConditionSlot.self, capacity: table.count)
        for (i, condition) in table.enumerated() {
            (conditions + i).initialize(to: ConditionSlot(condition: .passUnretained(condition), memo: 0))
        }
    }

    /// Forgets every memoised result and resolved key (when the epoch counter wraps).
    func clearEpochs() {
        for i in 0..<conditionCount { conditions[i].memo = 0 }
        for i in 0..<keyCount { keys[i].epoch = 0 }
    }

    func free() {
        plans.pointee.free()
        plans.deinitialize(count: 1)
        keys.deinitialize(count: keyCount)
        conditions.deinitialize(count: conditionCount)
        UnsafeMutableRawPointer(plans).deallocate()
    }
}
