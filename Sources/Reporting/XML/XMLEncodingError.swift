/// Why an XML report could not be written.
///
/// The encoder only fails when libxml2 itself fails (it could not allocate its buffer or writer, or a
/// write call reported an error); the report's content can never make encoding fail, because text that
/// XML 1.0 cannot carry is escaped before it reaches libxml2 (see
/// ``XMLReportEncoder/escapeNonXMLCharacters(_:)``). The error is a plain value so it can cross
/// concurrency domains and be matched on ``kind``.
public struct XMLEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of failure, for callers that want to branch; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case resourceUnavailable
            case writeFailed
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// libxml2 could not create its output buffer or text writer (usually: out of memory).
        public static let resourceUnavailable = Kind(.resourceUnavailable)
        /// A libxml2 `xmlTextWriter…` call returned an error while writing the named element or attribute.
        public static let writeFailed = Kind(.writeFailed)

        public var description: String { base.rawValue }
    }

    /// What went wrong, for matching.
    public var kind: Kind
    /// A sentence saying what failed and what to do about it.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "XMLEncodingError.\(kind): \(message)" }

    static func resourceUnavailable(_ what: String) -> XMLEncodingError {
        XMLEncodingError(
            kind: .resourceUnavailable,
            message: "libxml2 could not allocate \(what); the process is probably out of memory. Retry with more memory or use the JSON format."
        )
    }

    static func writeFailed(_ call: String, at context: String) -> XMLEncodingError {
        XMLEncodingError(
            kind: .writeFailed,
            message: "libxml2 \(call) failed while writing \(context). This is a ramguard bug or an out-of-memory condition; please report it with the input that caused it."
        )
    }
}
