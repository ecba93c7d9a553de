import Foundation
import XMLKit

/// Reads Alibaba Cloud error bodies — a flat JSON object, or XML with root `<Error>` (reference §5.1) —
/// into a ``ServiceError``, scrubbing every text field.
///
/// The format is decided by the body's first non-blank byte, not by `Content-Type` (the tea SDK trusts
/// the header and mis-reads XML errors; reference §5.2). XML goes through XMLKit's ``SafeXMLReader``: no
/// network, no entity expansion, DOCTYPE refused. Field names are matched case-insensitively and both
/// `AccessDeniedDetail` and `accessDeniedDetail` are read. A body that cannot be read still yields an
/// error, with code `HTTP<status>` and a scrubbed, bounded excerpt of the body as the message.
public struct ServiceErrorParser: Sendable {
    public var scrubber: SecretScrubber
    /// The most body text kept in a message when the body cannot be parsed.
    public var maxExcerpt: Int

    public init(scrubber: SecretScrubber = SecretScrubber(), maxExcerpt: Int = 512) {
        self.scrubber = scrubber
        self.maxExcerpt = maxExcerpt
    }

    /// The error an HTTP answer carries (call it for non-2xx answers).
    public func parse(_ response: HTTPResponse) -> ServiceError {
        parse(body: response.body, status: response.status, requestIdHeader: response.requestIdHeader)
    }

