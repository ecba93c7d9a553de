/// Shape rules for action strings and condition keys.
public enum ActionName {
    /// `*`, or `<service-code>:<action-name>` where both parts are non-empty and may use `*`/`?`.
    public static func isWellFormed(_ action: String) -> Bool {
        // Contiguous bytes when the string has them (native and small strings): iterating
        // `String.UTF8View` costs several times more per byte.
        if let r = action.utf8.withContiguousStorageIfAvailable(isWellFormed(bytes:)) { return r }
        return isWellFormed(bytes: Array(action.utf8))
    }

    static func isWellFormed<C: Collection<UInt8>>(bytes action: C) -> Bool {
        // `*` alone (no other text equals the String "*").
        if action.count == 1 && action.first == UInt8(ascii: "*") { return true }
        var colons = 0
        var partLength = 0
        for b in action {
            if b == UInt8(ascii: ":") {
                if partLength == 0 { return false }
                colons += 1
                partLength = 0
            } else if isNameByte(b) {
                partLength += 1
            } else {
                return false
            }
        }
        return colons == 1 && partLength > 0
    }

    /// Whether `b` may appear in a service code or action name: `a-z A-Z 0-9 - _ . * ?`, as two
    /// 64-bit masks (a lookup instead of a chain of range tests: every action of every policy is checked).
    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        // Bytes 0–63: `*` (42), `-` (45), `.` (46), `0`–`9` (48–57), `?` (63).
        let low: UInt64 = 1 << 42 | 1 << 45 | 1 << 46 | 0x03FF << 48 | 1 << 63
        // Bytes 64–127: `A`–`Z` (65–90), `_` (95), `a`–`z` (97–122).
        let high: UInt64 = 0x03FF_FFFF << 1 | 1 << 31 | 0x03FF_FFFF << 33
        if b < 64 { return (low >> UInt64(b)) & 1 == 1 }
        if b < 128 { return (high >> UInt64(b - 64)) & 1 == 1 }
        return false
    }

    /// The service code of an action (`vod` for `vod:SubmitWorkflowJob`), lower-cased; nil for `*`.
    public static func serviceCode(of action: String) -> Substring? {
        guard let colon = action.firstIndex(of: ":") else { return nil }
        return action[..<colon]
    }
}

/// Shape rules for condition key names: `<service-code>:<key>` (e.g. `acs:SourceIp`, `acs:ResourceTag/team`).
public enum ConditionKeyName {
    public static func isWellFormed(_ key: String) -> Bool {
        if let r = key.utf8.withContiguousStorageIfAvailable(isWellFormed(bytes:)) { return r }
        return isWellFormed(bytes: Array(key.utf8))
    }

    static func isWellFormed<C: Collection<UInt8>>(bytes key: C) -> Bool {
        var sawColon = false
        var codeLength = 0
        var nameLength = 0
        for b in key {
            if !sawColon {
                if b == UInt8(ascii: ":") {
                    sawColon = true
                } else if isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") {
                    codeLength += 1
                } else {
                    return false
                }
            } else {
                // No spaces or control characters in the name part.
                if b <= 0x20 || b == 0x7F { return false }
                nameLength += 1
            }
        }
        return sawColon && codeLength > 0 && nameLength > 0
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
