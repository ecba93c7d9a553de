/// The top-level text fields of a response body, looked up case-insensitively — ``ResponseFields`` with a
/// fast path for the body every `SubmitWorkflowJob` success has.
///
/// A success answer is a flat JSON object of plain strings (`{"RequestId":"…","TaskId":"…"}`). Such a body
/// is read here byte by byte; anything else — whitespace, escapes, non-ASCII, numbers, nested objects,
/// XML, a key given twice in any case, more than 4 KiB — goes to ``ResponseFields`` (Foundation's JSON
/// parser or the safe XML reader), so the answers are the same either way (a test compares them). Reading
/// a success body through `JSONSerialization` twice per call (accept it, then take its TaskId) was an
/// eighth of the client's CPU per submission.
public struct ResponseBodyFields: Sendable {
    private enum Storage: Sendable {
        /// Lowercased key → value.
        case flat([(key: String, value: String)])
        case parsed(ResponseFields)
    }

    private let storage: Storage

    /// Reads `body`; `nil` when it is neither a JSON object nor well-formed XML.
    public init?(body: [UInt8]) {
        if let flat = Self.flatObject(body) {
            storage = .flat(flat)
        } else if let parsed = ResponseFields(body: body) {
            storage = .parsed(parsed)
        } else {
            return nil
        }
    }

    /// The text of field `name` (any case).
    public func value(_ name: String) -> String? {
        switch storage {
        case .flat(let pairs):
            let lowered = HeaderName.lowercased(name)
            return pairs.first { $0.key == lowered }?.value
        case .parsed(let fields):
            return fields.value(name)
        }
    }

    /// `{"k":"v",…}` with keys and values of printable ASCII other than `"` and `\`, nothing else (no
    /// whitespace), each key once (ignoring case); otherwise `nil`.
    static func flatObject(_ body: [UInt8]) -> [(key: String, value: String)]? {
        guard body.count >= 2, body.count <= 4096, body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") else { return nil }
        return body.withUnsafeBufferPointer { bytes -> [(key: String, value: String)]? in
            var pairs: [(key: String, value: String)] = []
            var index = 1
            let end = bytes.count - 1
            if index == end { return pairs }
            func string() -> String? {
                guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
                let start = index + 1
                var cursor = start
                while cursor < end, bytes[cursor] != UInt8(ascii: "\"") {
                    let byte = bytes[cursor]
                    guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                    cursor += 1
                }
                guard cursor < end else { return nil }
                index = cursor + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
            }
            while true {
                guard let key = string(), index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = string() else { return nil }
                let lowered = HeaderName.lowercased(key)
                guard !pairs.contains(where: { $0.key == lowered }) else { return nil }
                pairs.append((lowered, value))
                if index == end { return pairs }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
    }
}
