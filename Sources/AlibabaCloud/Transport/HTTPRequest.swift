import Foundation

/// One HTTP request as a transport sends it: method, absolute URL, header lines, body.
///
/// Built from a signed ``SignableRequest`` and the ``ServiceEndpoint`` it goes to. Printing it is
/// redacted like the signed request (`Authorization`, `Signature`, `SecurityToken`,
/// `x-acs-security-token` never appear; AccessKey IDs are masked).
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    /// `scheme://authority/path?query`, already percent-encoded.
    public var url: String
    /// Header lines in order, as given; a transport may add its own (e.g. `Content-Length`).
    public var headers: [SignableRequest.Header]
    public var body: [UInt8]

    public init(method: String, url: String, headers: [SignableRequest.Header], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The wire form of a signed request for `endpoint`: the query stays in the URL (RFC 3986, `%20` for
    /// a space), every header is sent, including `host`.
    public init(_ signed: SignableRequest, endpoint: ServiceEndpoint) {
        self.init(method: signed.method, url: endpoint.baseURL + signed.requestTarget, headers: signed.headers, body: signed.body)
    }

    /// The first value of header `name` (case-insensitive).
    public func headerValue(named name: String) -> String? {
        let lowered = HeaderName.lowercased(name)
        return headers.first { HeaderName.matches($0.name, lowercased: lowered) }?.value
    }

    /// The URL with secret query values replaced and AccessKey IDs masked, e.g. for a dry run.
    public var redactedURL: String {
        guard let questionMark = url.firstIndex(of: "?") else { return url }
        let base = url[..<questionMark]
        let query = url[url.index(after: questionMark)...]
        let redacted = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            let decodedName = (try? PercentEncoding.decode(name, plusAsSpace: true)) ?? name
            let decodedValue = (try? PercentEncoding.decode(value, plusAsSpace: true)) ?? value
            let shown = Redaction.parameterValue(name: decodedName, value: decodedValue)
            // A redacted or masked value is shown as is (`<redacted>`, `LTAI****Id`), not percent-encoded:
            // this form is for people, and no longer a URL anyone should send.
            return name + "=" + (shown == decodedValue ? value : shown)
        }
        return base + "?" + redacted.joined(separator: "&")
    }

    /// The headers with secret values replaced and AccessKey IDs masked. A V3 `Authorization` keeps its
    /// algorithm and `SignedHeaders` (useful when a signature does not match) with the AccessKey ID masked
    /// and the signature redacted.
    public var redactedHeaders: [SignableRequest.Header] {
        headers.map { header in
            if header.name.lowercased() == "authorization", let shown = Self.redactedV3Authorization(header.value) {
                return SignableRequest.Header(header.name, shown)
            }
            return SignableRequest.Header(header.name, Redaction.headerValue(name: header.name, value: header.value))
        }
    }

    /// `ACS3-HMAC-SHA256 Credential=LTAI****Id,SignedHeaders=…,Signature=<redacted>`, or `nil` when the
    /// value is not a V3 authorization of the expected shape.
    static func redactedV3Authorization(_ value: String) -> String? {
        let prefix = V3Signer.algorithm + " "
        guard value.hasPrefix(prefix) else { return nil }
        var parts: [String] = []
        for part in value.dropFirst(prefix.count).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Credential=") {
                parts.append("Credential=" + Redaction.maskAccessKeyId(String(trimmed.dropFirst("Credential=".count))))
            } else if trimmed.hasPrefix("SignedHeaders=") {
                let names = trimmed.dropFirst("SignedHeaders=".count)
                guard names.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == ";" }) else { return nil }
                parts.append(trimmed)
            } else if trimmed.hasPrefix("Signature=") {
                parts.append("Signature=" + Redaction.placeholder)
            } else {
                return nil
            }
        }
        return prefix + parts.joined(separator: ",")
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let headers = redactedHeaders.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
        return "\(method) \(redactedURL) [\(headers)] body: \(body.count) bytes"
    }

    public var debugDescription: String { "HTTPRequest(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "method": method,
            "url": redactedURL,
            "headers": redactedHeaders.map { "\($0.name): \($0.value)" },
            "bodyByteCount": body.count,
        ], displayStyle: .struct)
    }
}
