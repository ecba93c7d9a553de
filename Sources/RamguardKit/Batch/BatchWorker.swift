import Foundation
import RAMPolicy
import Reporting

extension BatchRunner {
    /// One thread's state: its evaluator (per-action plan cache), the byte-keyed caches of the fast path,
    /// and the slow path.
    ///
    /// Every line first goes through ``decideFast(line:p:n:out:)``: a single pass over the bytes that
    /// accepts only the common, unambiguous shape of a request (strict JSON without escapes, known fields,
    /// each once) and builds the ``Request`` straight from the bytes, reusing the `String`s, prepared keys,
    /// parsed values and even partial contexts of earlier lines with the same bytes. Anything else — a
    /// syntax error, an escape, a value of the wrong type, a BOM, a line over the size limit — goes to
    /// ``slowDecide(line:bytes:out:)``, the located ``JSONParser`` path, which gives the precise error (or,
    /// for a valid but unusual line, the same decision). The fast path therefore never reports an error.
    ///
    /// Caches are cleared between lines when full, never within one, so ids stay valid for a whole line.
    struct Worker {
        let runner: BatchRunner
        let evaluator: Evaluator

        var summary = Summary()

        // MARK: Slow path state

        let parser = JSONParser(limits: JSONParserLimits(maxDepth: 8, maxBytes: Worker.maxLineBytes))
        var slowWriter = JSONLineWriter(reserving: 4096)
        /// Context keys repeat on every line: fold, hash and classify each once.
        var keys: [String: PreparedKey] = [:]
        let currentTimeKey = PreparedKey("acs:CurrentTime")
        let nowValues: [ContextValue]

        // MARK: Fast path caches

        /// Action bytes → id into `actions` and `actionOutputs`.
        let actionTable = ByteInterner(limit: 4096, maxLength: 256)
        var actions: [ActionInfo] = []
        var actionOutputs: [ActionOutputs] = []
        var defaultActionID: Int32 = -1

        /// Context key bytes → id into `keyInfos` and `keyStats`.
        let keyTable = ByteInterner(limit: 1024, maxLength: 256)
        var keyInfos: [KeyInfo] = []
        /// Per key id (mutable, so kept out of `KeyInfo`).
        let keyStats = UnsafeMutablePointer<KeyStats>.allocate(capacity: 1024)

        /// One bit per distinct folded key (the first 64), so a set of keys is one `UInt64`.
        var foldedBits: [String: Int8] = [:]

        /// Context value bytes → id into `values` (a one-element array, shared by every line with these
        /// bytes) and `valueChecks`.
        let valueTable = ByteInterner(limit: 4096, maxLength: 64)
        var values: [[ContextValue]] = []
        /// Per value id, which global key types it was checked against (bit 2t) and passed (bit 2t+1).
        var valueChecks: [UInt8] = []
        /// Bumped whenever value ids are reused (the value table was cleared).
        var valueGeneration = 0

        let resourceTable = ByteInterner(limit: 4096, maxLength: 256)
        var resources: [String] = []

        /// Distinct `missingKeys` lists, by id.
        var missingLists: [[String]] = []
        var missingIDs: [[String]: Int32] = [:]

        /// Request contexts built from low-cardinality entries, as a trie: node 0 is the empty context;
        /// the child of node `n` for an entry (key id, value id) is node `n`'s context plus that entry.
        /// A line walks it with its low-cardinality entries (acs:SecureTransport "true", …) and adds only
        /// its other entries (acs:SourceIp) to a copy of the node's context.
        let contextTrie = WordTable(limit: 4096)
        var contextNodes: [RequestContext] = [RequestContext()]
        /// Keys with at most this many distinct values use the trie (halved when it fills up quickly).
        var trieCardinality: Int32 = 1024
        var linesSinceTrieReset = 0

        // MARK: The current line

        /// Context entries (the first `lineKeyCount`): key id and value id (-1 when the value is not
        /// cached: `lineValues` then holds it).
        var lineKeys = UnsafeMutablePointer<Int32>.allocate(capacity: Worker.maxLineEntries)
        var lineValueIDs = UnsafeMutablePointer<Int32>.allocate(capacity: Worker.maxLineEntries)
        var lineValues: [[ContextValue]] = []
        var lineKeyCount = 0
        /// The entries of the line before (their ids predict this line's: the same keys in the same
        /// order, often with the same values), the first `previousCount`.
        var previousKeys = UnsafeMutablePointer<Int32>.allocate(capacity: Worker.maxLineEntries)
        var previousValueIDs = UnsafeMutablePointer<Int32>.allocate(capacity: Worker.maxLineEntries)
        var previousCount = 0
        /// Indices of the entries added to the context one by one (not through the trie).
        let lineDirect = UnsafeMutablePointer<Int>.allocate(capacity: Worker.maxLineEntries)
        /// Longer contexts take the slow path.
        static let maxLineEntries = 64

        static let maxLineBytes = 1 << 20
        static let star = "*"

        /// `--resource`, for requests that name none.
        let defaultResource: String

