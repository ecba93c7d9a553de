import Foundation

/// Where API calls go: a scheme and an authority, checked so that a request can never leave the
/// machine in plain text.
///
/// `https://` is accepted for any host. Plain `http://` is accepted only for loopback hosts
/// (`127.0.0.0/8`, `[::1]`, `localhost`), which is what a local emulator needs: over plain HTTP the
/// AccessKey ID, the signed parameters and (for STS) the security token would travel in clear text,
/// and the call would carry `acs:SecureTransport=false`, which many policies deny.
///
/// The path must be empty or `/` (RPC-style APIs are all served at `/`); user info, query and fragment
/// are refused, because they would change what is signed or leak into logs.
public struct ServiceEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable {
        case https
        case http

        /// The port used when the URL names none.
        public var defaultPort: Int { self == .https ? 443 : 80 }
    }

    public var scheme: Scheme
    /// The host as written in the URL, without brackets for IPv6 (`::1`), lowercased.
    public var host: String
    /// The port named in the URL, `nil` for the scheme's default.
    public var port: Int?

    /// An HTTPS endpoint for `host` (e.g. `vod.cn-shanghai.aliyuncs.com`).
    public init(httpsHost host: String, port: Int? = nil) {
        self.scheme = .https
        self.host = host.lowercased()
        self.port = port
    }

    /// Parses and checks `text`, e.g. `https://vod.cn-shanghai.aliyuncs.com` or `http://127.0.0.1:54321`.
    ///
    /// - Throws: ``EndpointError`` saying what is wrong and what to write instead.
    public init(parsing text: String) throws(EndpointError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw EndpointError(.malformed, text, "write the endpoint as a URL, e.g. https://vod.cn-shanghai.aliyuncs.com")
        }
        let schemeText = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard let scheme = Scheme(rawValue: schemeText) else {
            throw EndpointError(.unsupportedScheme, text, "only https:// (and http:// for loopback addresses) can be used")
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let tail = rest[slash...]
            guard tail == "/" else {
                throw EndpointError(.malformed, text, "give only scheme, host and port; RPC APIs are served at / (no path, query or fragment)")
            }
            rest = rest[..<slash]
        }
        guard !rest.contains("@") else {
            throw EndpointError(.malformed, text, "user information in the URL is not allowed; credentials come from the credential chain")
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw EndpointError(.malformed, text, "an IPv6 host must be written in brackets, e.g. http://[::1]:8080")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw EndpointError(.malformed, text, "expected :PORT after the IPv6 host")
                }
                portText = after.dropFirst()
            }
        } else {
            if let colon = rest.lastIndex(of: ":") {
                host = rest[..<colon]
                portText = rest[rest.index(after: colon)...]
            } else {
                host = rest
            }
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == ":" || $0 == "_") })
        else {
            throw EndpointError(.malformed, text, "the host is empty or contains characters a host name cannot have")
        }
        var port: Int?
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                throw EndpointError(.malformed, text, "the port must be a number from 1 to 65535")
            }
            port = value
        }
        let lowered = host.lowercased()
        if scheme == .http && !Self.isLoopback(lowered) {
            throw EndpointError(
                .insecureRemote, text,
                "plain http:// is accepted only for loopback addresses (127.0.0.1, [::1], localhost): it would send the"
                    + " request unencrypted; use https://")
        }
        self.scheme = scheme
        self.host = lowered
        self.port = port == scheme.defaultPort ? nil : port
    }

    /// `host[:port]` as the `Host` header and V3's signed `host` carry it (IPv6 in brackets).
    public var authority: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port else { return bracketed }
        return "\(bracketed):\(port)"
    }

    /// `scheme://authority`, without a trailing slash.
    public var baseURL: String { "\(scheme.rawValue)://\(authority)" }

    /// Whether the transport is encrypted: the value RAM puts in `acs:SecureTransport`.
    public var isSecure: Bool { scheme == .https }

    /// Whether the host is a loopback address.
    public var isLoopback: Bool { Self.isLoopback(host) }

    public var description: String { baseURL }

    /// `127.0.0.0/8`, `::1` (any spelling of it) and `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "localhost." { return true }
        if lowered.contains(":") {
            let groups = lowered.split(separator: ":", omittingEmptySubsequences: true)
            return groups.last.map { UInt16($0, radix: 16) == 1 } == true
                && groups.dropLast().allSatisfy { UInt16($0, radix: 16) == 0 }
        }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let octets = parts.compactMap { $0.count <= 3 && $0.allSatisfy(\.isNumber) ? UInt8($0) : nil }
        return octets.count == 4 && octets[0] == 127
    }
}
