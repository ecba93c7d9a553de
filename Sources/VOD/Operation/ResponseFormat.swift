/// The body format of a response, chosen by the RPC common parameter `Format`.
///
/// Source: reference §2.1 — `Format` is `JSON` or `XML`; the legacy core SDK sends `JSON`, the tea SDK
/// lowercase `json`, so the value is compared case-insensitively. VOD's own default (no `Format`) is XML
/// for V1 requests, which is why this toolkit always sends `Format=JSON` with V1.
public enum ResponseFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case json = "JSON"
    case xml = "XML"

    /// Parses a `Format` value case-insensitively; `nil` for anything else.
    public init?(parameterValue: String) {
        switch parameterValue.lowercased() {
        case "json": self = .json
        case "xml": self = .xml
        default: return nil
        }
    }

    /// The `Content-Type` Alibaba Cloud answers with. The tea SDK parses XML only when the content type is
    /// exactly `text/xml;charset=utf-8` (reference §5.2).
    public var contentType: String {
        switch self {
        case .json: "application/json;charset=utf-8"
        case .xml: "text/xml;charset=utf-8"
        }
    }

    public var description: String { rawValue }
}