        init(runner: BatchRunner) {
            self.runner = runner
            evaluator = Evaluator(Self.privateCopy(of: runner.authorizer))
            // Private copies of the strings every line may use, for the same reason as the policies.
            nowValues = [ContextValue(String(decoding: Array(runner.now.utf8), as: UTF8.self))]
            defaultResource = String(decoding: Array(runner.defaultResource.utf8), as: UTF8.self)
        }

        /// The same policies compiled again, for this worker alone.
        ///
        /// Compiled statements and conditions are reference-counted objects; shared between workers,
        /// every retain and release in the evaluation loop would bounce their cache lines between cores.
        /// Compiling is deterministic, so statement indices (proofs) are the same as in `authorizer`.
        static func privateCopy(of authorizer: Authorizer) -> Authorizer {
            Authorizer(identity: authorizer.identity.policies, session: authorizer.session?.policies ?? [],
                       control: authorizer.control?.policies ?? [], trust: authorizer.trust?.policies ?? [],
                       scope: authorizer.scope)
        }

        /// What the fast path knows about an action (a class: read on every line, never copied).
        final class ActionInfo {
            let id: Int32
            let name: String
            /// Acceptable as a request's `action` (well formed and not `*`).
            let valid: Bool
            /// The condition keys (folded-key bits) that the statements matching this action test; only
            /// these can change its decision or its missing keys. Unused when `keepsAllKeys`.
            let referenced: UInt64
            /// True when some referenced key has no bit: every context key then goes into the request.
            let keepsAllKeys: Bool
            let referencesCurrentTime: Bool

            init(id: Int32, name: String, valid: Bool, referenced: UInt64, keepsAllKeys: Bool, referencesCurrentTime: Bool) {
                self.id = id
                self.name = name
                self.valid = valid
                self.referenced = referenced
                self.keepsAllKeys = keepsAllKeys
                self.referencesCurrentTime = referencesCurrentTime
            }
        }

        /// The rendered output of an action's outcomes.
        struct ActionOutputs {
            /// Referenced keys present (bit mask) → id of the `missingKeys` list.
            var missing: [(mask: UInt64, id: Int32)] = []
            /// Everything after `{"line":N` for each (decision, proof, missing keys) seen.
            var variants: [Variant] = []
        }

        struct Variant {
            let proof: UInt64
            let outcome: UInt64
            let bytes: [UInt8]
        }

        /// A condition key's prepared form and what the fast path checks about it.
        final class KeyInfo {
            let prepared: PreparedKey
            let isWellFormed: Bool
            let global: GlobalConditionKey?
            /// Index of the global key's value type, for the per-value check cache.
            let typeIndex: Int
            let bit: Int8
            let isCurrentTime: Bool

            init(prepared: PreparedKey, bit: Int8) {
                self.prepared = prepared
                isWellFormed = prepared.isWellFormed
                global = prepared.global
                switch prepared.global?.type {
                case nil, .string?: typeIndex = 0
                case .date?: typeIndex = 1
                case .bool?: typeIndex = 2
                case .ipAddress?: typeIndex = 3
                }
                self.bit = bit
                isCurrentTime = prepared.folded == "acs:currenttime"
            }
        }

        /// How a key's values behave, to pick the cheapest way to handle them.
        struct KeyStats {
            /// Values of this key rarely repeat (source IPs): they bypass the value cache.
            var isVolatile = false
            var lookups: Int32 = 0
            var misses: Int32 = 0
            /// Distinct values cached for this key in the current value generation (approximately: a value
            /// counts for the first key it came with).
            var distinct: Int32 = 0
            var generation = -1
        }

        // MARK: Entry points

        /// The slow path for a line (without its line end) that ``decideFast(line:p:n:out:)`` declined.
        mutating func decide(line: Int, p: UnsafePointer<UInt8>, n: Int, out: inout ByteBuffer) {
            var i = 0
            // Blank lines (spaces and tabs only) are not requests.
            while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
            if i == n { return }
            summary.requests += 1
            slowDecide(line: line, bytes: UnsafeBufferPointer(start: p, count: n), out: &out)
        }

        /// Decides the line at `p` (`n` bytes remain in the block) when it is blank or of the common
        /// shape, without first looking for its end: the scan stops at the line feed. Returns the bytes
        /// used, line feed included, or -1 for ``decide(line:p:n:out:)`` (nothing written or counted).
        @inline(__always)
        mutating func decideFast(line: Int, p: UnsafePointer<UInt8>, n: Int, out: inout ByteBuffer) -> Int {
            var i = 0
            while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
            if i == n { return n }
            if p[i] == 0x0A { return i + 1 }
            let end = fastDecide(line: line, p: p, n: n, from: i, out: &out)
            if end < 0 { return -1 }
            summary.requests += 1
            return end < n ? end + 1 : n
        }

        // MARK: Fast path: scanning

        @inline(__always)
        static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int) -> Int {
            var i = from
            while i < n {
                let b = p[i]
                guard b <= 0x20, b == 0x20 || b == 0x09 || b == 0x0D else { break }
                i += 1
            }
            return i
        }

