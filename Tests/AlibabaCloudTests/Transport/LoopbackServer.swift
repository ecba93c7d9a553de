import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP server on 127.0.0.1 for transport tests: it reads each request's head, records it, then
/// answers, drops, hangs or sends garbage — the same way for every request, or request by request from a
/// script. One thread accepts; each connection is served on a thread of its own (a client with a
/// connection pool may open a second connection while the first is kept alive).
final class LoopbackServer: @unchecked Sendable {
    indirect enum Behaviour: Sendable {
        /// Answer with these bytes, then close the connection.
        case respond(String)
        /// Answer with these bytes and keep the connection open for the next request.
        case keepAlive(String)
        /// Close the connection without answering.
        case drop
        /// Never answer; keep the connection open until ``stop()``.
        case hang
        /// Answer with bytes that are not HTTP, then close.
        case garbage
        /// The n-th request (counted over all connections) gets the n-th behaviour; the last one repeats.
        case script([Behaviour])
    }

    let port: UInt16
    private let listener: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var heads: [String] = []
    private var acceptedCount = 0
    private var open: [Int32] = []
    private var stopped = false

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        self.listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// The request heads received so far.
    var received: [String] { lock.lock(); defer { lock.unlock() }; return heads }

    /// How many connections were accepted so far.
    var connections: Int { lock.lock(); defer { lock.unlock() }; return acceptedCount }

    /// Wakes the accept loop and every connection with `shutdown(2)`; only the thread that owns a
    /// descriptor (the accept loop its listener, a connection's thread its socket) ever *closes* it, once. A descriptor closed twice, or used after close, may by then belong to
    /// another test running in parallel (an emulator's job journal or listening socket) — this once made
    /// `DurabilityTests` lose an acknowledged job. Idempotent.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
        for s in open { shutdown(s, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped { lock.unlock(); close(client); return }
            open.append(client)
            acceptedCount += 1
            lock.unlock()
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    /// Serves one connection until it is finished; the only place `client` is closed.
    private func serve(_ client: Int32) {
        defer {
            lock.lock()
            open.removeAll { $0 == client }
            lock.unlock()
            close(client)
        }
        func reply(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        while true {
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !data.containsHeadEnd {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { break }
                data += buffer[0..<n]
            }
            guard !data.isEmpty else { return }  // the client closed an idle connection, or stop()
            lock.lock()
            let index = heads.count
            heads.append(String(decoding: data, as: UTF8.self))
            lock.unlock()
            var action = behaviour
            if case .script(let steps) = behaviour {
                action = steps.isEmpty ? .drop : steps[min(index, steps.count - 1)]
            }
            switch action {
            case .respond(let raw):
                reply(raw)
                return
            case .keepAlive(let raw):
                reply(raw)
            case .drop, .script:
                return
            case .garbage:
                reply("NOT HTTP AT ALL\r\n\r\n")
                return
            case .hang:
                // Keep it open until stop() shuts it down: wait for the end of the stream.
                while recv(client, &buffer, buffer.count, 0) > 0 {}
                return
            }
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return true }
        return false
    }
}
