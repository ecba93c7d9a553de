import AlibabaCloud
import NIOCore
import NIOHTTP1
import NIOTLS

/// The last handler of a client connection: makes the connection ready (TCP, then for `https://` the TLS
/// handshake), then runs **one exchange at a time** on it — writes the request of an ``HTTPExchange``,
/// collects the answer, completes the exchange's promise — and hands the connection back to the pool when
/// the answer allows keep-alive.
///
/// It never writes a request on its own: an exchange is written once, when it arrives, and whatever
/// happens afterwards (a timeout, the connection closing, an unreadable answer) fails that exchange as
/// ``ExchangeFailure/Phase/exchanging`` — possibly sent. Failures before the connection is ready fail the
/// connection's `ready` promise as ``ExchangeFailure/Phase/establishing``: no request has been given to it.
///
/// Timers: while establishing, the connect deadline (TCP connect and TLS handshake together); during an
/// exchange, one timer for the read timeout (reset by every byte that arrives) and the overall deadline;
/// while pooled, the idle timeout (``HTTPClientPool/idleTimeout``), after which the pool drops and closes
/// the connection unless it has been taken meanwhile.
///
/// Used on its channel's event loop only.
final class HTTPConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    private struct Exchanging {
        var exchange: HTTPExchange
        var keepAliveRequested: Bool
        var head: HTTPResponseHead?
        var body: ByteBuffer?
        var lastRead: NIODeadline
    }

    private enum State {
        case establishing
        case idle
        case exchanging(Exchanging)
        case closed
    }

    private var state: State = .establishing
    private let ready: EventLoopPromise<Void>
    private let secure: Bool
    private let connectDeadline: NIODeadline
    private let pool: HTTPClientPool
    private let origin: HTTPTarget.Origin
    private var timer: Scheduled<Void>?
    private var idleSince = NIODeadline.uptimeNanoseconds(0)
    private var idleTimerArmed = false

    init(ready: EventLoopPromise<Void>, secure: Bool, connectDeadline: NIODeadline, pool: HTTPClientPool, origin: HTTPTarget.Origin) {
        self.ready = ready
        self.secure = secure
        self.connectDeadline = connectDeadline
        self.pool = pool
        self.origin = origin
    }

    // MARK: Establishing

    func handlerAdded(context: ChannelHandlerContext) {
        // TCP connect has its own timeout (the bootstrap's); this one also covers the TLS handshake.
        if secure {
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: connectDeadline) { [self] in
                guard case .establishing = state else { return }
                failEstablishing(.connectTimeout, context: context)
            }
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !secure, case .establishing = state {
            state = .idle
            ready.succeed(())
        }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .establishing = state, let event = event as? TLSUserEvent, case .handshakeCompleted(let negotiated) = event {
            guard negotiated == nil || negotiated == "http/1.1" else {
                failEstablishing(.unsupportedApplicationProtocol, context: context)
                return
            }
            cancelTimer()
            state = .idle
            ready.succeed(())
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func failEstablishing(_ reason: ExchangeFailure.Reason, context: ChannelHandlerContext) {
        cancelTimer()
        state = .closed
        ready.fail(ExchangeFailure(.establishing, reason))
        context.close(promise: nil)
    }

    // MARK: Exchanging

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard case .idle = state else {
            // Closed between being taken from the pool and now (or a programming error: two exchanges).
            let failure = ExchangeFailure(.exchanging, .closedBeforeAnswer)
            exchange.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        let now = NIODeadline.now()
        state = .exchanging(Exchanging(exchange: exchange, keepAliveRequested: exchange.head.isKeepAlive, lastRead: now))
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if !exchange.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: exchange.body.count)
            buffer.writeBytes(exchange.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
        armReadTimer(at: min(now + exchange.readTimeout, exchange.deadline), context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .exchanging(var current) = state else {
            // Bytes on an idle connection: an answer nobody asked for. The connection cannot be trusted.
            state = .closed
            pool.remove(context.channel, origin: origin)
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard head.status.code >= 200 else { return }  // an interim (1xx) answer; the final one follows
            current.lastRead = NIODeadline.now()
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > current.exchange.maximumResponseBytes {
                failExchange(current, .responseTooLarge(limit: current.exchange.maximumResponseBytes), context: context)
                return
            }
            current.head = head
            state = .exchanging(current)
        case .body(var chunk):
            current.lastRead = NIODeadline.now()
            let total = (current.body?.readableBytes ?? 0) + chunk.readableBytes
            guard total <= current.exchange.maximumResponseBytes else {
                failExchange(current, .responseTooLarge(limit: current.exchange.maximumResponseBytes), context: context)
                return
            }
            // Drop the reference while appending so the buffer is not copied on write.
            state = .closed
            if current.body == nil {
                current.body = chunk
            } else {
                current.body!.writeBuffer(&chunk)
            }
            state = .exchanging(current)
        case .end:
            guard let head = current.head else {
                failExchange(current, .underlying(HTTPParserError.invalidEOFState), context: context)
                return
            }
            cancelTimer()
            var headers: [SignableRequest.Header] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers {
                headers.append(SignableRequest.Header(name, value))
            }
            let body = current.body.map { Array($0.readableBytesView) } ?? []
            let response = HTTPResponse(status: Int(head.status.code), headers: headers, body: body)
            if current.keepAliveRequested && head.isKeepAlive {
                // Back to the pool *before* the caller hears the answer, so its next call finds it there.
                state = .idle
                idleSince = NIODeadline.now()
                armIdleTimer(context: context)
                pool.release(context.channel, origin: origin, idleSince: idleSince)
            } else {
                state = .closed
                context.close(promise: nil)
            }
            current.exchange.promise.succeed(response)
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is CancelExchangeEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        if case .exchanging(let current) = state {
            failExchange(current, .cancelled, context: context)
        }
        promise?.succeed(())
    }

    private func failExchange(_ current: Exchanging, _ reason: ExchangeFailure.Reason, context: ChannelHandlerContext) {
        cancelTimer()
        state = .closed
        current.exchange.promise.fail(ExchangeFailure(.exchanging, reason))
        context.close(promise: nil)
    }

    private func armReadTimer(at deadline: NIODeadline, context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timer = nil
            guard case .exchanging(let current) = state else { return }
            let now = NIODeadline.now()
            if now >= current.exchange.deadline {
                failExchange(current, .deadlineExceeded, context: context)
            } else if now >= current.lastRead + current.exchange.readTimeout {
                failExchange(current, .readTimeout, context: context)
            } else {
                armReadTimer(at: min(current.lastRead + current.exchange.readTimeout, current.exchange.deadline), context: context)
            }
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    // MARK: Idle in the pool

    /// One idle timer per connection, re-armed lazily: a connection that goes back to the pool after every
    /// call would otherwise schedule and cancel a timer per call.
    private func armIdleTimer(context: ChannelHandlerContext) {
        guard !idleTimerArmed else { return }
        idleTimerArmed = true
        scheduleIdleCheck(at: idleSince + HTTPClientPool.idleTimeout, context: context)
    }

    private func scheduleIdleCheck(at deadline: NIODeadline, context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            guard case .idle = state else {
                idleTimerArmed = false
                return
            }
            let expiry = idleSince + HTTPClientPool.idleTimeout
            if NIODeadline.now() < expiry {
                scheduleIdleCheck(at: expiry, context: context)
                return
            }
            idleTimerArmed = false
            // Taken from the pool meanwhile (its request is on the way): leave it to that request.
            if pool.removeIfIdle(context.channel, origin: origin) {
                state = .closed
                context.close(promise: nil)
            }
        }
    }

    // MARK: Errors and closing

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch state {
        case .establishing:
            failEstablishing(.underlying(error), context: context)
        case .exchanging(let current):
            failExchange(current, .underlying(error), context: context)
        case .idle:
            state = .closed
            pool.remove(context.channel, origin: origin)
            context.close(promise: nil)
        case .closed:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        switch state {
        case .establishing:
            ready.fail(ExchangeFailure(.establishing, .closedWhileConnecting))
        case .exchanging(let current):
            current.exchange.promise.fail(ExchangeFailure(.exchanging, .closedBeforeAnswer))
        case .idle, .closed:
            break
        }
        state = .closed
        pool.remove(context.channel, origin: origin)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        // Never leave the promise open (the channel was torn down before it became ready).
        ready.fail(ExchangeFailure(.establishing, .closedWhileConnecting))
    }
}

@available(*, unavailable)
extension HTTPConnectionHandler: Sendable {}
