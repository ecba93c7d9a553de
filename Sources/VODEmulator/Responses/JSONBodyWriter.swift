/// Writes the flat JSON objects Alibaba Cloud answers with, keeping the field order given (Foundation's
/// encoders do not promise an order, and a stable order makes bodies comparable in tests and logs).
enum JSONBodyWriter {
    /// `{"Name":"value",…,"Group":{…}}` with every value a string.
    static func object(
        _ fields: [(name: String, value: String)],
        group: (name: String, fields: [(name: String, value: String)])? = nil
    ) -> [UInt8] {
        var text = "{"
        text.reserveCapacity(fields.reduce(16) { $0 + $1.name.utf8.count + $1.value.utf8.count + 6 })
        var first = true
        for field in fields {
            if !first { text += "," }
            first = false
            text += quote(field.name) + ":" + quote(field.value)
        }
        if let group {
            if !first { text += "," }
            text += quote(group.name) + ":" + String(decoding: object(group.fields), as: UTF8.self)
        }
        text += "}"
        return Array(text.utf8)
    }

    /// A JSON string literal (RFC 8259): `"` and `\` escaped, control characters as `\uXXXX`.
    static func quote(_ value: String) -> String {
        // Printable ASCII without a quote or backslash (IDs, codes, most messages) needs no escape.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + value + "\""
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
