import Foundation

/// The ``ActionShape`` of every action text a linter has seen, shared by the threads that lint
/// documents with it.
///
/// A lookup is one FNV hash over the text (``TextIndex``) with a lock held; computing a shape is a
/// scan, a fold, a catalogue lookup and a service-code search. A `[String: ActionShape]` cost four
/// times the lookup here (a seeded SipHash, and copying the shape out of its storage). The table
/// starts over once it holds ``limit`` texts, which bounds its memory on hostile input. `NSLock`
/// rather than `Synchronization.Mutex`, which needs macOS 15 (the package supports macOS 13).
final class ActionShapeCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`: the texts, numbered, and their shapes in the same order.
    /// Unchecked exclusivity: every access is under the lock, and the runtime's checks were a fifth of
    /// a lookup.
    @exclusivity(unchecked) private var index = TextIndex(expected: 1_024)
    @exclusivity(unchecked) private var shapes: [ActionShape] = []
    static let limit = 8_192

    /// The shape of `text` (whose ``TextIndex/hash(_:)`` is `hash`), made with `make` (under the lock)
    /// the first time it is asked for.
    func shape(of text: String, hash: UInt64, make: () -> ActionShape) -> ActionShape {
        lock.lock()
        defer { lock.unlock() }
        if index.count >= Self.limit {
            index = TextIndex(expected: 1_024)
            shapes.removeAll(keepingCapacity: true)
        }
        let (number, inserted) = index.insert(text, hash: hash)
        if inserted { shapes.append(make()) }
        return shapes[number]
    }
}
