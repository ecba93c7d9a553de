import NIOConcurrencyHelpers
import NIOCore

/// The emulator's open connections and whether each is in the middle of a request, so that ``VODEmulator/stop(timeout:)``
/// can close idle keep-alive connections at once, let busy ones finish their answer, and force-close
/// whatever is left when the grace period ends.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        var channel: any Channel
        var busy: Bool
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var draining = false
    }

    private let state = NIOLockedValueBox(State())

    /// Records a new connection; `false` when the emulator is already stopping (the caller closes it).
    func register(_ channel: any Channel) -> Bool {
        state.withLockedValue { state in
            guard !state.draining else { return false }
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, busy: false)
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = state.withLockedValue { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// A request arrived on `channel`.
    func markBusy(_ channel: any Channel) {
        state.withLockedValue { $0.entries[ObjectIdentifier(channel)]?.busy = true }
    }

    /// The answer to the request on `channel` was written. Returns whether the connection should now be
    /// closed because the emulator is stopping.
    func markIdle(_ channel: any Channel) -> Bool {
        state.withLockedValue { state in
            state.entries[ObjectIdentifier(channel)]?.busy = false
            return state.draining
        }
    }

    /// Whether the emulator is stopping (answers then carry `Connection: close`).
    var isDraining: Bool { state.withLockedValue { $0.draining } }

    /// Starts draining: returns the idle connections (to close now) and whether busy ones remain.
    func beginDraining() -> (idle: [any Channel], busy: Int) {
        state.withLockedValue { state in
            state.draining = true
            let idle = state.entries.values.filter { !$0.busy }.map(\.channel)
            return (idle, state.entries.values.filter(\.busy).count)
        }
    }

    /// Connections still open.
    var open: [any Channel] { state.withLockedValue { $0.entries.values.map(\.channel) } }
}
