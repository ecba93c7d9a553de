/// Ordinal (byte) comparison of strings.
///
/// Swift's `<` on `String` compares by Unicode canonical equivalence, which is not the ordinal order
/// the gateway sorts parameter and header names in. Comparing UTF-8 bytes is the same as comparing
/// code points, which is what the SDKs (Python `sorted`, Go `sort.Strings`, Java `TreeMap`) do.
enum ByteOrder {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    static func precedes(_ lhs: SignableRequest.Parameter, _ rhs: SignableRequest.Parameter) -> Bool {
        if lhs.name.utf8.elementsEqual(rhs.name.utf8) {
            return precedes(lhs.value, rhs.value)
        }
        return precedes(lhs.name, rhs.name)
    }
}
