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
    /// The plan cache, then the per-key and per-condition tables, in one allocation (see ``EvaluatorTables``):
    /// five separate blocks were five likely cache misses per identity and round.
    private let tables: EvaluatorTables
    private var epoch: UInt32 = 0
    public let authorizer: Authorizer

    public init(_ authorizer: Authorizer) {
        self.authorizer = authorizer
        tables = EvaluatorTables(keyCount: authorizer.keyTable.count, conditions: authorizer.conditions)
    }

    deinit { tables.free() }

    /// Behind a pointer: a `var` of a class is checked for exclusive access at run time on every
    /// decision; memory reached through an unsafe pointer is not.
    private var plans: UnsafeMutablePointer<ActionPlanCache> { tables.plans }

    /// The plan for an action, retained (for the paths that are not per-decision hot).
    private func plan(_ request: Request) -> ActionPlan {
        withUnsafePointer(to: request) { r in withPlan(r) { $0 } }
    }

    /// Runs `body` with the action's plan. A cached plan is passed unretained: the cache owns it, and
    /// nothing inserts into the cache while `body` runs (a decision makes no nested decisions).
    @inline(__always)
    private func withPlan<R>(_ request: UnsafePointer<Request>, _ body: (ActionPlan) -> R) -> R {
        if let slot = cachedSlot(request), let p = slot.pointee.plan { return p._withUnsafeGuaranteedRef(body) }
        if let p = cachedLongPlan(request) { return p._withUnsafeGuaranteedRef(body) }
        return body(newPlan(request.pointee.action))
    }

    /// The plan's slot, found by the action's bytes read in place (nil for an action longer than
    /// ``ActionPlanCache/inlineBytes`` or without contiguous UTF-8, which the callers look up otherwise).
    @inline(__always)
    private func cachedSlot(_ request: UnsafePointer<Request>) -> UnsafePointer<ActionPlanCache.Slot>? {
        let found = request.pointee.action.utf8.withContiguousStorageIfAvailable { bytes -> UnsafePointer<ActionPlanCache.Slot>? in
            // An empty action may have no address; the cache reads no byte of it then.
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return plans.pointee.find(base, bytes.count, hash: ActionPlanCache.hash(base, bytes.count))
        }
        return found ?? nil
    }

    /// The cached plan of a long action (unretained; see ``withPlan(_:_:)``).
    @inline(__always)
    private func cachedLongPlan(_ request: UnsafePointer<Request>) -> Unmanaged<ActionPlan>? {
        request.pointee.action.utf8.count > ActionPlanCache.inlineBytes ? longPlan(request.pointee.action) : nil
    }

    @inline(never)
    private func longPlan(_ action: String) -> Unmanaged<ActionPlan>? { plans.pointee.findLong(action) }

    /// Looks the action up again through a contiguous copy, and builds and caches its plan when absent.
    @inline(never)
    private func newPlan(_ action: String) -> ActionPlan {
        var copy = action
        return copy.withUTF8 { bytes in
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let h = ActionPlanCache.hash(base, bytes.count)
            if bytes.count > ActionPlanCache.inlineBytes {
                if let p = plans.pointee.findLong(action) { return p.takeUnretainedValue() }
            } else if let p = plans.pointee.find(base, bytes.count, hash: h)?.pointee.plan {
                return p.takeUnretainedValue()
            }
            let p = authorizer.plan(forAction: action)
            plans.pointee.insert(base, bytes.count, hash: h, string: action, plan: p)
            return p
        }
    }

    /// Runs `body` with a fresh epoch: memoised conditions and resolved keys of the previous request
    /// become stale without clearing anything. Keys are resolved lazily, only when a condition needs one.
    @inline(__always)
    private func bound<R>(_ request: UnsafePointer<Request>, _ body: (inout BoundOracle) -> R) -> R {
        epoch &+= 1
        if epoch >= 1 << 31 {
            epoch = 1
            tables.clearEpochs()
        }
        let keyBits = request.pointee.context.summary
        return RequestContext.withEntries(of: request) { entries in
            var oracle = BoundOracle(entries: entries, keyBits: keyBits, keys: tables.keys, conditions: tables.conditions, epoch: epoch)
            return body(&oracle)
        }
    }

    public func decide(_ request: Request) -> Decision {
        withUnsafePointer(to: request) { decide(at: $0) }
    }

    /// Decides every request of `requests`, in order, passing each one's index and decision to `body`.
    ///
    /// The same decisions as calling ``decide(_:)`` on each, without copying the requests: a loop over
    /// an array that calls ``decide(_:)`` copies every `Request` it passes (a retain and release of its
    /// action and context, a fifth of a warm decision on many small identities); here each is read
    /// where the array stores it.
    public func decideEach(_ requests: [Request], _ body: (_ index: Int, _ decision: Decision) -> Void) {
        requests.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<buffer.count { body(i, decide(at: base + i)) }
        }
    }

    /// One decision on a request read in place (valid for the duration of the call).
    @inline(__always)
    private func decide(at request: UnsafePointer<Request>) -> Decision {
        // An identity without control, session or trust policies (the common case) is decided from the
        // plan's slot alone: its identity decision data is copied there, so the plan object is not read.
        let slot = cachedSlot(request)
        if let slot, slot.pointee.identityOnly, let fast = slot.pointee.fast {
            let count = Int(slot.pointee.fastCount)
            let allResources = slot.pointee.allResources
            return bound(request) {
                authorizer.decideIdentity(at: request, allResources: allResources, fast: fast, count: count, oracle: &$0)
            }
        }
        func decide(_ p: ActionPlan) -> Decision {
            bound(request) { authorizer.decideWithProof(at: request, plan: p, proof: false, oracle: &$0).decision }
        }
        if let p = slot?.pointee.plan { return p._withUnsafeGuaranteedRef(decide) }
        return withPlan(request, decide)
    }

    /// The decision and its proving statements, without a full trace.
    public func decideWithProof(_ request: Request) -> QuickDecision {
        withUnsafePointer(to: request) { request in
            withPlan(request) { p in
                bound(request) { authorizer.decideWithProof(at: request, plan: p, proof: true, oracle: &$0) }
            }
        }
    }

    /// Condition keys the statements matching this action reference that the request lacks.
    public func missingKeys(_ request: Request) -> [String] {
        authorizer.missingKeys(request, plan: plan(request))
    }

    public func evaluate(_ request: Request) -> Evaluation {
        authorizer.evaluate(request, plan: plan(request))
    }
}

