/// What to do with a request: answer it, or close the connection without a word (an injected drop).
public enum ProcessingOutcome: Sendable, Hashable {
    case respond(EmulatorResponse)
    /// Close the connection without sending a status line.
    case dropConnection
}
