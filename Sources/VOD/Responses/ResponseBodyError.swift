/// Why a response body (success or error) could not be read.
public struct ResponseBodyError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Hashable { case empty, notJSON, notXML, noXMLReader, missingField, wrongShape }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The body has no bytes.
        public static let empty = Kind(.empty)
        /// The body looked like JSON but does not parse as a JSON object.
        public static let notJSON = Kind(.notJSON)
        /// The injected XML reader rejected the body.
        public static let notXML = Kind(.notXML)
        /// The body is XML but no XML reader was given.
        public static let noXMLReader = Kind(.noXMLReader)
        /// A required field (`Code`, `RequestId`, `TaskId`) is absent.
        public static let missingField = Kind(.missingField)
        /// The body is neither JSON nor XML, or a field has the wrong type.
        public static let wrongShape = Kind(.wrongShape)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}
