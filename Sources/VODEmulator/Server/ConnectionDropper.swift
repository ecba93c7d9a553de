import NIOCore

/// Closes a connection without writing a single byte of response.
///
/// The injected faults `dropBeforeProcessing` and `dropAfterProcessing` must look to the client exactly like
/// a crash or a network cut: the request went out, and the connection ended with no status line. Closing the
/// channel (a FIN, no RST) with nothing written does that; the HTTP pipeline never sees a response part, so
/// it cannot add one (such as an error page) on its own.
enum ConnectionDropper {
    static func drop(_ context: ChannelHandlerContext) {
        context.close(promise: nil)
    }
}
