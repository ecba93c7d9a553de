/// An HTTP request as the signers and the verifier see it: a plain value, so it can be built, signed,
/// re-signed for a retry and compared in tests without any networking type.
///
/// Query parameters hold *decoded* names and values; encoding happens only when a canonical form or the
/// wire form is built. Order is kept as given, because the wire order does not matter to the gateway
/// while the canonical forms sort anyway.
///
/// `description`, `debugDescription` and `dump` are redacted: `Signature`, `SecurityToken`,
/// `Authorization` and `x-acs-security-token` never appear, AccessKey IDs are masked and the body is
/// shown only by size.
public struct SignableRequest: Sendable, Hashable {
    /// One query (or form) parameter.
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One header line. Names keep the case they were given in; lookups ignore case.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method. V1 signs it into the string-to-sign, so GET and POST differ.
    public var method: String
    /// The authority (`vod.cn-shanghai.aliyuncs.com`, with `:port` if not the default). V3 signs it as `host`.
    public var host: String
    /// The decoded path; `/` for RPC-style APIs.
    public var path: String
    public var query: [Parameter]
    public var headers: [Header]
    public var body: [UInt8]

    public init(
        method: String = "POST",
        host: String,
        path: String = "/",
        query: [Parameter] = [],
        headers: [Header] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Builds the request a server received, for verification.
    ///
    /// The query is form-decoded (`+` and `%20` both mean a space) because that is what the gateway
    /// does; the host comes from the `Host` header.
    ///
    /// - Parameters:
    ///   - requestTarget: the raw target from the request line, e.g. `/?Action=…&Signature=…`.
    /// - Throws: ``PercentDecodingError`` when the path or query has a malformed escape.
    public init(
        method: String,
        requestTarget: String,
        headers: [Header],
        body: [UInt8] = []
    ) throws(PercentDecodingError) {
        let rawPath: Substring
        let rawQuery: Substring
        let utf8 = requestTarget.utf8
        if let questionMark = utf8.firstIndex(of: UInt8(ascii: "?")) {
            rawPath = Substring(utf8[..<questionMark])
            rawQuery = Substring(utf8[utf8.index(after: questionMark)...])
        } else {
            rawPath = requestTarget[...]
            rawQuery = ""
        }
        self.method = method
        self.path = rawPath.isEmpty || rawPath == "/" ? "/" : try PercentEncoding.decode(String(rawPath), plusAsSpace: false)
        self.query = rawQuery.isEmpty ? [] : try PercentEncoding.decodeForm(String(rawQuery))
        self.headers = headers
        self.body = body
        self.host = headers.first { HeaderName.matches($0.name, lowercased: "host") }?.value ?? ""
    }

    /// All values of the header `name` (case-insensitive), in order.
    public func headerValues(named name: String) -> [String] {
        let lowered = HeaderName.lowercased(name)
        var values: [String] = []
        for header in headers where HeaderName.matches(header.name, lowercased: lowered) {
            values.append(header.value)
        }
        return values
    }

    /// The first value of the header `name` (case-insensitive).
    public func headerValue(named name: String) -> String? {
        let lowered = HeaderName.lowercased(name)
        return headers.first { HeaderName.matches($0.name, lowercased: lowered) }?.value
    }

    /// Removes every header called `name` (case-insensitive).
    public mutating func removeHeaders(named name: String) {
        let lowered = HeaderName.lowercased(name)
        guard headers.contains(where: { HeaderName.matches($0.name, lowercased: lowered) }) else { return }
        headers.removeAll { HeaderName.matches($0.name, lowercased: lowered) }
    }

    /// Replaces every header called `name` with one `name: value` line.
    public mutating func setHeader(_ name: String, _ value: String) {
        removeHeaders(named: name)
        headers.append(Header(name, value))
    }

    /// The query in wire form, in the given order, RFC 3986-encoded (a space is `%20`, never `+`).
    public var encodedQuery: String {
        PercentEncoding.encodedPairs(query)
    }

    /// The request target for the request line: the encoded path plus `?` and ``encodedQuery`` if any.
    public var requestTarget: String {
        let encodedPath = PercentEncoding.encodePath(path.isEmpty ? "/" : path)
        let query = encodedQuery
        return query.isEmpty ? encodedPath : encodedPath + "?" + query
    }

    /// The request with secrets replaced, for logs and error messages.
    public var redactedDescription: String {
        let query = self.query
            .map { "\($0.name)=\(Redaction.parameterValue(name: $0.name, value: $0.value))" }
            .joined(separator: "&")
        let headers = self.headers
            .map { "\($0.name): \(Redaction.headerValue(name: $0.name, value: $0.value))" }
            .joined(separator: ", ")
        var text = "\(method) \(host)\(path.isEmpty ? "/" : path)"
        if !query.isEmpty { text += "?" + query }
        text += " [\(headers)] body: \(body.count) bytes"
        return text
    }
}

extension SignableRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redactedDescription }
    public var debugDescription: String { "SignableRequest(\(redactedDescription))" }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "method": method,
            "host": host,
            "path": path,
            "query": query.map { "\($0.name)=\(Redaction.parameterValue(name: $0.name, value: $0.value))" },
            "headers": headers.map { "\($0.name): \(Redaction.headerValue(name: $0.name, value: $0.value))" },
            "bodyByteCount": body.count,
        ], displayStyle: .struct)
    }
}

extension SignableRequest.Parameter: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "\(name)=\(Redaction.parameterValue(name: name, value: value))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": Redaction.parameterValue(name: name, value: value)])
    }
}

extension SignableRequest.Header: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "\(name): \(Redaction.headerValue(name: name, value: value))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": Redaction.headerValue(name: name, value: value)])
    }
}
