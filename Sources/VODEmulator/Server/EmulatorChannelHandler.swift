import AlibabaCloud
import NIOCore
import NIOHTTP1

/// Adapts the transport-neutral pipeline (``RequestProcessor``) to a SwiftNIO HTTP/1.1 connection.
///
/// One instance per connection, used on its event loop only. A complete request (head and body) becomes an
/// ``IncomingRequest`` with the raw request target and the TCP peer address; the pipeline (asynchronous: its
/// state is an actor, and journal commits wait for `fsync`) runs as a task whose executor is this
/// connection's event loop (``EventLoopTaskExecutor``), and the answer is written as one flush — head, body and end leave in a single `writev`, and `TCP_NODELAY`
/// is set on the socket, so no Nagle delay sits between them. Pipelined requests are answered in order by
/// NIO's `HTTPServerPipelineHandler`, which holds the next request back until this one's answer is written.
///
/// Keep-alive follows the request (HTTP/1.1 default keep-alive, `Connection: close`, HTTP/1.0); while the
/// emulator stops, answers say `Connection: close` and the connection is closed after them. An injected
/// drop closes the connection without a byte (``ConnectionDropper``).
final class EmulatorChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Larger bodies are refused with 413 (a SubmitWorkflowJob body is empty or a short form).
    static let maximumBodyBytes = 1 << 20

    private let processor: RequestProcessor
    private let registry: ConnectionRegistry
    private let clock: EmulatorClock

    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false
    private var busy = false
    /// The connection's ``EventLoopTaskExecutor`` (typed `AnyObject` because the type needs macOS 15).
    private var executor: AnyObject?
    /// The `Date` header of the last answer and the second it names: formatted once per second per
    /// connection, not once per answer.
    private var dateHeader: (second: Int64, value: String)?

    init(processor: RequestProcessor, registry: ConnectionRegistry, clock: EmulatorClock) {
        self.processor = processor
        self.registry = registry
        self.clock = clock
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = nil
            self.tooLarge = false
            busy = true
            registry.markBusy(context.channel)
        case .body(var chunk):
            guard !tooLarge else { return }
            if (body?.readableBytes ?? 0) + chunk.readableBytes > Self.maximumBodyBytes {
                tooLarge = true
                body = nil
            } else if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let keepAlive = head.isKeepAlive
            if tooLarge {
                let response = EmulatorResponse(status: 413, headers: [("Content-Type", "text/plain;charset=utf-8")],
                                                body: Array("the request body is larger than \(Self.maximumBodyBytes) bytes\n".utf8))
                write(response, version: head.version, keepAlive: false, context: context)
                return
            }
            var headers: [SignableRequest.Header] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers {
                headers.append(SignableRequest.Header(name, value))
            }
            let bodyBytes = body.map { Array($0.readableBytesView) } ?? []
            body = nil
            let incoming = IncomingRequest(method: head.method.rawValue, target: head.uri, headers: headers, body: bodyBytes,
                                           peerAddress: context.channel.remoteAddress?.ipAddress)
            let processor = self.processor
            let version = head.version
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            let work: @Sendable () async -> Void = {
                let outcome = await processor.process(incoming)
                bound.eventLoop.execute {
                    let (handler, context) = bound.value
                    switch outcome {
                    case .respond(let response):
                        handler.write(response, version: version, keepAlive: keepAlive, context: context)
                    case .dropConnection:
                        handler.finishRequest(context: context)
                        ConnectionDropper.drop(context)
                    }
                }
            }
            if #available(macOS 15.0, *) {
                if executor == nil { executor = EventLoopTaskExecutor(eventLoop: context.eventLoop) }
                Task(executorPreference: executor as? EventLoopTaskExecutor) { await work() }
            } else {
                Task { await work() }
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // An idle connection (no request for the request timeout) is closed; one whose answer is still
        // being prepared (a latency fault) is left alone.
        if event is IdleStateHandler.IdleStateEvent {
            if !busy { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset by the peer or a malformed request (NIO's error handler has answered 400): close quietly.
        context.close(promise: nil)
    }

    private func write(_ response: EmulatorResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        let close = !keepAlive || registry.isDraining
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 4)
        var hasLength = false
        var hasDate = false
        for header in response.headers {
            headers.add(name: header.name, value: header.value)
            hasLength = hasLength || HeaderName.matches(header.name, lowercased: "content-length")
            hasDate = hasDate || HeaderName.matches(header.name, lowercased: "date")
        }
        if hasLength {
            headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        } else {
            headers.add(name: "Content-Length", value: String(response.body.count))
        }
        if !hasDate {
            headers.add(name: "Date", value: date())
        }
        if close {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if version.major == 1 && version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: ReasonPhrase.phrase(for: response.status))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let stopping = finishRequest(context: context)
        if close || stopping {
            written.futureResult.assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    /// The `Date` header for now, reusing the last one within the same second.
    private func date() -> String {
        let now = clock.date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        if let dateHeader, dateHeader.second == second { return dateHeader.value }
        let value = HTTPDate.string(from: now)
        dateHeader = (second, value)
        return value
    }

    /// Marks the connection idle; returns whether the emulator is stopping (then the caller closes it).
    @discardableResult
    private func finishRequest(context: ChannelHandlerContext) -> Bool {
        busy = false
        return registry.markIdle(context.channel)
    }
}
