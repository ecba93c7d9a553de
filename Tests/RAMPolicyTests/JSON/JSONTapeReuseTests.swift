@testable import RAMPolicy
import Testing

/// A thread's tape node buffer serves its parses one after another (``JSONTape/takeStorage()``): what a
/// parse reads must never depend on what an earlier document left in the buffer.
struct JSONTapeReuseTests {
    /// Every node of the tree, with its span, in document order.
    func dump(_ v: JSONValue) -> String {
        let span = "\(v.span.start.offset):\(v.span.start.line):\(v.span.start.column)-\(v.span.end.offset):\(v.span.end.line):\(v.span.end.column)"
        switch v.kind {
        case .object(let members):
            return "{\(span) " + members.map { "\($0.key)@\($0.keySpan)=\(dump($0.value))" }.joined(separator: ",") + "}"
        case .array(let elements): return "[\(span) " + elements.map(dump).joined(separator: ",") + "]"
        case .string(let s): return "s\(span)\(s)"
        case .number(let n): return "n\(span)\(n)"
        case .bool(let b): return "b\(span)\(b)"
        case .null: return "null\(span)"
        }
    }

    /// The tree of `text` parsed into `storage`'s buffer.
    func parse(_ text: String, into storage: JSONTape.Storage) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            let (tape, error, _) = JSONParser().parseTape(bytes: bytes, reusing: storage)
            #expect(tape.storage === storage)
            guard error == nil else { return nil }
            return tape.withView(bytes: bytes) { dump(JSONValue(TapeValue(tape: $0, index: 0))) }
        }
    }

    @Test func aReusedBufferGivesTheTreeAFreshOneGives() throws {
        let big = #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["a:B","c:D","e:F"],"Resource":"*","Condition":{"Bool":{"acs:MFAPresent":"true"}}},{"Effect":"Deny","NotAction":"x:*","Resource":["acs:oss:*:*:b/*",1,2.5,true,null,{}]}]}"#
        let small = "{\"k\": [\"v\", {\"w\": false}],\n \"é\": \"\\u00e9\"}"
        let storage = JSONTape.Storage(capacity: 16)
        for text in [big, small, big, "[]", small, "{\"a\":", small] {
            var copy = text
            let fresh = copy.withUTF8 { bytes in
                let (tape, error, _) = JSONParser().parseTape(bytes: bytes)
                return error == nil ? tape.withView(bytes: bytes) { dump(JSONValue(TapeValue(tape: $0, index: 0))) } : nil
            }
            #expect(parse(text, into: storage) == fresh, "\(text)")
        }
        // The small buffer grew to hold the big document, and kept its size for the smaller ones.
        #expect(storage.capacity >= 32)
    }

    @Test func aBufferTooSmallForTheDocumentIsReplacedNotGrownNodeByNode() {
        let storage = JSONTape.Storage(capacity: 16)
        let old = storage.base
        let text = "[" + Array(repeating: "1", count: 400).joined(separator: ",") + "]"
        var copy = text
        copy.withUTF8 { bytes in
            let tape = JSONTape(capacity: bytes.count / 8, reusing: storage)
            #expect(tape.storage === storage)
            #expect(storage.capacity == max(16, bytes.count / 8))
        }
        #expect(storage.base != old)
        // A large enough buffer is used as it is.
        let kept = storage.base
        let tape = JSONTape(capacity: 20, reusing: storage)
        #expect(tape.storage.base == kept)
    }

    @Test func theThreadKeepsItsBufferUnlessItIsTooLarge() {
        let before = JSONTape.takeStorage()
        defer { if let before { JSONTape.putStorage(before) } }
        let storage = JSONTape.Storage(capacity: 64)
        JSONTape.putStorage(storage)
        let taken = JSONTape.takeStorage()
        #expect(taken === storage)
        // Taken means moved out: a nested parse on the thread starts its own.
        #expect(JSONTape.takeStorage() == nil)
        JSONTape.putStorage(JSONTape.Storage(capacity: JSONTape.maxKeptNodes + 1))
        #expect(JSONTape.takeStorage() == nil)
    }

    /// Validation takes the thread's buffer and gives it back.
    @Test func validationReturnsTheBufferToTheThread() {
        let before = JSONTape.takeStorage()
        defer { if let before { JSONTape.putStorage(before) } }
        let storage = JSONTape.Storage(capacity: 64)
        JSONTape.putStorage(storage)
        let result = PolicyValidator().validate(PolicySource(name: "p.json", text: #"{"Version":"1","Statement":[{"Effect":"Allow","Action":"a:B","Resource":"*"}]}"#))
        #expect(result.policy != nil)
        #expect(JSONTape.takeStorage() === storage)
    }
}