@available(*, unavailable)
extension Evaluator: Sendable {}

/// The cached oracle: request values found once per key and request, results memoised per condition id.
struct BoundOracle: ConditionOracle {
    /// The request's entries, read in place (valid while ``Evaluator``'s `bound` runs).
    let entries: UnsafeBufferPointer<RequestContext.Entry>
    /// The request's ``RequestContext/summary`` (its key bits).
    let keyBits: UInt64
    /// Per key id: the request entry holding it, valid when its epoch is the current one.
    let keys: UnsafeMutablePointer<EvaluatorTables.KeySlot>
    /// Per condition id: the condition (unretained) and its memoised result.
    let conditions: UnsafeMutablePointer<EvaluatorTables.ConditionSlot>
    let epoch: UInt32

    @inline(__always)
    func entryIndex(for c: CompiledCondition) -> Int {
        guard c.keyID >= 0 else { return -1 }
        let k = keys + Int(c.keyID)
        if k.pointee.epoch == epoch { return Int(k.pointee.entry) }
        var found = -1
        // A request's folded keys are distinct (`RequestContext` merges repeated keys), so the entry at
        // the hint, when it holds the key, is the one a scan would find.
        if keyBits & c.keyBit != 0 {
            let h = Int(k.pointee.hint)
            if h < entries.count && entries[h].keyHash == c.keyHash && entries[h].foldedKey == c.foldedKey {
                found = h
            } else {
                var i = 0
                while i < entries.count {
                    if entries[i].keyHash == c.keyHash && entries[i].foldedKey == c.foldedKey {
                        found = i
                        break
                    }
                    i += 1
                }
            }
        }
        k.pointee = EvaluatorTables.KeySlot(entry: Int32(found), epoch: epoch, hint: found >= 0 ? Int32(found) : k.pointee.hint)
        return found
    }

    @inline(__always)
    mutating func holds(_ c: CompiledCondition) -> Bool {
        guard c.conditionID >= 0 else { return c.evaluate(nil) }
        let slot = conditions + Int(c.conditionID)
        let m = slot.pointee.memo
        if m >> 1 == epoch { return m & 1 == 1 }
        return evaluate(c, slot)
    }

    /// Evaluates a condition not yet memoised for this request, and memoises it.
    @inline(__always)
    func evaluate(_ c: CompiledCondition, _ slot: UnsafeMutablePointer<EvaluatorTables.ConditionSlot>) -> Bool {
        let index = entryIndex(for: c)
        let result: Bool
        if index >= 0, let base = entries.baseAddress {
            result = RequestContext.Entry.withValues(of: base + index) { c.evaluate(values: $0) }
        } else {
            result = c.evaluate(nil)
        }
        slot.pointee.memo = epoch << 1 | (result ? 1 : 0)
        return result
    }

    @inline(__always)
    mutating func holds(id: Int32, in table: [CompiledCondition]) -> Bool {
        let slot = conditions + Int(id)
        let m = slot.pointee.memo
        if m >> 1 == epoch { return m & 1 == 1 }
        return slot.pointee.condition._withUnsafeGuaranteedRef { evaluate($0, slot) }
    }
}
