import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What came back for one request over a raw socket.
struct RawHTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

enum RawHTTPOutcome: Sendable {
    case response(RawHTTPResponse)
    /// The server closed the connection without sending a status line.
    case closedWithoutResponse

    var response: RawHTTPResponse? {
        if case .response(let response) = self { return response }
        return nil
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

/// A minimal HTTP/1.1 client over POSIX sockets: sends exactly the bytes given (so captured SDK requests
/// can be replayed verbatim, `Host` header included) and reads until the server closes.
///
/// Blocking calls run on a dedicated `Thread`, never on the Swift concurrency pool, so a test waiting for
/// an answer cannot starve the in-process server of threads.
enum RawHTTPClient {
    static func send(_ bytes: [UInt8], port: UInt16, timeout: TimeInterval = 15) async throws -> RawHTTPOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try exchange(bytes, port: port, timeout: timeout) })
            }
            thread.start()
        }
    }

    private static func exchange(_ bytes: [UInt8], port: UInt16, timeout: TimeInterval) throws -> RawHTTPOutcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw RawHTTPError(description: "connect: \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawHTTPError(description: "send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
                if let complete = parse(received), complete.isComplete { return .response(complete.response) }
                continue
            }
            if count == 0 || errno == ECONNRESET { break }
            if errno == EINTR { continue }
            throw RawHTTPError(description: "recv: \(String(cString: strerror(errno)))")
        }
        guard !received.isEmpty else { return .closedWithoutResponse }
        guard let parsed = parse(received) else {
            throw RawHTTPError(description: "unparseable response: \(String(decoding: received, as: UTF8.self))")
        }
        return .response(parsed.response)
    }

    private static func parse(_ bytes: [UInt8]) -> (response: RawHTTPResponse, isComplete: Bool)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4,
              let headerEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator })
        else { return nil }
        let head = String(decoding: bytes[0..<headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers: [(name: String, value: String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = Array(bytes[(headerEnd + 4)...])
        let response = RawHTTPResponse(status: status, headers: headers, body: body)
        let length = response.header("Content-Length").flatMap { Int($0) }
        return (response, length.map { body.count >= $0 } ?? false)
    }
}
