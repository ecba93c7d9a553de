import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-behaviour HTTP server on 127.0.0.1 for transport tests: it reads each request's head, records
/// it, then answers, drops, hangs or sends garbage.
final class LoopbackServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        case respond(String)
        case drop
        case hang
        case garbage
    }

    let port: UInt16
    private let listener: Int32
    private let behaviour: Behaviour
    private let lock = NSLock()
    private var heads: [String] = []
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

    /// Wakes the accept loop and every connection with `shutdown(2)`; only the loop's thread ever
    /// *closes* a descriptor, once. A descriptor closed twice, or used after close, may by then belong to
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
        defer {
            lock.lock()
            let sockets = open
            open = []
            lock.unlock()
            for s in sockets { close(s) }
            close(listener)
        }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped { lock.unlock(); close(client); return }
            open.append(client)
            lock.unlock()
            // Closes `client` once, here, and forgets it; a hanging client is closed when the loop ends.
            func finish() {
                lock.lock()
                if let index = open.firstIndex(of: client) {
                    open.remove(at: index)
                    lock.unlock()
                    close(client)
                } else {
                    lock.unlock()
                }
            }
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !data.containsHeadEnd {
                let n = recv(client, &buffer, buffer.count, 0)
                if n <= 0 { break }
                data += buffer[0..<n]
            }
            lock.lock()
            heads.append(String(decoding: data, as: UTF8.self))
            lock.unlock()
            switch behaviour {
            case .respond(let raw):
                let bytes = Array(raw.utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
                finish()
            case .drop:
                finish()
            case .garbage:
                let bytes = Array("NOT HTTP AT ALL\r\n\r\n".utf8)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
                finish()
            case .hang:
                break  // keep it open until stop()
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
