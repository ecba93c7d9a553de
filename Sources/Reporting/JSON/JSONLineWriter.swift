/// A minimal, allocation-light JSON writer for one-object-per-line output (batch simulation).
///
/// `JSONEncoder` is built for documents; the batch path writes a million small objects per second,
/// so it appends escaped bytes straight into a reusable buffer.
public struct JSONLineWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// For each open container: has it received an element yet?
    private var started: [Bool] = []
    private var afterKey = false

    public init(reserving capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        started.removeAll(keepingCapacity: true)
        afterKey = false
    }

    /// Writes the comma an element needs, unless it is the value of a key just written.
    private mutating func element() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = started.last {
            if last { bytes.append(UInt8(ascii: ",")) } else { started[started.count - 1] = true }
        }
    }

    public mutating func beginObject() {
        element()
        bytes.append(UInt8(ascii: "{"))
        started.append(false)
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        started.removeLast()
    }

    public mutating func beginArray() {
        element()
        bytes.append(UInt8(ascii: "["))
        started.append(false)
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        started.removeLast()
    }

    public mutating func key(_ k: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ s: String) {
        element()
        Self.appendEscaped(s, to: &bytes)
    }

    public mutating func int(_ v: Int) {
        element()
        bytes.append(contentsOf: String(v).utf8)
    }

    public mutating func bool(_ v: Bool) {
        element()
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    public mutating func null() {
        element()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func newline() {
        bytes.append(0x0A)
    }

    /// Appends `s` as a JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
    public static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
