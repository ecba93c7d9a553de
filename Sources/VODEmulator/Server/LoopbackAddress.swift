/// A loopback address and port to listen on, parsed from `HOST:PORT`.
///
/// The emulator speaks plain HTTP, accepts any request signed with the configured test keys, and answers
/// `SignatureDoesNotMatch` with the string-to-sign; it must never be reachable from another machine, so
/// only loopback hosts are accepted: `127.0.0.0/8`, `localhost` (as `127.0.0.1`) and `[::1]`.
public struct LoopbackAddress: Sendable, Hashable, CustomStringConvertible {
    /// `127.x.y.z` or `::1`.
    public var host: String
    /// 0 asks the system for a free port.
    public var port: UInt16

    public init(host: String = "127.0.0.1", port: UInt16 = 0) throws(EmulatorStartError) {
        guard let normalized = Self.normalizedLoopback(host) else {
            throw EmulatorStartError(kind: .notLoopback,
                message: "refusing to listen on '\(host)': the emulator listens on loopback only (127.0.0.1, localhost or [::1])")
        }
        self.host = normalized
        self.port = port
    }

    /// Parses `127.0.0.1:8080`, `localhost:0`, `[::1]:8080`.
    public init(parsing text: String) throws(EmulatorStartError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw EmulatorStartError(kind: .invalidAddress, message: "'\(text)' is not HOST:PORT (write IPv6 as [::1]:PORT)")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw EmulatorStartError(kind: .invalidAddress, message: "'\(text)' is not HOST:PORT, e.g. 127.0.0.1:0")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else {
            throw EmulatorStartError(kind: .invalidAddress, message: "'\(portText)' is not a port number (0-65535; 0 picks a free port)")
        }
        try self.init(host: String(host), port: port)
    }

    private init(validatedHost: String, port: UInt16) {
        self.host = validatedHost
        self.port = port
    }

    /// `127.0.0.1` with the given port (0: a free port).
    public static func ipv4Loopback(port: UInt16 = 0) -> LoopbackAddress {
        LoopbackAddress(validatedHost: "127.0.0.1", port: port)
    }

    public var isIPv6: Bool { host.contains(":") }

    /// `http://127.0.0.1:8080` or `http://[::1]:8080`.
    public func urlString(port: UInt16) -> String {
        isIPv6 ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    static func normalizedLoopback(_ host: String) -> String? {
        let lowered = host.lowercased()
        if lowered == "localhost" { return "127.0.0.1" }
        if lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return "::1" }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
            .compactMap { $0.count <= 3 && $0.allSatisfy(\.isASCII) ? UInt8($0) : nil }
        guard octets.count == 4, lowered.split(separator: ".", omittingEmptySubsequences: false).count == 4,
              octets[0] == 127
        else { return nil }
        return octets.map(String.init).joined(separator: ".")
    }
}
