import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking HTTP/1.1 client on one TCP connection to 127.0.0.1, kept alive between requests.
///
/// Only for measuring the emulator's own capacity (and for fetching its job list): it is *not* the
/// project's transport (that is `HTTPClientTransport`, which pools connections too but never re-sends a
/// request on its own). Not thread-safe: one connection per thread.
final class RawHTTPConnection {
    struct Response {
        var status: Int
        var body: [UInt8]
        var closes: Bool
    }

    let port: UInt16
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0
    /// Connections opened (the first one included).
    private(set) var connects = 0

    init(port: UInt16) {
        self.port = port
    }

    deinit { close() }

    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    private func connect() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            _ = Glibc.close(fd)
            throw BenchError("connect 127.0.0.1:\(port): \(message)")
        }
        descriptor = fd
        connects += 1
    }

    /// Sends `request` (complete bytes) and reads one response. Never re-sends: if the connection fails
    /// after the request went out, the error is thrown and the next call opens a new connection.
    func roundTrip(_ request: [UInt8]) throws -> Response {
        if descriptor < 0 { try connect() }
        do {
            try sendAll(request)
            let response = try readResponse()
            if response.closes { close() }
            return response
        } catch {
            close()
            throw error
        }
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw BenchError("send: \(String(cString: strerror(errno)))")
            }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; `false` at end of stream.
    private func fill() throws -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            #if os(Linux)
            // A server that writes a response's head and body with two writes and leaves Nagle on (as the
            // emulator's former server library did) makes the second write wait for the ACK of the first,
            // which a delayed-ACK client holds back ~40 ms. Quick ACKs (re-armed before every read, as
            // Linux requires) take such a stall out, so the figure is the emulator's work, not a TCP timer.
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), Int32(TCP_QUICKACK), &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError("recv: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    private func readResponse() throws -> Response {
        // Head.
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer, from: start)
            if headEnd == nil {
                guard try fill() else { throw BenchError("the connection closed before a complete answer") }
            }
        }
        let head = String(decoding: buffer[start..<headEnd!], as: UTF8.self)
        start = headEnd! + 4
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let statusLine = lines.first else { throw BenchError("empty response head") }
        let statusParts = statusLine.split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw BenchError("bad status line: \(statusLine)")
        }
        var contentLength: Int?
        var closes = statusLine.hasPrefix("HTTP/1.0")
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { contentLength = Int(value) }
            if name == "connection" { closes = value.lowercased() == "close" }
        }
        // Body.
        let body: [UInt8]
        if let contentLength {
            while buffer.count - start < contentLength {
                guard try fill() else { throw BenchError("the connection closed in the middle of the body") }
            }
            body = Array(buffer[start..<(start + contentLength)])
            start += contentLength
        } else {
            while try fill() {}
            body = Array(buffer[start...])
            start = buffer.count
            closes = true
        }
        return Response(status: status, body: body, closes: closes)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count - from >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index + 1] == needle[1]
                && haystack[index + 2] == needle[2] && haystack[index + 3] == needle[3] {
                return index
            }
            index += 1
        }
        return nil
    }
}