        /// The index of the closing quote of the string whose opening quote is at `i`, or -1 when the
        /// string is not plain: an escape, a control character, invalid UTF-8 (any non-ASCII byte when
        /// `ascii`), or no closing quote. The slow path handles (and reports) those.
        @inline(__always)
        static func scanString(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, ascii: Bool) -> Int {
            var j = i + 1
            let raw = UnsafeRawPointer(p)
            while true {
                // Eight bytes at a time: the lowest byte that is '"', '\\', a control character or non-ASCII.
                // (Each test is exact for its lowest match; borrows only spoil the bytes above it.)
                while j + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let quote = w ^ (ones &* 0x22)
                    let backslash = w ^ (ones &* 0x5C)
                    let special = (w | ((w &- ones &* 0x20) & ~w)
                        | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & high
                    if special != 0 {
                        j += special.trailingZeroBitCount >> 3
                        break
                    }
                    j += 8
                }
                guard j < n else { return -1 }
                let b = p[j]
                if b == 0x22 { return j }
                if b == 0x5C || b < 0x20 { return -1 }
                if b >= 0x80 {
                    if ascii { return -1 }
                    let length = utf8SequenceLength(p, n, j)
                    if length == 0 { return -1 }
                    j += length
                } else {
                    j += 1
                }
            }
        }

