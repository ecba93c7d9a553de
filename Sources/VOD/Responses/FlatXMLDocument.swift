/// An XML response body reduced to what Alibaba Cloud's RPC bodies contain: a root element whose children
/// are text elements, plus at most one level of nested groups (`<AccessDeniedDetail>`).
///
/// This module does not parse XML itself (it links no XML library). A caller that has a safe reader —
/// ramguard's emulator module has one built on libxml2 — produces this value and hands the reader to
/// ``AlibabaErrorBody/parse(_:xmlReader:)`` or ``SubmitWorkflowJobResponse/parse(_:xmlReader:)``.
public struct FlatXMLDocument: Sendable, Hashable {
    /// The root element's local name, e.g. `Error` or `SubmitWorkflowJobResponse`.
    public var rootName: String
    /// Text children of the root, by element name (the first occurrence wins).
    public var values: [String: String]
    /// Children of the root that have element children themselves, flattened one level, by name.
    public var groups: [String: [String: String]]

    public init(rootName: String, values: [String: String] = [:], groups: [String: [String: String]] = [:]) {
        self.rootName = rootName
        self.values = values
        self.groups = groups
    }
}

/// Turns an XML body into a ``FlatXMLDocument``; injected so this module needs no XML library.
public typealias FlatXMLReader = @Sendable ([UInt8]) throws -> FlatXMLDocument
