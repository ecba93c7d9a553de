import Dispatch
import Foundation
import RAMPolicy
import Reporting

/// Batch simulation: one JSON request per input line, one JSON decision per output line, in order.
///
/// Policies are compiled once; lines are decided in blocks spread over the machine's cores, each
/// worker with its own ``Evaluator`` (per-action plan cache), and blocks are written in input order.
public struct BatchRunner: Sendable {
    /// Totals for the exit code: 0 when every request is allowed, 1 when any is denied, 2 when any line is invalid.
    public struct Summary: Sendable, Hashable {
        public var requests = 0
        public var allowed = 0
        public var denied = 0
        public var invalid = 0

        mutating func merge(_ o: Summary) {
            requests += o.requests
            allowed += o.allowed
            denied += o.denied
            invalid += o.invalid
        }
    }

    public var authorizer: Authorizer
    public var defaultAction: String
    public var defaultResource: String
    /// Value for `acs:CurrentTime` when a request does not carry it.
    public var now: String {
        didSet { nowValue = ContextValue(now) }
    }
    var nowValue: ContextValue
    public var workers: Int
    public var blockLines: Int

    public init(authorizer: Authorizer, defaultAction: String = "vod:SubmitWorkflowJob", defaultResource: String = "*",
                now: String, workers: Int = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)), blockLines: Int = 32_768) {
        self.authorizer = authorizer
        self.defaultAction = defaultAction
        self.defaultResource = defaultResource
        self.now = now
        self.nowValue = ContextValue(now)
        self.workers = workers
        self.blockLines = blockLines
    }

    /// Decides every line of `input` and hands output chunks to `write` in input order.
    public func run(input: [UInt8], write: ([UInt8]) -> Void) -> Summary {
        var summary = Summary()
        // Line boundaries (start offsets); the last line may lack a newline.
        var starts: [Int] = [0]
        input.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count where buf[i] == 0x0A && i + 1 < buf.count { starts.append(i + 1) }
        }
        if input.isEmpty { starts = [] }
        var blockStart = 0
        while blockStart < starts.count {
            let blockEnd = min(starts.count, blockStart + blockLines)
            let parts = workers
            let per = (blockEnd - blockStart + parts - 1) / parts
            var outputs = [[UInt8]](repeating: [], count: parts)
            var summaries = [Summary](repeating: Summary(), count: parts)
            let lineStarts = starts
            let first = blockStart
            outputs.withUnsafeMutableBufferPointer { outs in
                summaries.withUnsafeMutableBufferPointer { sums in
                    input.withUnsafeBufferPointer { inputBuffer in
                        // Each worker reads the shared input and writes only its own slot.
                        let o = DisjointSlots(outs)
                        let s = DisjointSlots(sums)
                        let buf = DisjointSlots(UnsafeMutableBufferPointer(mutating: inputBuffer))
                        let starts = lineStarts
                        let blockStart = first
                        DispatchQueue.concurrentPerform(iterations: parts) { part in
                            let lo = blockStart + part * per
                            let hi = min(blockEnd, lo + per)
                            guard lo < hi else { return }
                            var worker = Worker(runner: self)
                            for li in lo..<hi {
                                let begin = starts[li]
                                var end = li + 1 < starts.count ? starts[li + 1] : buf.buffer.count
                                while end > begin, buf.buffer[end - 1] == 0x0A || buf.buffer[end - 1] == 0x0D { end -= 1 }
                                worker.decide(line: li + 1, bytes: UnsafeBufferPointer(rebasing: buf.buffer[begin..<end]))
                            }
                            o.buffer[part] = worker.writer.bytes
                            s.buffer[part] = worker.summary
                        }
                    }
                }
            }
            for p in 0..<parts {
                if !outputs[p].isEmpty { write(outputs[p]) }
                summary.merge(summaries[p])
            }
            blockStart = blockEnd
        }
        return summary
    }

    /// One thread's state: its evaluator cache and output buffer.
    struct Worker {
        let runner: BatchRunner
        let evaluator: Evaluator
        var writer = JSONLineWriter(reserving: 1 << 20)
        var summary = Summary()
        let parser = JSONParser(limits: JSONParserLimits(maxDepth: 8, maxBytes: 1 << 20))
        /// Context keys repeat on every line: fold, hash and classify each once.
        var keys: [String: PreparedKey] = [:]

        init(runner: BatchRunner) {
            self.runner = runner
            evaluator = Evaluator(runner.authorizer)
        }

        mutating func decide(line: Int, bytes: UnsafeBufferPointer<UInt8>) {
            // Blank lines are not requests.
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            summary.requests += 1
            let request: Request
            switch parseRequest(bytes) {
            case .success(let r): request = r
            case .failure(let e):
                summary.invalid += 1
                writer.beginObject()
                writer.key("line"); writer.int(line)
                writer.key("decision"); writer.string("Invalid")
                writer.key("error")
                writer.beginObject()
                writer.key("message"); writer.string(e.message)
                writer.key("line"); writer.int(line)
                writer.key("column"); writer.int(e.location.column)
                writer.endObject()
                writer.endObject()
                writer.newline()
                return
            }
            let result = evaluator.decideWithProof(request)
            if result.decision == .allow { summary.allowed += 1 } else { summary.denied += 1 }
            writer.beginObject()
            writer.key("line"); writer.int(line)
            writer.key("action"); writer.string(request.action)
            writer.key("decision"); writer.string(result.decision.rawValue)
            if let layer = result.deniedBy {
                writer.key("deniedBy"); writer.string(layer.rawValue)
            }
            writer.key("statements")
            writer.beginArray()
            for ref in result.proof {
                guard let m = evaluator.authorizer.match(for: ref) else { continue }
                writer.beginObject()
                writer.key("layer"); writer.string(ref.layer.rawValue)
                writer.key("file"); writer.string(m.file)
                writer.key("index"); writer.int(m.statement.index)
                writer.key("line"); writer.int(m.statement.span.start.line)
                writer.key("column"); writer.int(m.statement.span.start.column)
                writer.key("effect"); writer.string(m.statement.effect.rawValue)
                writer.endObject()
            }
            writer.endArray()
            let missing = evaluator.missingKeys(request)
            if !missing.isEmpty {
                writer.key("missingKeys")
                writer.beginArray()
                for k in missing { writer.string(k) }
                writer.endArray()
            }
            writer.endObject()
            writer.newline()
        }

        let currentTimeKey = PreparedKey("acs:CurrentTime")

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
                request.context.add(currentTimeKey, values: [runner.nowValue])
            }
            return .success(request)
        }
    }
}

/// A buffer shared by `concurrentPerform` workers that each touch only their own, disjoint elements
/// (or only read), which is what makes sending it across threads sound.
struct DisjointSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>

    init(_ buffer: UnsafeMutableBufferPointer<T>) {
        self.buffer = buffer
    }
}
