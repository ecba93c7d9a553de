/// Why an existing credentials file could not be read.
public struct CredentialFileReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
