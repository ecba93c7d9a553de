/// An evaluator's action plans, found by the action's exact bytes.
///
/// Every decision starts by looking its action up. A `[String: ActionPlan]` hashes the whole string
/// with SipHash and then compares `String`s through the standard library's generic comparison (about
/// 400 instructions a lookup, a fifth of a decision on a heavy identity whose requests alternate
/// between actions); this table hashes the UTF-8 bytes a word at a time and compares them word-wise.
/// Actions of up to 32 bytes (nearly all) are stored in the slot itself, so a lookup touches one slot
/// and the plan — with thousands of evaluators (one per identity) out of cache, every extra pointer
/// followed is a cache miss. Longer actions go to a `[String: ActionPlan]` as before.
///
/// Short keys are compared byte for byte: two spellings of an action (say, canonically equivalent but
/// differently encoded) get two entries, each with the plan built from its own bytes — the plan the
/// uncached ``Authorizer/decide(_:)`` would use.
struct ActionPlanCache {
    /// One cache line (the table is 64-byte aligned): the hash, the length, up to 32 bytes of the action
    /// (zero-padded), the plan, and a copy of the plan's identity decision data, so that a decision on
    /// an identity without other layers reads this line and the fast statements, not the plan object.
    struct Slot {
        var hash: UInt64 = 0
        /// -1 for an empty slot.
        var length: Int16 = -1
        /// The plan's ``ActionPlan/allResources``.
        var allResources = false
        /// The plan has no control, session or trust part: its identity part alone decides.
        var identityOnly = false
        /// The plan's ``ActionPlan/identityFastCount``.
        var fastCount: Int32 = 0
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
        /// Retained by the cache (released in ``free()``).
        var plan: Unmanaged<ActionPlan>?
        /// The plan's ``ActionPlan/identityFast`` (kept alive by `plan`); the condition ids follow.
        var fast: UnsafePointer<FastStatement>?
    }

    /// Slots are allocated on cache-line boundaries, so a lookup that hits at once reads one line.
    private static var slotAlignment: Int { 64 }

    static var inlineBytes: Int { 32 }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var inlineCount = 0
    private var long: [String: ActionPlan] = [:]
    /// Entries kept at most (the dictionary's former bound).
    let limit: Int

    var count: Int { inlineCount + long.count }

    init(limit: Int = 100_000) {
        self.limit = limit
        mask = 15
        slots = Self.allocateSlots(16)
    }

    private static func allocateSlots(_ n: Int) -> UnsafeMutablePointer<Slot> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Slot>.stride, alignment: slotAlignment)
        let slots = raw.bindMemory(to: Slot.self, capacity: n)
        slots.initialize(repeating: Slot(), count: n)
        return slots
    }

    /// Releases the plans and the table (the owner calls it once, from its `deinit`).
    func free() {
        for i in 0...mask { slots[i].plan?.release() }
        slots.deinitialize(count: mask + 1)
        UnsafeMutableRawPointer(slots).deallocate()
    }

    /// A 64-bit hash of `n` bytes (the batch reader's interner uses the same).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 { ByteHash.hash(p, n) }

    /// The bytes `i..<min(i + 8, n)` as a little-endian word, zero-padded.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt64 {
        if i + 8 <= n { return UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self) }
        var w: UInt64 = 0
        var shift: UInt64 = 0
        var k = i
        while k < n {
            w |= UInt64(p[k]) << shift
            shift += 8
            k += 1
        }
        return w
    }

    /// The slot of exactly these bytes, or nil; for actions longer than ``inlineBytes`` call
    /// ``findLong(_:)`` instead (no `String` is passed here: capturing one retained it on every lookup).
    ///
    /// The slot (and its plan, unretained) stays valid until the next ``insert``: the cache keeps the plan
    /// alive until ``free()``, and the caller uses it only until its next call into the cache (retaining
    /// the plan was a write to a cold object per decision).
    /// `mutating` although it changes nothing: called through the evaluator's pointer, a non-mutating
    /// method got a copy of the cache (a retain and release of `long`) on every lookup.
    @inline(__always)
    mutating func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> UnsafePointer<Slot>? {
        guard n <= Self.inlineBytes else { return nil }
        let w0 = Self.word(p, 0, n), w1 = Self.word(p, 8, n), w2 = Self.word(p, 16, n), w3 = Self.word(p, 24, n)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots + i
            if s.pointee.length < 0 { return nil }
            if s.pointee.hash == h && Int(s.pointee.length) == n && s.pointee.w0 == w0 && s.pointee.w1 == w1
                && s.pointee.w2 == w2 && s.pointee.w3 == w3 {
                return UnsafePointer(s)
            }
            i = (i + 1) & mask
        }
    }

    /// The cached plan of an action longer than ``inlineBytes`` (unretained, as ``find(_:_:hash:)``).
    mutating func findLong(_ action: String) -> Unmanaged<ActionPlan>? {
        long[action].map { Unmanaged.passUnretained($0) }
    }

    /// Remembers `plan` for these bytes (unless the cache is full).
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, string: String, plan: ActionPlan) {
        guard count < limit else { return }
        guard n <= Self.inlineBytes else {
            long[string] = plan
            return
        }
        if (inlineCount + 1) * 2 > mask + 1 { grow() }
        place(Slot(hash: h, length: Int16(n), allResources: plan.allResources,
                   identityOnly: plan.control == nil && plan.session == nil && plan.trust == nil,
                   fastCount: Int32(plan.identityFastCount), w0: Self.word(p, 0, n), w1: Self.word(p, 8, n),
                   w2: Self.word(p, 16, n), w3: Self.word(p, 24, n), plan: Unmanaged.passRetained(plan),
                   fast: plan.identityFast))
        inlineCount += 1
    }

    private mutating func place(_ slot: Slot) {
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].length >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        let oldCount = mask + 1
        mask = oldCount * 2 - 1
        slots = Self.allocateSlots(oldCount * 2)
        for i in 0..<oldCount where old[i].length >= 0 { place(old[i]) }
        old.deinitialize(count: oldCount)
        UnsafeMutableRawPointer(old).deallocate()
    }
}
