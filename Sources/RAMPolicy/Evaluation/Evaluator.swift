/// A per-thread evaluator with the caches that make batch decisions cheap.
///
/// It remembers, per action, which statements can match (the action plan); binds each request's
/// context keys to the authorizer's key ids (array lookups instead of string comparisons); and
/// evaluates each distinct condition at most once per request. Not `Sendable` on purpose: give each
/// thread its own.
public final class Evaluator {
    public let authorizer: Authorizer
    private var plans: [String: ActionPlan] = [:]
    private let slots: UnsafeMutableBufferPointer<Int32>
    private let memo: UnsafeMutableBufferPointer<UInt32>
    private var epoch: UInt32 = 0

    public init(_ authorizer: Authorizer) {
        self.authorizer = authorizer
        slots = .allocate(capacity: max(1, authorizer.keyTable.count))
        slots.initialize(repeating: -1)
        memo = .allocate(capacity: max(1, authorizer.conditionCount))
        memo.initialize(repeating: 0)
    }

    deinit {
        slots.deallocate()
        memo.deallocate()
    }

    @inline(__always)
    private func plan(_ action: String) -> ActionPlan {
        if let p = plans[action] { return p }
        let p = authorizer.plan(forAction: action)
        if plans.count < 100_000 { plans[action] = p }
        return p
    }

    /// Runs `body` with the request's context bound to key slots and a fresh memo epoch.
    @inline(__always)
    private func bound<R>(_ context: RequestContext, _ body: (inout BoundOracle) -> R) -> R {
        epoch &+= 1
        if epoch >= 1 << 31 {
            epoch = 1
            for i in memo.indices { memo[i] = 0 }
        }
        let entries = context.entries
        let table = authorizer.keyTable
        var bound: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        var boundKeys = 0
        for (i, e) in entries.enumerated() {
            if let id = table.id(hash: e.keyHash, folded: e.foldedKey) {
                slots[Int(id)] = Int32(i)
                switch boundKeys {
                case 0: bound.0 = id
                case 1: bound.1 = id
                case 2: bound.2 = id
                case 3: bound.3 = id
                default: break
                }
                boundKeys += 1
            }
        }
        defer {
            if boundKeys > 4 {
                for i in 0..<slots.count { slots[i] = -1 }
            } else {
                for id in [bound.0, bound.1, bound.2, bound.3] where id >= 0 { slots[Int(id)] = -1 }
            }
        }
        var oracle = BoundOracle(entries: entries, slots: slots.baseAddress, memo: memo.baseAddress, epoch: epoch)
        return body(&oracle)
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

/// The cached oracle: request values by key slot, results memoised per condition id for one request.
struct BoundOracle: ConditionOracle {
    let entries: [RequestContext.Entry]
    let slots: UnsafeMutablePointer<Int32>?
    let memo: UnsafeMutablePointer<UInt32>?
    let epoch: UInt32

    @inline(__always)
    mutating func holds(_ c: CompiledCondition) -> Bool {
        guard let memo, let slots, c.conditionID >= 0 else { return c.evaluate(nil) }
        let m = memo[Int(c.conditionID)]
        if m >> 1 == epoch { return m & 1 == 1 }
        let slot = c.keyID >= 0 ? slots[Int(c.keyID)] : -1
        let result = c.evaluate(slot >= 0 ? entries[Int(slot)].typedValues : nil)
        memo[Int(c.conditionID)] = epoch << 1 | (result ? 1 : 0)
        return result
    }

    @inline(__always)
    mutating func holds(id: Int32, in table: [CompiledCondition]) -> Bool {
        if let memo {
            let m = memo[Int(id)]
            if m >> 1 == epoch { return m & 1 == 1 }
        }
        return holds(table[Int(id)])
    }
}