        /// The length of the valid UTF-8 sequence at `j`, or 0 (RAMPolicy's rule, as the parser applies it).
        @inline(__always)
        static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ n: Int, _ j: Int) -> Int {
            if case .valid(let length) = UTF8Sequence.check(p, count: n, at: j) { return length }
            return 0
        }

        static let fieldAction: UInt8 = 1
        static let fieldResource: UInt8 = 2
        static let fieldPrincipal: UInt8 = 4
        static let fieldContext: UInt8 = 8

        /// Which request field these key bytes name, or 0.
        @inline(__always)
        static func field(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt8 {
            @inline(__always) func equals(_ s: StaticString) -> Bool {
                n == s.utf8CodeUnitCount && memcmp(p, s.utf8Start, n) == 0
            }
            switch n {
            case 6: return equals("action") ? fieldAction : 0
            case 8: return equals("resource") ? fieldResource : 0
            case 9: return equals("principal") ? fieldPrincipal : 0
            case 7: return equals("context") ? fieldContext : 0
            default: return 0
            }
        }

        // MARK: Fast path: the line

        /// Decides a line of the common shape straight from its bytes; returns where its line feed is
        /// (or `n`), or -1 to send it to the slow path (nothing has been written or counted then).
        /// A line feed can only end the line here: strings stop at control characters.
        mutating func fastDecide(line: Int, p: UnsafePointer<UInt8>, n: Int, from start: Int, out: inout ByteBuffer) -> Int {
            makeRoom()

            @inline(__always) func at(_ j: Int) -> UInt8 { j < n ? p[j] : 0 }

            var i = start
            guard at(i) == UInt8(ascii: "{") else { return -1 }
            var seen: UInt8 = 0
            var actionID: Int32 = -1
            var resource: String? = nil
            var principal: PrincipalRef? = nil
            swap(&lineKeys, &previousKeys)
            swap(&lineValueIDs, &previousValueIDs)
            previousCount = lineKeyCount
            lineKeyCount = 0
            i = Self.skipWhitespace(p, n, i + 1)
            if at(i) == UInt8(ascii: "}") {
                i += 1
            } else {
                members: while true {
                    i = Self.skipWhitespace(p, n, i)
                    guard at(i) == UInt8(ascii: "\"") else { return -1 }
                    let keyEnd = Self.scanString(p, n, i, ascii: true)
                    guard keyEnd > 0 else { return -1 }
                    let field = Self.field(p + i + 1, keyEnd - i - 1)
                    // Unknown and repeated fields are errors the slow path reports.
                    guard field != 0, seen & field == 0 else { return -1 }
                    seen |= field
                    i = Self.skipWhitespace(p, n, keyEnd + 1)
                    guard at(i) == UInt8(ascii: ":") else { return -1 }
                    i = Self.skipWhitespace(p, n, i + 1)
                    guard at(i) == UInt8(ascii: field == Self.fieldContext ? "{" : "\"") else { return -1 }
                    switch field {
                    case Self.fieldAction:
                        let end = Self.scanString(p, n, i, ascii: true)
                        guard end > 0 else { return -1 }
                        actionID = internAction(p + i + 1, end - i - 1)
                        guard actionID >= 0, actions[Int(actionID)].valid else { return -1 }
                        i = end + 1
                    case Self.fieldResource:
                        let end = Self.scanString(p, n, i, ascii: false)
                        guard end > 0 else { return -1 }
                        resource = resourceString(p + i + 1, end - i - 1)
                        i = end + 1
                    case Self.fieldPrincipal:
                        let end = Self.scanString(p, n, i, ascii: false)
                        guard end > 0 else { return -1 }
                        principal = PrincipalRef(parsing: String(decoding: UnsafeBufferPointer(start: p + i + 1, count: end - i - 1), as: UTF8.self))
                        i = end + 1
                    default:
                        i = scanContext(p, n, i)
                        guard i >= 0 else { return -1 }
                    }
                    i = Self.skipWhitespace(p, n, i)
                    if at(i) == UInt8(ascii: ",") {
                        i += 1
                        continue members
                    }
                    guard at(i) == UInt8(ascii: "}") else { return -1 }
                    i += 1
                    break members
                }
            }
            let lineEnd = Self.skipWhitespace(p, n, i)
            guard lineEnd == n || p[lineEnd] == 0x0A else { return -1 }
            // The parser's size limit applies to the line without its line end.
            var trimmed = lineEnd
            while trimmed > 0, p[trimmed - 1] == 0x0D { trimmed -= 1 }
            guard trimmed <= Self.maxLineBytes else { return -1 }

            if actionID < 0 {
                actionID = internDefaultAction()
                guard actionID >= 0 else { return -1 }
            }
            let action = actions[Int(actionID)]
            guard let (context, present) = buildContext(for: action) else { return -1 }
            let request = Request(action: action.name, resource: resource ?? defaultResource,
                                  context: context, principal: principal)
            let result = evaluator.decideWithProof(request)
            if result.decision == .allow { summary.allowed += 1 } else { summary.denied += 1 }
            let missing = missingKeys(action, present: action.keepsAllKeys ? nil : present, request)
            write(line: line, action: action, result, missing: missing, out: &out)
            return lineEnd
        }

        /// Clears full caches (between lines only: ids stay valid within a line).
        @inline(__always)
        mutating func makeRoom() {
            if actionTable.isNearlyFull(reserve: 1) {
                actionTable.removeAll()
                actions.removeAll(keepingCapacity: true)
                actionOutputs.removeAll(keepingCapacity: true)
                defaultActionID = -1
            }
            if keyTable.isNearlyFull(reserve: 64) {
                keyTable.removeAll()
                keyInfos.removeAll(keepingCapacity: true)
                resetContextTrie()
            }
            if valueTable.isNearlyFull(reserve: 64) {
                // (Entries of `values` are overwritten as ids are reused, not released all at once.)
                valueTable.removeAll()
                valueGeneration += 1
                resetContextTrie()
            }
            linesSinceTrieReset += 1
            if contextTrie.count >= contextTrie.limit - 64 {
                // Full soon after the last time: let fewer keys in.
                if linesSinceTrieReset < 1 << 16 { trieCardinality = max(4, trieCardinality / 2) }
                resetContextTrie()
            }
            if resourceTable.isNearlyFull(reserve: 1) {
                resourceTable.removeAll()
                resources.removeAll(keepingCapacity: true)
            }
        }

        /// Scans the `context` object whose `{` is at `start`, recording its entries in the line arrays;
        /// returns the index after its `}`, or -1 for the slow path.
        @inline(__always)
        mutating func scanContext(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) -> Int {
            @inline(__always) func at(_ j: Int) -> UInt8 { j < n ? p[j] : 0 }
            var i = Self.skipWhitespace(p, n, start + 1)
            if at(i) == UInt8(ascii: "}") { return i + 1 }
            while true {
                i = Self.skipWhitespace(p, n, i)
                guard at(i) == UInt8(ascii: "\"") else { return -1 }
                let keyEnd = Self.scanString(p, n, i, ascii: true)
                guard keyEnd > 0 else { return -1 }
                // Most lines carry the same keys in the same order as the line before.
                let position = lineKeyCount
                var keyID: Int32 = position < previousCount ? previousKeys[position] : -1
                if !keyTable.matches(keyID, p + i + 1, keyEnd - i - 1) {
                    keyID = internKey(p + i + 1, keyEnd - i - 1)
                    guard keyID >= 0 else { return -1 }
                }
                let predictedValue: Int32 = position < previousCount && previousKeys[position] == keyID ? previousValueIDs[position] : -1
                let info = keyInfos[Int(keyID)]
                guard info.isWellFormed else { return -1 }
                i = Self.skipWhitespace(p, n, keyEnd + 1)
                guard at(i) == UInt8(ascii: ":") else { return -1 }
                i = Self.skipWhitespace(p, n, i + 1)
                if at(i) == UInt8(ascii: "\"") {
                    let end = Self.scanString(p, n, i, ascii: false)
                    guard end > 0 else { return -1 }
                    let valueID = contextValueID(p + i + 1, end - i - 1, keyID, info, predicted: predictedValue)
                    if valueID == Self.invalidValue { return -1 }
                    let slot = noteLineEntry(keyID, valueID)
                    guard slot >= 0 else { return -1 }
                    if valueID < 0 {
                        guard let v = uncachedValue(p + i + 1, end - i - 1, info) else { return -1 }
                        // In place: the array is no longer shared once the line before has been decided.
                        if lineValues[slot].count == 1 { lineValues[slot][0] = v } else { lineValues[slot] = [v] }
                    }
                    i = end + 1
                } else if at(i) == UInt8(ascii: "[") {
                    var typed: [ContextValue] = []
                    i = Self.skipWhitespace(p, n, i + 1)
                    if at(i) == UInt8(ascii: "]") {
                        i += 1
                    } else {
                        while true {
                            i = Self.skipWhitespace(p, n, i)
                            guard at(i) == UInt8(ascii: "\"") else { return -1 }
                            let end = Self.scanString(p, n, i, ascii: false)
                            guard end > 0 else { return -1 }
                            let id = contextValueID(p + i + 1, end - i - 1, keyID, info, predicted: -1)
                            if id == Self.invalidValue { return -1 }
                            if id >= 0 {
                                typed.append(values[Int(id)][0])
                            } else {
                                guard let v = uncachedValue(p + i + 1, end - i - 1, info) else { return -1 }
                                typed.append(v)
                            }
                            i = Self.skipWhitespace(p, n, end + 1)
                            if at(i) == UInt8(ascii: ",") {
                                i += 1
                                continue
                            }
                            guard at(i) == UInt8(ascii: "]") else { return -1 }
                            i += 1
                            break
                        }
                    }
                    let slot = noteLineEntry(keyID, -1)
                    guard slot >= 0 else { return -1 }
                    lineValues[slot] = typed
                } else {
                    return -1
                }
                i = Self.skipWhitespace(p, n, i)
                if at(i) == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard at(i) == UInt8(ascii: "}") else { return -1 }
                return i + 1
            }
        }

        /// Records a context entry of this line and returns its slot in the line arrays, or -1 when the
        /// line already had its key (a duplicate key). The caller fills `lineValues[slot]` when the value
        /// is not cached (`valueID` < 0).
        @inline(__always)
        mutating func noteLineEntry(_ keyID: Int32, _ valueID: Int32) -> Int {
            var k = 0
            while k < lineKeyCount {
                if lineKeys[k] == keyID { return -1 }
                k += 1
            }
            let slot = lineKeyCount
            guard slot < Self.maxLineEntries else { return -1 }
            lineKeys[slot] = keyID
            lineValueIDs[slot] = valueID
            if slot >= lineValues.count { lineValues.append([]) }
            lineKeyCount += 1
            return slot
        }

        // MARK: Fast path: the request

        /// The line's request context and which keys it carries (folded-key bits), or nil for the slow path.
        ///
        /// Only the keys the action's statements test go in: the others cannot change the decision or
        /// the missing keys. Low-cardinality entries come from the context trie, the others are added to
        /// a copy of the node's context. The order of a context's entries does not matter once each key
        /// appears once, so a line that spells one key twice (which merges its values in line order)
        /// goes to the slow path, as does a line with a key that has no bit.
        @inline(__always)
        mutating func buildContext(for action: ActionInfo) -> (RequestContext, UInt64)? {
            var node: Int32 = 0
            var carried: UInt64 = 0
            var present: UInt64 = 0
            var hasCurrentTime = false
            var directCount = 0
            var k = 0
            while k < lineKeyCount {
                let keyID = Int(lineKeys[k])
                let info = keyInfos[keyID]
                guard info.bit >= 0 else { return nil }
                let bit: UInt64 = 1 << UInt64(info.bit)
                guard carried & bit == 0 else { return nil }
                carried |= bit
                if info.isCurrentTime { hasCurrentTime = true }
                if action.keepsAllKeys || action.referenced & bit != 0 {
                    present |= bit
                    let valueID = lineValueIDs[k]
                    var child: Int32 = -1
                    if valueID >= 0, isTrieKey(keyID) {
                        child = step(node, UInt64(UInt32(keyID)) << 16 | UInt64(UInt32(valueID)), info.prepared, values[Int(valueID)])
                    }
                    if child >= 0 {
                        node = child
                    } else {
                        lineDirect[directCount] = k
                        directCount += 1
                    }
                }
                k += 1
            }
            var context: RequestContext
            if !hasCurrentTime && (action.keepsAllKeys || action.referencesCurrentTime) {
                let child = step(node, 0xFFFF_FFFF, currentTimeKey, nowValues)
                if child >= 0 {
                    context = contextNodes[Int(child)]
                } else {
                    context = contextNodes[Int(node)]
                    context.add(currentTimeKey, values: nowValues)
                }
            } else {
                context = contextNodes[Int(node)]
            }
            var d = 0
            while d < directCount {
                let k = lineDirect[d]
                let valueID = lineValueIDs[k]
                let info = keyInfos[Int(lineKeys[k])]
                withExtendedLifetime(info) {
                    context.add(info.prepared, values: valueID >= 0 ? values[Int(valueID)] : lineValues[k])
                }
                d += 1
            }
            return (context, present)
        }

        /// Whether a key's entries go through the context trie: those of keys with few distinct values
        /// (the trie would otherwise fill up with paths used once).
        @inline(__always)
        func isTrieKey(_ keyID: Int) -> Bool {
            let stats = keyStats + keyID
            return stats.pointee.generation != valueGeneration || stats.pointee.distinct <= trieCardinality
        }

        /// Frees what the worker allocated by hand.
        func free() {
            keyStats.deallocate()
            lineKeys.deallocate()
            lineValueIDs.deallocate()
            previousKeys.deallocate()
            previousValueIDs.deallocate()
            lineDirect.deallocate()
        }

        /// The trie node for `node`'s context plus one entry (made if new), or -1 when the trie is full.
        @inline(__always)
        mutating func step(_ node: Int32, _ entry: UInt64, _ key: PreparedKey, _ typed: [ContextValue]) -> Int32 {
            let trieKey = UInt64(UInt32(node)) << 32 ^ entry
            let child = contextTrie.get(trieKey)
            if child >= 0 { return child }
            let id = Int32(contextNodes.count)
            guard contextTrie.insert(trieKey, id) else { return -1 }
            var context = contextNodes[Int(node)]
            context.add(key, values: typed)
            contextNodes.append(context)
            return id
        }

        mutating func resetContextTrie() {
            linesSinceTrieReset = 0
            contextTrie.removeAll()
            contextNodes.removeSubrange(1...)
        }

        // MARK: Fast path: caches

        @inline(__always)
        mutating func internAction(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
            var inserted = false
            let id = actionTable.intern(p, n, inserted: &inserted)
            if inserted {
                let name = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
                // The keys that can matter for the action are exactly those its matching statements
                // reference: the missing keys of a request with an empty context.
                var referenced: UInt64 = 0
                var keepsAllKeys = false
                var referencesCurrentTime = false
                for key in evaluator.missingKeys(Request(action: name)) {
                    let folded = PreparedKey(key).folded
                    if folded == "acs:currenttime" { referencesCurrentTime = true }
                    let bit = foldedBit(folded)
                    if bit < 0 { keepsAllKeys = true } else { referenced |= 1 << UInt64(bit) }
                }
                actions.append(ActionInfo(id: id, name: name, valid: ActionName.isWellFormed(name) && name != "*",
                                          referenced: referenced, keepsAllKeys: keepsAllKeys,
                                          referencesCurrentTime: referencesCurrentTime))
                actionOutputs.append(ActionOutputs())
            }
            return id
        }

        /// `--action`, for requests that name none (taken as given, like the slow path does).
        mutating func internDefaultAction() -> Int32 {
            if defaultActionID >= 0 { return defaultActionID }
            var name = runner.defaultAction
            let id = name.withUTF8 { b -> Int32 in
                guard let base = b.baseAddress else { return -1 }
                return internAction(base, b.count)
            }
            defaultActionID = id
            return id
        }

        /// The bit of a folded key (the first 64 distinct ones get one), or -1.
        mutating func foldedBit(_ folded: String) -> Int8 {
            if let b = foldedBits[folded] { return b }
            guard foldedBits.count < 64 else { return -1 }
            let b = Int8(foldedBits.count)
            foldedBits[folded] = b
            return b
        }

        @inline(__always)
        mutating func internKey(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
            var inserted = false
            let id = keyTable.intern(p, n, inserted: &inserted)
            if inserted {
                let key = PreparedKey(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
                keyInfos.append(KeyInfo(prepared: key, bit: foldedBit(key.folded)))
                (keyStats + Int(id)).initialize(to: KeyStats())
            }
            return id
        }

        static let invalidValue: Int32 = -2

        /// The id of the cached, parsed value of these bytes; -1 when it is not cached (see
        /// ``uncachedValue(_:_:_:)``), ``invalidValue`` when it is not a valid value of the key (a
        /// documented global key's type).
        @inline(__always)
        mutating func contextValueID(_ p: UnsafePointer<UInt8>, _ n: Int, _ keyID: Int32, _ key: KeyInfo,
                                     predicted: Int32) -> Int32 {
            let stats = keyStats + Int(keyID)
            if stats.pointee.isVolatile { return -1 }
            var id = predicted
            if !valueTable.matches(id, p, n) {
                var inserted = false
                id = valueTable.intern(p, n, inserted: &inserted)
                if id < 0 { return -1 }
                if inserted {
                    let value = [ContextValue(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))]
                    if Int(id) < values.count {
                        values[Int(id)] = value
                        valueChecks[Int(id)] = 0
                    } else {
                        values.append(value)
                        valueChecks.append(0)
                    }
                    stats.pointee.misses += 1
                    if stats.pointee.generation != valueGeneration {
                        stats.pointee.generation = valueGeneration
                        stats.pointee.distinct = 0
                    }
                    stats.pointee.distinct += 1
                }
            }
            // A key whose values mostly miss (a source IP per client) stops using the cache.
            stats.pointee.lookups += 1
            if stats.pointee.lookups == 1024 {
                stats.pointee.isVolatile = stats.pointee.misses > 512
                stats.pointee.lookups = 0
                stats.pointee.misses = 0
            }
            if let global = key.global {
                // problem(with:) depends on the key's value type only: check each value once per type.
                let known = UInt8(1) << UInt8(2 * key.typeIndex)
                var checks = valueChecks[Int(id)]
                if checks & known == 0 {
                    checks |= known | (global.problem(with: values[Int(id)][0]) == nil ? known << 1 : 0)
                    valueChecks[Int(id)] = checks
                }
                if checks & (known << 1) == 0 { return Self.invalidValue }
            }
            return id
        }

        /// The parsed value of these bytes, or nil when it is not a valid value of the key.
        @inline(__always)
        func uncachedValue(_ p: UnsafePointer<UInt8>, _ n: Int, _ key: KeyInfo) -> ContextValue? {
            let value = ContextValue(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
            if let global = key.global, global.problem(with: value) != nil { return nil }
            return value
        }

        @inline(__always)
        mutating func resourceString(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
            if n == 1 && p[0] == UInt8(ascii: "*") { return Self.star }
            var inserted = false
            let id = resourceTable.intern(p, n, inserted: &inserted)
            if id < 0 { return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
            if inserted { resources.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) }
            return resources[Int(id)]
        }

        // MARK: Fast path: output

        /// The id of the request's `missingKeys` list (and the list): it depends only on the action and
        /// on which of its referenced keys the request carries, so it is computed once per such key set.
        @inline(__always)
        mutating func missingKeys(_ action: ActionInfo, present: UInt64?, _ request: Request) -> (id: Int32, keys: [String]) {
            let a = Int(action.id)
            if let present {
                let found: Int32 = actionOutputs[a].missing.withUnsafeBufferPointer { missing in
                    for m in missing where m.mask == present { return m.id }
                    return -1
                }
                if found >= 0 { return (found, missingLists[Int(found)]) }
            }
            let list = evaluator.missingKeys(request)
            var id: Int32 = -1
            if let known = missingIDs[list] {
                id = known
            } else if missingLists.count < 4096 {
                id = Int32(missingLists.count)
                missingLists.append(list)
                missingIDs[list] = id
            }
            if let present, id >= 0, actionOutputs[a].missing.count < 64 { actionOutputs[a].missing.append((present, id)) }
            return (id, list)
        }

        /// Writes `{"line":N` and the rest of the line, rendered once per action and outcome.
        @inline(__always)
        mutating func write(line: Int, action: ActionInfo, _ result: QuickDecision, missing: (id: Int32, keys: [String]),
                            out: inout ByteBuffer) {
            out.append("{\"line\":")
            out.appendDecimal(line)
            // The outcome in two words: decision, denying layer and missing keys; then the proof.
            var cacheable = missing.id >= 0 && result.proof.count <= 4
            var proof = UInt64(result.proof.count)
            var shift: UInt64 = 3
            for ref in result.proof {
                guard ref.index >= 0 && ref.index < 1 << 13 else {
                    cacheable = false
                    break
                }
                proof |= (UInt64(Self.code(ref.layer)) | UInt64(ref.index) << 2) << shift
                shift += 15
            }
            let decision: UInt64 = result.decision == .allow ? 0 : result.decision == .explicitDeny ? 1 : 2
            let deniedBy: UInt64 = result.deniedBy.map { UInt64(Self.code($0)) + 1 } ?? 0
            let outcome = decision | deniedBy << 2 | UInt64(UInt32(bitPattern: missing.id)) << 8
            let a = Int(action.id)
            if cacheable {
                let found: Bool = actionOutputs[a].variants.withUnsafeBufferPointer { variants in
                    for v in variants where v.proof == proof && v.outcome == outcome {
                        out.append(v.bytes)
                        return true
                    }
                    return false
                }
                if found { return }
            }
            let bytes = suffix(action: action.name, result, missing: missing.keys)
            out.append(bytes)
            if cacheable && actionOutputs[a].variants.count < 64 {
                actionOutputs[a].variants.append(Variant(proof: proof, outcome: outcome, bytes: bytes))
            }
        }

        @inline(__always)
        static func code(_ layer: PolicyLayer) -> UInt8 {
            switch layer {
            case .control: 0
            case .session: 1
            case .identity: 2
            case .trust: 3
            }
        }

        /// Everything after `{"line":N`, byte for byte what ``JSONLineWriter`` writes.
        func suffix(action: String, _ result: QuickDecision, missing: [String]) -> [UInt8] {
            var b: [UInt8] = []
            b.reserveCapacity(256)
            func raw(_ s: StaticString) { b.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
            func string(_ s: String) { JSONLineWriter.appendEscaped(s, to: &b) }
            func int(_ v: Int) { b.append(contentsOf: String(v).utf8) }
            raw(",\"action\":")
            string(action)
            raw(",\"decision\":")
            string(result.decision.rawValue)
            if let layer = result.deniedBy {
                raw(",\"deniedBy\":")
                string(layer.rawValue)
            }
            raw(",\"statements\":[")
            var first = true
            for ref in result.proof {
                guard let m = evaluator.authorizer.match(for: ref) else { continue }
                if !first { raw(",") }
                first = false
                raw("{\"layer\":")
                string(ref.layer.rawValue)
                raw(",\"file\":")
                string(m.file)
                raw(",\"index\":")
                int(m.statement.index)
                raw(",\"line\":")
                int(m.statement.span.start.line)
                raw(",\"column\":")
                int(m.statement.span.start.column)
                raw(",\"effect\":")
                string(m.statement.effect.rawValue)
                raw("}")
            }
            raw("]")
            if !missing.isEmpty {
                raw(",\"missingKeys\":[")
                for (k, key) in missing.enumerated() {
                    if k > 0 { raw(",") }
                    string(key)
                }
                raw("]")
            }
            raw("}\n")
            return b
        }

        // MARK: Slow path

        /// The located-parser path: precise errors for bad lines, and decisions for unusual valid ones.
        mutating func slowDecide(line: Int, bytes: UnsafeBufferPointer<UInt8>, out: inout ByteBuffer) {
            slowWriter.reset()
            defer { out.append(slowWriter.bytes) }
            let request: Request
            switch parseRequest(bytes) {
            case .success(let r): request = r
            case .failure(let e):
                summary.invalid += 1
                slowWriter.beginObject()
                slowWriter.key("line"); slowWriter.int(line)
                slowWriter.key("decision"); slowWriter.string("Invalid")
                slowWriter.key("error")
                slowWriter.beginObject()
                slowWriter.key("message"); slowWriter.string(e.message)
                slowWriter.key("line"); slowWriter.int(line)
                slowWriter.key("column"); slowWriter.int(e.location.column)
                slowWriter.endObject()
                slowWriter.endObject()
                slowWriter.newline()
                return
            }
            let result = evaluator.decideWithProof(request)
            if result.decision == .allow { summary.allowed += 1 } else { summary.denied += 1 }
            slowWriter.beginObject()
            slowWriter.key("line"); slowWriter.int(line)
            slowWriter.key("action"); slowWriter.string(request.action)
            slowWriter.key("decision"); slowWriter.string(result.decision.rawValue)
            if let layer = result.deniedBy {
                slowWriter.key("deniedBy"); slowWriter.string(layer.rawValue)
            }
            slowWriter.key("statements")
            slowWriter.beginArray()
            for ref in result.proof {
                guard let m = evaluator.authorizer.match(for: ref) else { continue }
                slowWriter.beginObject()
                slowWriter.key("layer"); slowWriter.string(ref.layer.rawValue)
                slowWriter.key("file"); slowWriter.string(m.file)
                slowWriter.key("index"); slowWriter.int(m.statement.index)
                slowWriter.key("line"); slowWriter.int(m.statement.span.start.line)
                slowWriter.key("column"); slowWriter.int(m.statement.span.start.column)
                slowWriter.key("effect"); slowWriter.string(m.statement.effect.rawValue)
                slowWriter.endObject()
            }
            slowWriter.endArray()
            let missing = evaluator.missingKeys(request)
            if !missing.isEmpty {
                slowWriter.key("missingKeys")
                slowWriter.beginArray()
                for k in missing { slowWriter.string(k) }
                slowWriter.endArray()
            }
            slowWriter.endObject()
            slowWriter.newline()
        }

        mutating func prepared(_ key: String) -> PreparedKey {
            if let k = keys[key] { return k }
            let k = PreparedKey(key)
            if keys.count < 10_000 { keys[key] = k }
            return k
        }

        mutating func parseRequest(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Request, JSONSyntaxError> {
            let parsed = parser.parse(bytes: bytes)
            if let error = parsed.error { return .failure(error) }
            if let d = parsed.duplicateKeys.first {
                return .failure(JSONSyntaxError(message: "duplicate key \"\(d.key)\"", location: d.span.start))
            }
            guard let value = parsed.value, case .object(let members) = value.kind else {
                return .failure(JSONSyntaxError(message: "a request must be a JSON object {\"action\":…,\"resource\":…,\"context\":{…}}", location: .start))
            }
            var request = Request(action: runner.defaultAction, resource: runner.defaultResource)
            for m in members {
                switch m.key {
                case "action":
                    guard let s = m.value.stringValue, ActionName.isWellFormed(s), s != "*" else {
                        return .failure(JSONSyntaxError(message: "\"action\" must be a string <service-code>:<ActionName>", location: m.value.span.start))
                    }
                    request.action = s
                case "resource":
                    guard let s = m.value.stringValue else {
                        return .failure(JSONSyntaxError(message: "\"resource\" must be a string", location: m.value.span.start))
                    }
                    request.resource = s
                case "principal":
                    guard let s = m.value.stringValue else {
                        return .failure(JSONSyntaxError(message: "\"principal\" must be a string", location: m.value.span.start))
                    }
                    request.principal = PrincipalRef(parsing: s)
                case "context":
                    guard case .object(let keys) = m.value.kind else {
                        return .failure(JSONSyntaxError(message: "\"context\" must be an object of key → value or [values]", location: m.value.span.start))
                    }
                    for k in keys {
                        let key = prepared(k.key)
                        guard key.isWellFormed else {
                            return .failure(JSONSyntaxError(message: "\"\(k.key)\" is not a condition key; write <service-code>:<key>, for example acs:SourceIp", location: k.keySpan.start))
                        }
                        var values: [ContextValue] = []
                        switch k.value.kind {
                        case .string(let s): values = [ContextValue(s)]
                        case .array(let items):
                            for item in items {
                                guard let s = item.stringValue else {
                                    return .failure(JSONSyntaxError(message: "context values must be strings", location: item.span.start))
                                }
                                values.append(ContextValue(s))
                            }
                        default:
                            return .failure(JSONSyntaxError(message: "context value of \"\(k.key)\" must be a string or an array of strings", location: k.value.span.start))
                        }
                        if let global = key.global {
                            for v in values {
                                if let problem = global.problem(with: v) {
                                    return .failure(JSONSyntaxError(message: "context key \"\(k.key)\": \"\(v.text)\" is not valid: \(problem)", location: k.value.span.start))
                                }
                            }
                        }
                        request.context.add(key, values: values)
                    }
                default:
                    return .failure(JSONSyntaxError(message: "unknown field \"\(m.key)\"; a request has action, resource, context and principal", location: m.keySpan.start))
                }
            }
            if request.context.entry(folded: "acs:currenttime") == nil {
                request.context.add(currentTimeKey, values: nowValues)
            }
            return .success(request)
        }
    }
}