    /// The error in `body`, answered with `status`.
    public func parse(body: [UInt8], status: Int, requestIdHeader: String? = nil) -> ServiceError {
        let fallbackCode = "HTTP\(status)"
        guard let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) else {
            return ServiceError(httpStatus: status, code: fallbackCode, message: "the answer has no body",
                                requestId: requestIdHeader.map(scrubber.scrub), bodyFormat: "empty")
        }
        var fields: Fields?
        var format = "unreadable"
        if first == UInt8(ascii: "{") {
            fields = Self.json(body)
            format = "json"
        } else if first == UInt8(ascii: "<") {
            fields = Self.xml(body)
            format = "xml"
        }
        guard let fields, fields.value("Code") != nil || fields.value("Message") != nil else {
            return ServiceError(httpStatus: status, code: fallbackCode, message: excerpt(body),
                                requestId: requestIdHeader.map(scrubber.scrub), bodyFormat: "unreadable")
        }
        let clean = { (text: String?) -> String? in text.map(scrubber.scrub) }
        let code = fields.value("Code").flatMap { $0.isEmpty ? nil : $0 } ?? fallbackCode
        var denial: AccessDenial?
        if let group = fields.group("AccessDeniedDetail") {
            denial = AccessDenial(
                policyType: clean(group.value("PolicyType")),
                noPermissionType: clean(group.value("NoPermissionType")),
                authAction: clean(group.value("AuthAction")),
                authPrincipalType: clean(group.value("AuthPrincipalType")),
                authPrincipalOwnerId: clean(group.value("AuthPrincipalOwnerId")),
                authPrincipalDisplayName: clean(group.value("AuthPrincipalDisplayName")),
                encodedDiagnosticMessage: clean(group.value("EncodedDiagnosticMessage")),
                diagnostic: group.value("EncodedDiagnosticMessage").flatMap { decodeDiagnostic($0) })
        }
        return ServiceError(
            httpStatus: status, code: scrubber.scrub(code), message: clean(fields.value("Message")),
            requestId: clean(fields.value("RequestId") ?? requestIdHeader), hostId: clean(fields.value("HostId")),
            recommend: clean(fields.value("Recommend")), accessDenied: denial, bodyFormat: format)
    }

    /// Reads an `EncodedDiagnosticMessage` that is Base64 JSON in `DecodeDiagnosticMessage`'s shape;
    /// `nil` for an opaque (real) one.
    public func decodeDiagnostic(_ encoded: String) -> DecodedDiagnosticMessage? {
        guard encoded.count <= 64 * 1024, let data = Data(base64Encoded: encoded),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        let root = Fields(json: object)
        guard root.value("AuthAction") != nil || root.value("ExplicitDeny") != nil || root.value("NoPermissionPolicyType") != nil else {
            return nil
        }
        var conditions: [DecodedDiagnosticMessage.Condition] = []
        for item in root.list("AuthConditions") {
            guard let key = item.value("ConditionKey") else { continue }
            conditions.append(.init(key: scrubber.scrub(key), values: item.strings("ConditionValues").map(scrubber.scrub)))
        }
        let policies = root.list("MatchedPolicies").map { item in
            DecodedDiagnosticMessage.MatchedPolicy(
                policyType: item.value("PolicyType").map(scrubber.scrub),
                policyIdentifier: item.value("PolicyIdentifier").map(scrubber.scrub),
                policyVersion: item.value("PolicyVersion").map(scrubber.scrub),
                effect: item.value("Effect").map(scrubber.scrub),
                attachedEntityType: item.value("AttachedEntityType").map(scrubber.scrub),
                attachedScope: item.value("AttachedScope").map(scrubber.scrub))
        }
        let explicit = root.value("ExplicitDeny").map { $0.lowercased() == "true" || $0 == "1" }
        return DecodedDiagnosticMessage(
            explicitDeny: explicit, noPermissionPolicyType: root.value("NoPermissionPolicyType").map(scrubber.scrub),
            authAction: root.value("AuthAction").map(scrubber.scrub), authResource: root.value("AuthResource").map(scrubber.scrub),
            authConditions: conditions, matchedPolicies: policies)
    }

    private func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(maxExcerpt * 4), as: UTF8.self)
        let printable = String(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }.prefix(maxExcerpt))
        let scrubbed = scrubber.scrub(printable)
        let suffix = body.count > maxExcerpt ? "…" : ""
        return "the error body could not be read as an Alibaba Cloud error: \(scrubbed)\(suffix)"
    }

    // MARK: Reading

    /// Case-insensitive view of a JSON object or an XML element.
    struct Fields {
        private var values: [String: String] = [:]
        private var groups: [String: Fields] = [:]
        private var lists: [String: [Fields]] = [:]
        private var stringLists: [String: [String]] = [:]

        init(json object: [String: Any]) {
            for (key, value) in object {
                let lowered = key.lowercased()
                switch value {
                case let text as String:
                    if values[lowered] == nil { values[lowered] = text }
                case let nested as [String: Any]:
                    if groups[lowered] == nil { groups[lowered] = Fields(json: nested) }
                case let array as [Any]:
                    lists[lowered] = array.compactMap { ($0 as? [String: Any]).map(Fields.init(json:)) }
                    stringLists[lowered] = array.compactMap { Self.scalarText($0) }
                case is NSNull:
                    break
                default:
                    if values[lowered] == nil, let text = Self.scalarText(value) { values[lowered] = text }
                }
            }
        }

        init(xml element: XMLElementNode) {
            for child in element.children {
                let lowered = child.name.lowercased()
                if child.children.isEmpty {
                    if values[lowered] == nil { values[lowered] = child.text }
                    stringLists[lowered, default: []].append(child.text)
                } else {
                    let nested = Fields(xml: child)
                    if groups[lowered] == nil { groups[lowered] = nested }
                    lists[lowered, default: []].append(nested)
                }
            }
        }

        func value(_ name: String) -> String? { values[name.lowercased()] }
        func group(_ name: String) -> Fields? { groups[name.lowercased()] }
        func list(_ name: String) -> [Fields] { lists[name.lowercased()] ?? [] }
        func strings(_ name: String) -> [String] { stringLists[name.lowercased()] ?? [] }

        private static func scalarText(_ value: Any) -> String? {
            switch value {
            case let text as String: return text
            case let number as NSNumber:
                #if canImport(Darwin)
                if CFGetTypeID(number) == CFBooleanGetTypeID() { return number.boolValue ? "true" : "false" }
                #endif
                return number.stringValue
            default: return nil
            }
        }
    }

    static func json(_ body: [UInt8]) -> Fields? {
        guard body.count <= SafeXMLReader.defaultMaxBytes,
              let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return nil }
        var fields = Fields(json: object)
        // Some gateways wrap the error: {"Error": {"Code": …}}.
        if fields.value("Code") == nil, let inner = fields.group("Error") { fields = inner }
        return fields
    }

    static func xml(_ body: [UInt8]) -> Fields? {
        guard let root = try? SafeXMLReader().parse(body) else { return nil }
        var element = root
        // Older RPC answers: <Response><Errors><Error>…</Error></Errors></Response>.
        if element.child("Code") == nil {
            if let error = element.child("Error") ?? element.child("Errors")?.child("Error") { element = error }
        }
        return Fields(xml: element)
    }
}
