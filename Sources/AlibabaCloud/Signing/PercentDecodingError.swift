/// A percent-encoded string that cannot be decoded, e.g. a query with `%G1` or a cut-off `%4`.
///
/// The input itself is deliberately not kept: a query can carry a `Signature` or `SecurityToken`.
public struct PercentDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the input.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        private enum Base: Hashable { case badEscape, notUTF8 }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A `%` not followed by two hexadecimal digits.
        public static let badEscape = Reason(.badEscape)
        /// The decoded bytes are not valid UTF-8.
        public static let notUTF8 = Reason(.notUTF8)

        public var description: String {
            switch base {
            case .badEscape: return "'%' must be followed by two hexadecimal digits"
            case .notUTF8: return "the decoded bytes are not valid UTF-8"
            }
        }
    }

    /// Byte offset of the bad escape, when there is one.
    public var offset: Int?
    public var reason: Reason

    public init(offset: Int?, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        if let offset {
            return "cannot percent-decode at byte \(offset): \(reason)"
        }
        return "cannot percent-decode: \(reason)"
    }
}
