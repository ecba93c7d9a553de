/// RFC 3986 percent-encoding as Alibaba Cloud's gateway canonicalizes it.
///
/// Both signature schemes hash an encoded form of every name and value, so a single byte encoded
/// differently from the gateway (a `+` for a space, lowercase hex, an escaped `~`) turns into a
/// `SignatureDoesNotMatch`. Only `A-Z a-z 0-9 - _ . ~` stay literal; every other UTF-8 byte becomes
/// `%XY` with uppercase hex, so a space is `%20` and `*` is `%2A`.
public enum PercentEncoding: Sendable {
    /// Encodes every byte of `string`'s UTF-8 form except the RFC 3986 unreserved set.
    public static func encode(_ string: String) -> String {
        var string = string
        // Most names and values (action names, IDs, hex nonces) need no escape: keep the string itself.
        if string.withUTF8({ $0.allSatisfy(isUnreserved) }) { return string }
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 16)
        append(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the encoded form of `string` to `output` (the canonical and wire queries are built as
    /// bytes, then made a string once).
    static func append(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            for byte in bytes {
                if isUnreserved(byte) {
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "%"))
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
        }
    }

    /// `name=value` pairs, each side encoded, joined by `&`, in the given order.
    static func encodedPairs(_ parameters: [SignableRequest.Parameter]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(parameters.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 } + 32)
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            append(parameter.name, to: &output)
            output.append(UInt8(ascii: "="))
            append(parameter.value, to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes a URL path: each segment as ``encode(_:)`` does, keeping the `/` separators.
    public static func encodePath(_ path: String) -> String {
        if path == "/" { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(String($0)) }
            .joined(separator: "/")
    }

    /// Decodes `%XY` escapes (and, for form data, `+` as a space) back to a string.
    ///
    /// Received requests need this because SDKs disagree on the wire form: the legacy core SDK sends a
    /// space as `%20`, the current tea SDK as `+`, and the gateway accepts both.
    ///
    /// - Parameter plusAsSpace: `true` for `application/x-www-form-urlencoded` data (query strings,
    ///   form bodies), `false` for paths, where `+` is literal.
    /// - Throws: ``PercentDecodingError`` for a truncated or non-hex escape, or bytes that are not UTF-8.
    public static func decode(_ string: String, plusAsSpace: Bool) throws(PercentDecodingError) -> String {
        let bytes = Array(string.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else {
                    throw PercentDecodingError(offset: index, reason: .badEscape)
                }
                output.append(high << 4 | low)
                index += 3
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        guard let decoded = String(validating: output, as: UTF8.self) else {
            throw PercentDecodingError(offset: nil, reason: .notUTF8)
        }
        return decoded
    }

    /// Splits an `application/x-www-form-urlencoded` string (a raw query or form body) into ordered
    /// name/value pairs, keeping empty values (`SignatureType=` is signed by the legacy SDK).
    public static func decodeForm(_ raw: String) throws(PercentDecodingError) -> [SignableRequest.Parameter] {
        var parameters: [SignableRequest.Parameter] = []
        // Split on the bytes `&` and `=` (ASCII, never inside a multi-byte sequence); a piece without `%`
        // or `+` is taken as it is, the rest is decoded.
        for piece in ASCIISplit.pieces(of: raw, separator: UInt8(ascii: "&")) {
            let utf8 = piece.utf8
            let name: String
            let value: String
            if let equals = utf8.firstIndex(of: UInt8(ascii: "=")) {
                name = String(Substring(utf8[..<equals]))
                value = String(Substring(utf8[utf8.index(after: equals)...]))
            } else {
                name = piece
                value = ""
            }
            parameters.append(SignableRequest.Parameter(try decodeFormComponent(name), try decodeFormComponent(value)))
        }
        return parameters
    }

    private static func decodeFormComponent(_ text: String) throws(PercentDecodingError) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return text }
        return try decode(text, plusAsSpace: true)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
