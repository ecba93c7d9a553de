import FlyingFox

/// Closes a connection without writing a single byte of response.
///
/// FlyingFox always answers a handled request, so the drop uses its protocol-upgrade path: for an upgrade
/// response it asks the handler for its frame stream *before* writing the status line, and when that
/// throws, the server logs the error and closes the socket. The client sees the connection end with no
/// response — exactly what a crash or network cut after (or before) processing looks like.
struct ConnectionDropper: WSHandler {
    struct Dropped: Error {}

    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
