import AlibabaCloud

/// Where a request goes and what its request line says, taken from ``HTTPRequest/url`` without decoding
/// anything: the signature covers the percent-encoding of the query byte for byte, so the target is sent
/// exactly as written.
///
/// Only `http://` and `https://` URLs with a host, an optional port and no user information are accepted;
/// the target must be visible ASCII (no space, no control character), so nothing in a URL can split the
/// request line.
struct HTTPTarget: Sendable, Hashable {
    /// The connection a request needs: pooled connections are shared by requests of the same origin.
    struct Origin: Sendable, Hashable {
        var secure: Bool
        /// The host to connect to (an IPv6 literal without its brackets).
        var host: String
        var port: Int
        /// The `Host` header: the URL's authority as written (what ``SignableRequest/host`` was signed with).
        var authority: String
        /// Whether ``host`` is an IP literal (no SNI, no name to resolve).
        var isIPAddress: Bool
    }

    var origin: Origin
    /// `/path?query`, as written in the URL (`/` when the URL has no path).
    var requestTarget: String

    /// Parses `url`, or throws ``TransportError/Kind/invalidRequest`` (nothing was sent) naming the part that is
    /// wrong; the message shows the URL only redacted.
    init(parsing url: String, redacted: @autoclosure () -> String) throws(TransportError) {
        func invalid(_ reason: String) -> TransportError {
            TransportError(kind: .invalidRequest, message: "the URL cannot be used (\(reason)): \(redacted())")
        }
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { throw invalid("only http:// and https://") }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        let secure: Bool
        switch scheme {
        case "http": secure = false
        case "https": secure = true
        default: throw invalid("only http:// and https://")
        }
        let rest = bytes[bytes.index(after: colon)...]
        guard rest.starts(with: "//".utf8) else { throw invalid("only http:// and https://") }
        let authorityStart = rest.index(rest.startIndex, offsetBy: 2)
        let afterScheme = rest[authorityStart...]
        let authorityEnd = afterScheme.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? afterScheme.endIndex
        let authorityBytes = afterScheme[..<authorityEnd]
        var target = afterScheme[authorityEnd...]
        if let hash = target.firstIndex(of: UInt8(ascii: "#")) { target = target[..<hash] }
        guard !authorityBytes.isEmpty else { throw invalid("no host") }
        guard authorityBytes.allSatisfy(Self.isAuthorityByte) else { throw invalid("the host contains characters a host cannot have") }
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw invalid("spaces or control characters in the path or query") }

        let authority = String(decoding: authorityBytes, as: UTF8.self)
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("an unterminated IPv6 address") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let tail = authority[authority.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":") else { throw invalid("text after the IPv6 address") }
                portText = tail.dropFirst()
            }
        } else if let lastColon = authority.lastIndex(of: ":") {
            host = authority[..<lastColon]
            portText = authority[authority.index(after: lastColon)...]
        } else {
            host = authority[...]
        }
        guard !host.isEmpty else { throw invalid("no host") }
        var port = secure ? 443 : 80
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let value = Int(portText),
                  (1...65_535).contains(value)
            else { throw invalid("the port is not a number from 1 to 65535") }
            port = value
        }
        let hostText = String(host)
        let isIPAddress = authority.hasPrefix("[") || hostText.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }
        self.origin = Origin(secure: secure, host: hostText, port: port, authority: authority, isIPAddress: isIPAddress)
        if target.isEmpty {
            self.requestTarget = "/"
        } else if target.first == UInt8(ascii: "?") {
            self.requestTarget = "/" + String(decoding: target, as: UTF8.self)
        } else {
            self.requestTarget = String(decoding: target, as: UTF8.self)
        }
    }

    /// Letters, digits, `-._~`, `:` and `[]` (ports and IPv6 literals), `%` (zone IDs): no `@` (user
    /// information is not sent anywhere), no space or control character.
    private static func isAuthorityByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
