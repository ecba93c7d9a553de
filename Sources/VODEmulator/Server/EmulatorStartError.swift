/// Why the emulator could not start (or a listen address was refused).
public struct EmulatorStartError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Hashable { case notLoopback, invalidAddress, invalidConfiguration, state, bind, lifecycle }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The listen host is not a loopback address.
        public static let notLoopback = Kind(.notLoopback)
        /// The listen address is not `HOST:PORT`.
        public static let invalidAddress = Kind(.invalidAddress)
        /// The configuration is inconsistent (see ``EmulatorConfiguration/validate(label:)``).
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// The state directory cannot be used (unreadable, damaged, locked by another emulator).
        public static let state = Kind(.state)
        /// The socket could not be bound (port in use, …).
        public static let bind = Kind(.bind)
        /// Started twice, or started after stopping.
        public static let lifecycle = Kind(.lifecycle)

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
