/// A value from a policy together with where it was written (span and JSON path).
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var span: SourceSpan
    public var pathComponents: PolicyPath

    /// The JSON path inside the document, e.g. `Statement[1].Action[0]`.
    public var path: String { pathComponents.description }

    public init(_ value: Value, span: SourceSpan, path: PolicyPath) {
        self.value = value
        self.span = span
        self.pathComponents = path
    }
}
